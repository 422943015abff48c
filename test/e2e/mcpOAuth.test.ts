// End-to-end: OAuth for remote MCP servers. `wright mcp login` runs the authorization-code flow with
// PKCE against an SDK-built authorization server on loopback, with a scripted "browser"
// ($BROWSER = test/support/mcp/fakeBrowser.mjs); later sessions reach the protected server with the
// stored tokens, refreshing them, and fall back to `needs-auth` when they no longer work.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, replyFrom, text, toolUse } from '../support/script.js';
import { startOAuthMcpServer, type OAuthMcpServer } from '../support/mcp/oauthServer.js';
import { finished, makeWorkspace, runWright, spawnWright, streamEvents, toolResultsIn, transcriptFiles, waitFor, type Provider, type Workspace } from './harness.js';

const FAKE_BROWSER = join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'mcp', 'fakeBrowser.mjs');

const oauthFile = (workspace: Workspace) => join(workspace.configDir, 'mcp-oauth.json');
const browserLog = (workspace: Workspace) => join(workspace.home, 'browser.log');
const browserSteps = (workspace: Workspace): any[] =>
  existsSync(browserLog(workspace)) ? readFileSync(browserLog(workspace), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];

function browserEnv(workspace: Workspace, mode = 'follow'): Record<string, string> {
  return { BROWSER: `${process.execPath} ${FAKE_BROWSER}`, FAKE_BROWSER_MODE: mode, FAKE_BROWSER_LOG: browserLog(workspace) };
}

/** `notes` in the user's MCP file. */
function configure(workspace: Workspace, entry: Record<string, unknown>): void {
  mkdirSync(workspace.configDir, { recursive: true });
  writeFileSync(join(workspace.configDir, 'mcp.json'), JSON.stringify({ mcpServers: { notes: { type: 'http', ...entry } } }));
}

function storedRecords(workspace: Workspace): Record<string, any> {
  return JSON.parse(readFileSync(oauthFile(workspace), 'utf8')).servers;
}

function storedTokens(workspace: Workspace, url: string): any {
  return storedRecords(workspace)[`notes|${url}`]?.tokens;
}

