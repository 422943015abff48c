// End-to-end in the terminal UI: an MCP server's prompt as a slash command (completion, /help, run),
// `@server:uri` completion and attachment, /mcp reconnect for a server that died, and a prompt a
// server adds while running offered by completion.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text, toolUse } from '../../support/script.js';
import { makeWorkspace } from '../harness.js';
import { startTui } from './startTui.js';
import type { TmuxSession } from './tmux.js';
import { tmuxMissing } from './tmux.js';

const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const SUPPORT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'support', 'mcp');
const CRASHY = join(SUPPORT, 'crashingServer.mjs');
const CHANGING = join(SUPPORT, 'changingServer.mjs');

const skip = tmuxMissing();

/** Types a line and presses Enter once the prompt shows exactly it (`> /mcp` must not match an earlier `> /mcp__…`). */
async function submitLine(tui: TmuxSession, line: string): Promise<void> {
  tui.type(line);
  await tui.waitFor(new RegExp(`^> ${line.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*$`, 'm'), 30_000, { history: false });
  tui.keys('Enter');
}
let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server?.close());

test('MCP prompts run as slash commands, resources complete after @, and /mcp reconnect restarts a server', { skip }, async () => {
  const workspace = makeWorkspace();
  mkdirSync(workspace.configDir, { recursive: true });
  writeFileSync(
    join(workspace.configDir, 'mcp.json'),
    JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [EVERYTHING] }, crashy: { command: process.execPath, args: [CRASHY] }, changing: { command: process.execPath, args: [CHANGING] } } }),
  );
  const tui = startTui(workspace, server, {}, ['--allowedTools', 'mcp__crashy', 'mcp__changing']);
  try {
    await tui.waitFor(/default mode/, 30_000);
    await submitLine(tui, '/help');
    await tui.waitFor(/\/mcp__everything__args-prompt <city> \[state\]\s+A prompt with two arguments, one required and one\s+optional \(MCP: everything\)/, 30_000);

    let first = server.requests.length;
    server.push(reply([text('Weather noted.')]));
    tui.type('/mcp__everything__args-pr');
    await tui.waitFor(/\/mcp__everything__args-prompt <city> \[state\]\s+A prompt with two arguments/, 30_000, { history: false });
    tui.type('ompt Oslo');
    await tui.waitFor('> /mcp__everything__args-prompt Oslo', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('Weather noted.', 30_000);
    assert.match(JSON.stringify(server.requests[first]!.body.messages), /What's weather in Oslo\?/);

    first = server.requests.length;
    server.push(reply([text('Architecture summarised.')]));
    tui.type('summarise @everything:demo://resource/static/document/archi');
    await tui.waitFor(/everything:demo:\/\/resource\/static\/document\/architecture\.md/, 30_000, { history: false });
    tui.keys('Tab');
    await tui.waitFor('> summarise @everything:demo://resource/static/document/architecture.md', 30_000, { history: false });
    tui.keys('Enter');
    await tui.waitFor('Architecture summarised.', 30_000);
    assert.match(JSON.stringify(server.requests[first]!.body.messages), /<mcp-resource server=\\"everything\\" uri=\\"demo:\/\/resource\/static\/document\/architecture\.md\\">\\n# Everything Server/);

    server.push(reply([toolUse('mcp__crashy__count', {})]), reply([toolUse('mcp__crashy__count', {})]), reply([text('Counted twice.')]));
    await submitLine(tui, 'count twice');
    await tui.waitFor('Counted twice.', 30_000);
    await submitLine(tui, '/mcp');
    await tui.waitFor(/crashy \(user\) failed/, 30_000);
    await submitLine(tui, '/mcp reconnect crashy');
    await tui.waitFor('Reconnected to crashy · 1 tool.', 30_000);
    await submitLine(tui, '/mcp reconnect nothing');
    await tui.waitFor('No MCP server named "nothing". Servers: changing, crashy, everything.', 30_000);

    // A prompt the server adds while running shows up in completion.
    server.push(reply([toolUse('mcp__changing__unlock', {})]), reply([text('Unlocked.')]));
    await submitLine(tui, 'unlock it');
    await tui.waitFor('Unlocked.', 30_000);
    tui.type('/mcp__changing__la');
    await tui.waitFor(/\/mcp__changing__later\s+A prompt added while running \(MCP: changing\)/, 30_000, { history: false });
  } finally {
    tui.close();
  }
});
