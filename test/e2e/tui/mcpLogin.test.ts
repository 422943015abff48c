// End-to-end: signing in to an OAuth-protected MCP server from inside a session. `/mcp login` runs
// the browser flow (a scripted $BROWSER), reconnects, and the server's tools are usable at once;
// `/mcp logout` forgets the credentials.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { startOAuthMcpServer, type OAuthMcpServer } from '../../support/mcp/oauthServer.js';
import { makeWorkspace } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const FAKE_BROWSER = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'support', 'mcp', 'fakeBrowser.mjs');
const skip = tmuxMissing();
let server: ModelServer;
let oauth: OAuthMcpServer;
before(async () => {
  server = await startModelServer();
  oauth = await startOAuthMcpServer();
});
after(async () => {
  server?.close();
  await oauth?.close();
});

test('/mcp login signs in to a server that needs auth, and its tools connect; /mcp logout forgets the tokens', { skip }, async () => {
  const workspace = makeWorkspace();
  mkdirSync(workspace.configDir, { recursive: true });
  writeFileSync(join(workspace.configDir, 'mcp.json'), JSON.stringify({ mcpServers: { notes: { type: 'http', url: oauth.url } } }));
  const tui = startTui(workspace, server, { BROWSER: `${process.execPath} ${FAKE_BROWSER}`, FAKE_BROWSER_LOG: join(workspace.home, 'browser.log') });
  try {
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, '/mcp');
    await tui.waitFor(/notes \(user\) needs-auth/, 30_000);
    await submitLine(tui, '/mcp login notes');
    await tui.waitFor(/Sign in to notes in your browser\. If it does not open, visit:\s+http:\/\/127\.0\.0\.1:\d+\/authorize/, 30_000);
    await tui.waitFor(/Signed in to notes \(scopes: notes:read notes:write\); connected · 2 tools\./, 30_000);
    await submitLine(tui, '/mcp');
    await tui.waitFor(/notes \(user\) connected · 2 tools/, 30_000);
    const stored = JSON.parse(readFileSync(join(workspace.configDir, 'mcp-oauth.json'), 'utf8')).servers;
    assert.ok(stored[`notes|${oauth.url}`]?.tokens?.access_token, 'the tokens were stored');

    await submitLine(tui, '/mcp logout notes');
    await tui.waitFor(/Removed the stored OAuth credentials of notes; it is now needs-auth\./, 30_000);
  } finally {
    tui.close();
  }
  assert.equal(existsSync(join(workspace.configDir, 'mcp-oauth.json')) && JSON.parse(readFileSync(join(workspace.configDir, 'mcp-oauth.json'), 'utf8')).servers[`notes|${oauth.url}`] !== undefined, false);
});
