import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { McpTokenStore, mcpOAuthFile } from '../../../src/extensions/mcp/mcpTokenStore.js';

const tokens = (access: string) => ({ access_token: access, token_type: 'bearer', refresh_token: `r-${access}` });
const mode = (path: string) => statSync(path).mode & 0o777;

test('the store is created 0600 in a new config directory, written whole through a temporary file', () => {
  const configDir = join(mkdtempSync(join(tmpdir(), 'wright-oauth-store-')), 'config');
  const store = new McpTokenStore(mcpOAuthFile(configDir));
  const previous = process.umask(0o022);
  try {
    store.update('notes', 'https://a/mcp', (record) => ({ ...record, tokens: tokens('one') }));
  } finally {
    process.umask(previous);
  }
  assert.equal(mode(store.path), 0o600);
  assert.equal(mode(configDir), 0o700);
  assert.deepEqual(readdirSync(configDir), ['mcp-oauth.json'], 'no temporary file left behind');
  assert.equal(store.read('notes', 'https://a/mcp')?.tokens?.access_token, 'one');
  assert.equal(JSON.parse(readFileSync(store.path, 'utf8')).servers['notes|https://a/mcp'].serverUrl, 'https://a/mcp');
});

test('records are keyed by name and URL: another URL of the same name sees nothing', () => {
  const store = new McpTokenStore(join(mkdtempSync(join(tmpdir(), 'wright-oauth-store-')), 'mcp-oauth.json'));
  store.update('notes', 'https://a/mcp', (record) => ({ ...record, tokens: tokens('one') }));
  assert.equal(store.read('notes', 'https://b/mcp'), undefined);
  assert.equal(store.read('other', 'https://a/mcp'), undefined);
  store.update('notes', 'https://b/mcp', (record) => ({ ...record, tokens: tokens('two') }));
  store.update('other', 'https://a/mcp', (record) => ({ ...record, tokens: tokens('three') }));
  // Keeping one URL removes the name's others; without one, all of the name's records go.
  assert.equal(store.removeServer('notes', 'https://b/mcp'), 1);
  assert.equal(store.read('notes', 'https://b/mcp')?.tokens?.access_token, 'two');
  assert.equal(store.removeServer('notes'), 1);
  assert.equal(store.read('notes', 'https://b/mcp'), undefined);
  assert.equal(store.read('other', 'https://a/mcp')?.tokens?.access_token, 'three');
  // A record left with neither client nor tokens is dropped.
  store.update('other', 'https://a/mcp', () => ({ serverName: 'other', serverUrl: 'https://a/mcp' }));
  assert.deepEqual(JSON.parse(readFileSync(store.path, 'utf8')).servers, {});
});

test('a store file with wider permissions is narrowed to 0600 when read', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wright-oauth-store-')), 'mcp-oauth.json');
  writeFileSync(path, JSON.stringify({ servers: { 'n|u': { serverName: 'n', serverUrl: 'u', tokens: tokens('x') } } }));
  chmodSync(path, 0o644);
  const store = new McpTokenStore(path);
  assert.equal(store.read('n', 'u')?.tokens?.access_token, 'x');
  assert.equal(mode(path), 0o600);
});

test('a broken store file is reported with what to do, not silently replaced', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'wright-oauth-store-')), 'mcp-oauth.json');
  writeFileSync(path, '{ not json');
  const store = new McpTokenStore(path);
  assert.throws(() => store.read('n', 'u'), /is not valid JSON .*remove it and log in again/);
  assert.throws(() => store.update('n', 'u', (record) => ({ ...record, tokens: tokens('x') })), /not valid JSON/);
  assert.equal(readFileSync(path, 'utf8'), '{ not json');
});