async function login(workspace: Workspace, mode = 'follow') {
  const run = await runWright(['mcp', 'login', 'notes'], { workspace, env: browserEnv(workspace, mode) });
  // The browser runs detached and may still be writing down the callback's answer.
  if (mode !== 'idle' && browserSteps(workspace).some((step) => step.step === 'opened')) {
    await waitFor(() => browserSteps(workspace).some((step) => step.kind === 'real'), 30_000);
  }
  return run;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const initOf = (events: any[]) => events.find((event) => event.type === 'system' && event.subtype === 'init');

describe('wright mcp login / logout', () => {
  let oauth: OAuthMcpServer;
  before(async () => (oauth = await startOAuthMcpServer()));
  after(() => oauth.close());

  test('login runs the browser flow with PKCE and stores the tokens 0600, without the verifier', async () => {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    const run = await login(workspace);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Authenticated with MCP server "notes" \(scopes: notes:read notes:write; 2 tools\)/);
    // The URL is always printed, whether or not a browser opens.
    const opened = browserSteps(workspace).find((step) => step.step === 'opened');
    assert.ok(run.stdout.includes(opened.url), run.stdout);
    const authorize = new URL(opened.url);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('redirect_uri')!, /^http:\/\/localhost:\d+\/callback$/);

    assert.equal(statSync(oauthFile(workspace)).mode & 0o777, 0o600);
    const tokens = storedTokens(workspace, oauth.url);
    assert.match(tokens.access_token, /^at-/);
    assert.match(tokens.refresh_token, /^rt-/);
    const exchange = oauth.log.tokenRequests.filter((request) => request.grantType === 'authorization_code').at(-1)!;
    assert.ok(exchange.codeVerifier, 'the token request carried a PKCE verifier');
    const file = readFileSync(oauthFile(workspace), 'utf8');
    assert.ok(!file.includes(exchange.codeVerifier!), 'the verifier is not stored');
    assert.doesNotMatch(file, /verifier/i);
    assert.ok(!run.stdout.includes(tokens.access_token) && !run.stderr.includes(tokens.access_token), 'tokens are never printed');

    const get = await runWright(['mcp', 'get', 'notes'], { workspace });
    assert.match(get.stdout, /Auth: authenticated \(OAuth, scopes: notes:read notes:write\)/);
    const list = await runWright(['mcp', 'list'], { workspace });
    assert.match(list.stdout, /notes: .* - connected \(2 tools\) · authenticated/);
  });

  test('a second login reuses the registered client and its callback port instead of registering again', async () => {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    const registrations = oauth.log.registrations.length;
    assert.equal((await login(workspace)).code, 0);
    const first = storedTokens(workspace, oauth.url);
    assert.equal((await login(workspace)).code, 0);
    assert.equal(oauth.log.registrations.length, registrations + 1);
    const [a, b] = oauth.log.authorizations.slice(-2);
    assert.equal(a!.redirectUri, b!.redirectUri);
    assert.notEqual(storedTokens(workspace, oauth.url).access_token, first.access_token, 'a login always authorizes afresh');
  });

  test('a pre-configured client id and secret and a fixed callback port skip registration', async () => {
    const workspace = makeWorkspace();
    const port = await freePort();
    oauth.preRegister({
      client_id: 'preset-client',
      client_secret: 'preset-secret',
      redirect_uris: [`http://localhost:${port}/callback`],
      token_endpoint_auth_method: 'client_secret_post',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
    });
    configure(workspace, { url: oauth.url, oauth: { clientId: 'preset-client', clientSecret: '${PRESET_SECRET}', callbackPort: port } });
    const registrations = oauth.log.registrations.length;
    const run = await runWright(['mcp', 'login', 'notes'], { workspace, env: { ...browserEnv(workspace), PRESET_SECRET: 'preset-secret' } });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(oauth.log.registrations.length, registrations);
    const authorization = oauth.log.authorizations.at(-1)!;
    assert.equal(authorization.redirectUri, `http://localhost:${port}/callback`);
    assert.equal(oauth.log.tokenRequests.at(-1)!.clientId, 'preset-client');
    const record = storedRecords(workspace)[`notes|${oauth.url}`];
    assert.ok(record.tokens.access_token);
    assert.equal(record.client, undefined, 'the configured client is not copied into the store');
    assert.ok(!readFileSync(oauthFile(workspace), 'utf8').includes('preset-secret'));
  });

  test('without dynamic client registration the login says to configure a client id', async () => {
    const closed = await startOAuthMcpServer({ registration: false });
    try {
      const workspace = makeWorkspace();
      configure(workspace, { url: closed.url });
      const run = await login(workspace);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /does not support dynamic client registration\. Register wright with the provider and set "oauth": \{ "clientId": "…" \}/);
      assert.equal(browserSteps(workspace).length, 0);
    } finally {
      await closed.close();
    }
  });

  test('a callback with a forged state is turned away; the real one completes the login', async () => {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    const exchangesBefore = oauth.log.tokenRequests.length;
    const run = await login(workspace, 'forged-state-first');
    assert.equal(run.code, 0, run.stderr);
    const callbacks = browserSteps(workspace).filter((step) => step.step === 'callback');
    assert.deepEqual(
      callbacks.map((step) => [step.kind, step.status]),
      [['forged', 400], ['real', 200]],
    );
    assert.match(callbacks[0].body, /state does not match/);
    // Only the real code was exchanged.
    assert.equal(oauth.log.tokenRequests.length, exchangesBefore + 1);
    assert.ok(storedTokens(workspace, oauth.url));
  });

  test('an authorization the user refuses fails the login with the server\'s reason and stores no tokens', async () => {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    oauth.denyNextAuthorization();
    const run = await login(workspace);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /signing in to MCP server "notes" failed: the authorization server answered "access_denied": The user said no\./);
    assert.equal(storedTokens(workspace, oauth.url), undefined);
  });

  test('Ctrl+C while waiting for the browser cancels cleanly', async () => {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    const child = spawnWright(['mcp', 'login', 'notes'], { workspace, env: browserEnv(workspace, 'idle') });
    const done = finished(child);
    let stdout = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    await waitFor(() => stdout.includes('Waiting for the sign-in'), 30_000);
    child.kill('SIGINT');
    const run = await done;
    assert.equal(run.code, 130, run.stderr);
    assert.match(run.stderr, /sign-in cancelled/);
    assert.doesNotMatch(run.stderr, /at .*\.js:\d+/, 'no stack trace');
    assert.equal(existsSync(oauthFile(workspace)) ? storedTokens(workspace, oauth.url) : undefined, undefined);
  });

  test('logout forgets the server\'s credentials; a stdio server or an unknown name cannot log in', async () => {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    assert.equal((await login(workspace)).code, 0);
    const out = await runWright(['mcp', 'logout', 'notes'], { workspace });
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /Removed the stored OAuth credentials of MCP server "notes"/);
    assert.deepEqual(storedRecords(workspace), {});
    assert.equal(statSync(oauthFile(workspace)).mode & 0o777, 0o600);
    const again = await runWright(['mcp', 'logout', 'notes'], { workspace });
    assert.match(again.stdout, /No stored OAuth credentials for MCP server "notes"/);
    const get = await runWright(['mcp', 'get', 'notes'], { workspace });
    assert.match(get.stdout, /Auth: not authenticated; if the server needs auth, run `wright mcp login notes`/);

    writeFileSync(join(workspace.configDir, 'mcp.json'), JSON.stringify({ mcpServers: { local: { command: 'true' } } }));
    const stdio = await runWright(['mcp', 'login', 'local'], { workspace });
    assert.equal(stdio.code, 1);
    assert.match(stdio.stderr, /only http and sse servers sign in with OAuth/);
    const unknown = await runWright(['mcp', 'login', 'nobody'], { workspace });
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no MCP server named "nobody"/);
  });
});

