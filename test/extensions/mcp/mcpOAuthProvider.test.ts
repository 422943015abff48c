import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpLoginRequiredError, McpOAuthProvider, type McpOAuthMode } from '../../../src/extensions/mcp/mcpOAuthProvider.js';
import { McpTokenStore } from '../../../src/extensions/mcp/mcpTokenStore.js';
import type { McpOAuthSettings } from '../../../src/extensions/mcp/mcpServerConfig.js';

const URL_A = 'https://notes.example/mcp';
const registered = { client_id: 'dyn-1', redirect_uris: ['http://localhost:4100/callback'] };
const tokens = { access_token: 'at-1', token_type: 'bearer', refresh_token: 'rt-1' };

function setUp(mode: McpOAuthMode, settings: McpOAuthSettings = {}) {
  const store = new McpTokenStore(join(mkdtempSync(join(tmpdir(), 'wright-oauth-provider-')), 'mcp-oauth.json'));
  const secrets: string[] = [];
  const make = (m: McpOAuthMode = mode) => new McpOAuthProvider({ serverName: 'notes', serverUrl: URL_A, settings, store, mode: m, onSecrets: (values) => secrets.push(...values) });
  return { store, secrets, provider: make(), make };
}

const login = (opened: URL[] = []): McpOAuthMode => ({ kind: 'login', redirectUrl: 'http://localhost:4200/callback', openAuthorizationUrl: (url) => void opened.push(url) });

test('in a session, a server with no registered client asks for a login instead of registering', () => {
  const { provider } = setUp({ kind: 'session' });
  assert.throws(() => provider.clientInformation(), (error: Error) => error instanceof McpLoginRequiredError && /run `wright mcp login notes` \(or \/mcp login notes in a session\)/.test(error.message));
  assert.equal(provider.needsLogin, true);
});

test('in a session, an authorization request never reaches a browser; it flags the login', () => {
  const { provider, store } = setUp({ kind: 'session' });
  store.update('notes', URL_A, (record) => ({ ...record, client: registered }));
  assert.deepEqual(provider.clientInformation(), registered);
  assert.equal(provider.redirectUrl, 'http://localhost:4100/callback', 'the registered redirect URI');
  provider.saveCodeVerifier('v');
  provider.redirectToAuthorization(new URL('https://auth.example/authorize'));
  assert.equal(provider.needsLogin, true);
  assert.doesNotMatch(readFileSync(store.path, 'utf8'), /"v"|verifier/);
});

test('a session presents stored tokens and announces them for redaction; saved tokens replace them', () => {
  const { provider, store, secrets } = setUp({ kind: 'session' });
  store.update('notes', URL_A, (record) => ({ ...record, client: registered, tokens }));
  assert.equal(provider.tokens()?.access_token, 'at-1');
  assert.deepEqual(secrets, ['at-1', 'rt-1']);
  provider.saveTokens({ access_token: 'at-2', token_type: 'bearer', refresh_token: 'rt-2' });
  assert.equal(store.read('notes', URL_A)?.tokens?.access_token, 'at-2');
  assert.ok(typeof store.read('notes', URL_A)?.tokensSavedAt === 'number');
  assert.ok(secrets.includes('rt-2'));
  provider.invalidateCredentials('tokens');
  assert.equal(store.read('notes', URL_A)?.tokens, undefined);
  assert.deepEqual(store.read('notes', URL_A)?.client, registered, 'dropping tokens keeps the client');
});

test('a login ignores stored tokens until it saves new ones, keeps the verifier and state in memory, opens the URL', () => {
  const opened: URL[] = [];
  const { provider, store } = setUp(login(opened));
  store.update('notes', URL_A, (record) => ({ ...record, client: registered, tokens }));
  assert.equal(provider.tokens(), undefined);
  const state = provider.state();
  assert.equal(provider.pendingState, state);
  assert.ok(state.length >= 32);
  assert.notEqual(provider.state(), state, 'each authorization gets a fresh state');
  provider.saveCodeVerifier('pkce-verifier-123');
  assert.equal(provider.codeVerifier(), 'pkce-verifier-123');
  provider.redirectToAuthorization(new URL('https://auth.example/authorize?x=1'));
  assert.equal(opened[0]?.href, 'https://auth.example/authorize?x=1');
  provider.saveTokens({ access_token: 'at-new', token_type: 'bearer' });
  assert.equal(provider.tokens()?.access_token, 'at-new');
  assert.doesNotMatch(readFileSync(store.path, 'utf8'), /pkce-verifier-123/);
  assert.equal(provider.clientMetadata.redirect_uris[0], 'http://localhost:4200/callback');
  assert.equal(provider.clientMetadata.token_endpoint_auth_method, 'none');
});

test('a login on a new callback port forgets a client registered for another redirect URI', () => {
  const { provider, store } = setUp(login());
  store.update('notes', URL_A, (record) => ({ ...record, client: registered }));
  provider.dropClientNotRegisteredFor('http://localhost:4100/callback');
  assert.deepEqual(store.read('notes', URL_A)?.client, registered);
  provider.dropClientNotRegisteredFor('http://localhost:4200/callback');
  assert.equal(store.read('notes', URL_A), undefined);
});

test('a configured client id (and secret) is used as is and never overwritten by a registration', () => {
  const { provider, store } = setUp({ kind: 'session' }, { clientId: 'configured', clientSecret: 'shh', scopes: 'read' });
  assert.deepEqual(provider.clientInformation(), { client_id: 'configured', client_secret: 'shh' });
  provider.saveClientInformation({ client_id: 'other' });
  assert.equal(store.read('notes', URL_A), undefined);
  assert.equal(provider.clientMetadata.token_endpoint_auth_method, 'client_secret_post');
  assert.equal(provider.clientMetadata.scope, 'read');
});

test('rejected tokens are dropped only when they are the ones presented, not ones another process saved since', () => {
  const { make, store } = setUp({ kind: 'session' });
  store.update('notes', URL_A, (record) => ({ ...record, client: registered, tokens }));
  const first = make();
  assert.equal(first.tokens()?.access_token, 'at-1');
  // Another session refreshed meanwhile (rotating the refresh token).
  make().saveTokens({ access_token: 'at-2', token_type: 'bearer', refresh_token: 'rt-2' });
  first.invalidateCredentials('tokens');
  assert.equal(store.read('notes', URL_A)?.tokens?.access_token, 'at-2');
  assert.equal(first.tokens()?.access_token, 'at-2');
  first.invalidateCredentials('tokens');
  assert.equal(store.read('notes', URL_A)?.tokens, undefined);
});
