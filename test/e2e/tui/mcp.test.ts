// End-to-end: the one-time approval of .mcp.json servers in the terminal UI, saved for next time,
// and /mcp showing the approved server connected.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { makeWorkspace } from '../harness.js';
import { startTui, submitLine } from './startTui.js';
import { tmuxMissing } from './tmux.js';

const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');

const skip = tmuxMissing();
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('project MCP servers are approved once in the TUI; the choice is saved and /mcp shows them', { skip }, async () => {
  const workspace = makeWorkspace();
  writeFileSync(join(workspace.repo, '.mcp.json'), JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [EVERYTHING] } } }));
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor('New MCP servers found in .mcp.json', 30_000);
    await tui.waitFor('everything:', 30_000);
    tui.type('1');
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, '/mcp');
    await tui.waitFor(/everything \(project\) connected · \d+ tools/, 30_000);
  } finally {
    tui.close();
  }
  const local = JSON.parse(readFileSync(join(workspace.repo, '.wright', 'settings.local.json'), 'utf8'));
  assert.deepEqual(local.enabledMcpjsonServers, ['everything']);

  // Next time nobody is asked.
  const again = startTui(workspace, server);
  try {
    await again.waitFor(/default mode/, 30_000);
    assert.doesNotMatch(again.screen({ history: true }), /New MCP servers found/);
  } finally {
    again.close();
  }
});

test('declining keeps the servers off and is remembered', { skip }, async () => {
  const workspace = makeWorkspace();
  writeFileSync(join(workspace.repo, '.mcp.json'), JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [EVERYTHING] } } }));
  const tui = startTui(workspace, server);
  try {
    await tui.waitFor('New MCP servers found in .mcp.json', 30_000);
    tui.type('2');
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, '/mcp');
    await tui.waitFor(/everything \(project\) disabled/, 30_000);
  } finally {
    tui.close();
  }
  const local = JSON.parse(readFileSync(join(workspace.repo, '.wright', 'settings.local.json'), 'utf8'));
  assert.deepEqual(local.disabledMcpjsonServers, ['everything']);
});
