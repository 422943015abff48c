import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMcpServers } from '../../../src/extensions/mcp/mcpListing.js';
import { SLASH_COMMANDS } from '../../../src/ui/commands/slashCommands.js';

test('/mcp lists each server with scope, status, tools and what went wrong', () => {
  const text = formatMcpServers([
    { name: 'everything', scope: 'project', status: 'connected', tools: 12 },
    { name: 'gh', scope: 'user', status: 'failed', detail: 'spawn gh-mcp ENOENT', tools: 0 },
    { name: 'shared', scope: 'project', status: 'needs-approval', detail: 'project server from .mcp.json: approve it', tools: 0 },
  ]);
  assert.match(text, /✔ everything \(project\) connected · 12 tools/);
  assert.match(text, /✘ gh \(user\) failed\n {6}spawn gh-mcp ENOENT/);
  assert.match(text, /\? shared \(project\) needs-approval/);
  assert.match(text, /restarted by the next call/);
  assert.match(formatMcpServers([]), /No MCP servers configured/);
});

test('the /mcp slash command prints the session\'s listing', () => {
  const command = SLASH_COMMANDS.find((candidate) => candidate.name === 'mcp')!;
  assert.deepEqual(command.run('', { mcp: () => 'listing' } as any), { kind: 'print', text: 'listing' });
});