test('wright mcp remove also forgets the removed server\'s OAuth credentials', async () => {
  const oauth = await startOAuthMcpServer();
  try {
    const workspace = makeWorkspace();
    configure(workspace, { url: oauth.url });
    assert.equal((await login(workspace)).code, 0);
    assert.ok(storedTokens(workspace, oauth.url));
    const removed = await runWright(['mcp', 'remove', 'notes', '--scope', 'user'], { workspace });
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Removed its stored OAuth credentials\./);
    assert.deepEqual(storedRecords(workspace), {});
  } finally {
    await oauth.close();
  }
});

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`sessions with an OAuth-protected MCP server over the ${provider} protocol`, () => {
    let model: ModelServer;
    let oauth: OAuthMcpServer;
    before(async () => {
      model = await startModelServer();
      oauth = await startOAuthMcpServer();
    });
    after(async () => {
      await model.close();
      await oauth.close();
    });

    const shout = async (workspace: Workspace, words: string) => {
      model.push(reply([toolUse('mcp__notes__shout', { text: words })]), reply([text('Shouted.')]));
      return runWright(['-p', 'shout', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'mcp__notes'], { workspace, server: model, provider, env: browserEnv(workspace, 'idle') });
    };
    const lastResult = () => toolResultsIn(model.requests.at(-1)!.body).at(-1)!;

    test('after login a session calls the protected server\'s tool; the token stays out of output and transcript', async () => {
      const workspace = makeWorkspace();
      configure(workspace, { url: oauth.url });
      assert.equal((await login(workspace)).code, 0);
      const tokens = storedTokens(workspace, oauth.url);
      // `whoami` answers with the token the request carried: the model sees it, what wright writes does not.
      model.push(reply([toolUse('mcp__notes__shout', { text: 'quiet words' })]), reply([toolUse('mcp__notes__whoami', {})]), reply([text('Shouted.')]));
      const run = await runWright(['-p', 'shout', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'mcp__notes'], { workspace, server: model, provider, env: browserEnv(workspace, 'idle') });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [{ name: 'notes', status: 'connected' }]);
      const [shouted, whoami] = toolResultsIn(model.requests.at(-1)!.body).slice(-2);
      assert.equal(shouted, 'QUIET WORDS');
      assert.match(whoami!, new RegExp(`with token ${tokens.access_token}$`));
      assert.match(run.stdout, /with token \[REDACTED\]/);
      assert.ok(oauth.log.mcpRequests.some((request) => request.authorization === `Bearer ${tokens.access_token}`));
      const transcripts = transcriptFiles(workspace).map((path) => readFileSync(path, 'utf8')).join('\n');
      assert.match(transcripts, /QUIET WORDS/);
      assert.match(transcripts, /with token \[REDACTED\]/);
      for (const secret of [tokens.access_token, tokens.refresh_token]) {
        assert.ok(!transcripts.includes(secret), 'token in the transcript');
        assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), 'token in the output');
      }
    });

    test('an expired access token is refreshed transparently and the new tokens are stored', async () => {
      const workspace = makeWorkspace();
      configure(workspace, { url: oauth.url });
      assert.equal((await login(workspace)).code, 0);
      const before = storedTokens(workspace, oauth.url);
      oauth.expireAccessTokens();
      const refreshes = oauth.log.tokenRequests.filter((request) => request.grantType === 'refresh_token').length;
      const run = await shout(workspace, 'still here');
      assert.equal(run.code, 0, run.stderr);
      assert.equal(lastResult(), 'STILL HERE');
      assert.equal(oauth.log.tokenRequests.filter((request) => request.grantType === 'refresh_token').length, refreshes + 1);
      const after = storedTokens(workspace, oauth.url);
      assert.notEqual(after.access_token, before.access_token);
      // The server rotates refresh tokens: the new one must be kept, or the next refresh fails.
      assert.notEqual(after.refresh_token, before.refresh_token);
      assert.equal(statSync(oauthFile(workspace)).mode & 0o777, 0o600);
      assert.doesNotMatch(run.stderr, /warning/i);
    });

    test('a revoked refresh token leaves the server needing auth, with the login hint, not a crash', async () => {
      const workspace = makeWorkspace();
      configure(workspace, { url: oauth.url });
      assert.equal((await login(workspace)).code, 0);
      oauth.expireAccessTokens();
      oauth.revokeRefreshTokens();
      const browserSteps0 = browserSteps(workspace).length;
      model.push(reply([text('No MCP tools today.')]));
      const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server: model, provider, env: browserEnv(workspace, 'idle') });
      assert.equal(run.code, 0, run.stderr);
      const init = initOf(streamEvents(run));
      assert.deepEqual(init.mcp_servers, [{ name: 'notes', status: 'needs-auth' }]);
      assert.ok(!init.tools.some((tool: string) => tool.startsWith('mcp__notes')));
      assert.match(run.stderr, /MCP server "notes" needs authentication: run `wright mcp login notes` \(or \/mcp login notes in a session\)/);
      assert.doesNotMatch(run.stderr, /failed to connect|Unauthorized|at .*\.js:\d+/);
      assert.equal(browserSteps(workspace).length, browserSteps0, 'a session never opens a browser');
      const list = await runWright(['mcp', 'list'], { workspace });
      assert.match(list.stdout, /notes: .* - needs auth: run `wright mcp login notes`/);
    });

    test('tokens revoked mid-session turn the next call into a sign-in request for the user', async () => {
      const workspace = makeWorkspace();
      configure(workspace, { url: oauth.url });
      assert.equal((await login(workspace)).code, 0);
      model.push(
        reply([toolUse('mcp__notes__shout', { text: 'first' })]),
        // Between the two calls the server forgets this client's tokens.
        replyFrom(() => {
          oauth.expireAccessTokens();
          oauth.revokeRefreshTokens();
          return reply([toolUse('mcp__notes__shout', { text: 'second' })]);
        }),
        reply([text('Done.')]),
      );
      const run = await runWright(['-p', 'shout twice', '--output-format', 'json', '--allowedTools', 'mcp__notes'], { workspace, server: model, provider, env: browserEnv(workspace, 'idle') });
      assert.equal(run.code, 0, run.stderr);
      const [first, second] = toolResultsIn(model.requests.at(-1)!.body).slice(-2);
      assert.equal(first, 'FIRST');
      assert.match(second!, /MCP server "notes" needs the user to sign in again: ask them to run `wright mcp login notes` \(or \/mcp login notes in a session\)/);
    });

    test('a server never logged in to needs auth; nothing is registered and no browser opens', async () => {
      const workspace = makeWorkspace();
      configure(workspace, { url: oauth.url });
      const registrations = oauth.log.registrations.length;
      model.push(reply([text('Fine.')]));
      const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server: model, provider, env: browserEnv(workspace, 'follow') });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [{ name: 'notes', status: 'needs-auth' }]);
      assert.equal(oauth.log.registrations.length, registrations);
      assert.equal(browserSteps(workspace).length, 0);
      assert.equal(existsSync(oauthFile(workspace)), false);
    });

    test('an SSE server signs in the same way, and its expired token is refreshed too', async () => {
      const workspace = makeWorkspace();
      writeFileSync(join(workspace.configDir, 'mcp.json'), JSON.stringify({ mcpServers: { notes: { type: 'sse', url: oauth.sseUrl } } }));
      const signedIn = await login(workspace);
      assert.equal(signedIn.code, 0, signedIn.stderr);
      assert.ok(storedTokens(workspace, oauth.sseUrl));
      oauth.expireAccessTokens();
      const run = await shout(workspace, 'over sse');
      assert.equal(run.code, 0, run.stderr);
      assert.equal(lastResult(), 'OVER SSE');
      assert.ok(oauth.log.mcpRequests.some((request) => request.path === '/messages' && request.authorization === `Bearer ${storedTokens(workspace, oauth.sseUrl).access_token}`));
    });

    test('a changed server URL does not reuse the old URL\'s tokens; logout drops them all', async () => {
      const workspace = makeWorkspace();
      configure(workspace, { url: oauth.url });
      assert.equal((await login(workspace)).code, 0);
      configure(workspace, { url: oauth.otherUrl });
      const requestsBefore = oauth.log.mcpRequests.length;
      model.push(reply([text('Fine.')]));
      const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server: model, provider, env: browserEnv(workspace, 'idle') });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [{ name: 'notes', status: 'needs-auth' }]);
      const toOther = oauth.log.mcpRequests.slice(requestsBefore).filter((request) => request.path === '/other/mcp');
      assert.ok(toOther.length > 0);
      assert.ok(toOther.every((request) => request.authorization === ''), 'the old token was presented to the new URL');

      // Logging in at the new URL works and forgets the old URL's credentials.
      assert.equal((await login(workspace)).code, 0);
      assert.deepEqual(Object.keys(storedRecords(workspace)), [`notes|${oauth.otherUrl}`]);
      const shouted = await shout(workspace, 'moved');
      assert.equal(lastResult(), 'MOVED', shouted.stderr);
    });
  });
}
