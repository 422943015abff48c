import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMcpServers } from '../../../src/extensions/mcp/mcpListing.js';
import { SLASH_COMMANDS } from '../../../src/ui/commands/slashCommands.js';
import { carryOutCommand } from '../../../src/ui/app/commandHost.js';

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

test('/mcp reconnect <server> asks the host to reconnect; other arguments show the usage', async () => {
  const command = SLASH_COMMANDS.find((candidate) => candidate.name === 'mcp')!;
  assert.deepEqual(command.run('reconnect  github ', {} as any), { kind: 'mcpReconnect', name: 'github' });
  assert.deepEqual(command.run('login notion', {} as any), { kind: 'mcpLogin', name: 'notion' });
  assert.deepEqual(command.run('logout notion', {} as any), { kind: 'mcpLogout', name: 'notion' });
  assert.deepEqual(command.run('restart github', {} as any), { kind: 'print', text: 'Usage: /mcp [reconnect|login|logout <server>]' });
  const notices: string[] = [];
  const effects = { cwd: '/', notice: (text: string) => notices.push(text), send() {}, exit() {}, restart() {}, compact() {} };
  await carryOutCommand({ kind: 'mcpReconnect', name: 'github' }, { context: () => ({}) as any, addDirectory: () => '', doctor: async () => '', reconnectMcpServer: async (name) => `Reconnected to ${name} · 3 tools.` }, effects);
  assert.deepEqual(notices, ['Reconnecting to github…', 'Reconnected to github · 3 tools.']);
  notices.length = 0;
  await carryOutCommand({ kind: 'mcpReconnect', name: 'github' }, { context: () => ({}) as any, addDirectory: () => '', doctor: async () => '' }, effects);
  assert.deepEqual(notices, ['MCP servers cannot be reconnected here.']);
});

test('policy-refused servers show as disabled with the reason', () => {
  const text = formatMcpServers([{ name: 'gh', scope: 'user', status: 'disabled', detail: 'disabled by policy: not in allowedMcpServers (its name is not listed)', tools: 0 }]);
  assert.match(text, /- gh \(user\) disabled\n {6}disabled by policy: not in allowedMcpServers/);
});
