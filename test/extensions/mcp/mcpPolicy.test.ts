import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mcpPolicyVerdict, readMcpPolicy } from '../../../src/extensions/mcp/mcpPolicy.js';
import type { McpServerConfig } from '../../../src/extensions/mcp/mcpServerConfig.js';

const stdio = (command: string, ...args: string[]): McpServerConfig => ({ type: 'stdio', command, args, env: {} });
const remote = (url: string): McpServerConfig => ({ type: 'http', url, headers: {} });

function verdict(settings: Record<string, unknown>, name: string, config: McpServerConfig) {
  const warnings: string[] = [];
  return { ...mcpPolicyVerdict(name, config, readMcpPolicy(settings, warnings)), warnings };
}

test('no lists: every server may start; an empty allow list: none', () => {
  assert.equal(verdict({}, 'gh', stdio('gh-mcp')).allowed, true);
  const none = verdict({ allowedMcpServers: [] }, 'gh', stdio('gh-mcp'));
  assert.equal(none.allowed, false);
  assert.match((none as { reason: string }).reason, /not in allowedMcpServers \(the list is empty\)/);
});

test('the deny list wins over the allow list, by name, exact command or URL pattern', () => {
  const settings = { allowedMcpServers: [{ serverName: 'gh' }], deniedMcpServers: [{ serverName: 'gh' }] };
  const denied = verdict(settings, 'gh', stdio('gh-mcp'));
  assert.deepEqual([denied.allowed, (denied as { reason: string }).reason], [false, 'blocked by deniedMcpServers (serverName "gh")']);
  const byCommand = { deniedMcpServers: [{ serverCommand: ['npx', '-y', 'bad'] }] };
  assert.equal(verdict(byCommand, 'x', stdio('npx', '-y', 'bad')).allowed, false);
  assert.equal(verdict(byCommand, 'x', stdio('npx', 'bad')).allowed, true, 'commands match exactly');
  assert.equal(verdict(byCommand, 'x', stdio('npx', '-y', 'bad', '--flag')).allowed, true);
  const byUrl = { deniedMcpServers: [{ serverUrl: 'https://*.untrusted.com/*' }] };
  assert.equal(verdict(byUrl, 'x', remote('https://api.untrusted.com/mcp')).allowed, false);
  assert.equal(verdict(byUrl, 'x', remote('https://API.Untrusted.com/mcp')).allowed, false, 'host case does not matter');
  assert.equal(verdict(byUrl, 'x', remote('https://trusted.com/mcp')).allowed, true);
  assert.equal(verdict(byUrl, 'x', stdio('untrusted.com')).allowed, true, 'URL patterns never match stdio servers');
});

test('with command entries in the allow list a stdio server must match one; a name is not enough', () => {
  const settings = { allowedMcpServers: [{ serverName: 'fs' }, { serverCommand: ['node', 'approved.js'] }] };
  assert.equal(verdict(settings, 'anything', stdio('node', 'approved.js')).allowed, true);
  const byName = verdict(settings, 'fs', stdio('node', 'other.js'));
  assert.equal(byName.allowed, false);
  assert.match((byName as { reason: string }).reason, /its command must match a serverCommand entry/);
  // Remote servers are judged by name while the list has no URL entries.
  assert.equal(verdict(settings, 'fs', remote('https://mcp.example.com/')).allowed, true);
  assert.equal(verdict(settings, 'web', remote('https://mcp.example.com/')).allowed, false);
});

test('with URL entries a remote server must match one; stdio servers still go by name', () => {
  const settings = { allowedMcpServers: [{ serverName: 'local' }, { serverUrl: 'https://mcp.company.com/*' }] };
  assert.equal(verdict(settings, 'any', remote('https://mcp.company.com/v1/mcp')).allowed, true);
  assert.equal(verdict(settings, 'local', remote('https://elsewhere.com/mcp')).allowed, false);
  assert.equal(verdict(settings, 'local', stdio('x')).allowed, true);
  assert.equal(verdict(settings, 'other', stdio('x')).allowed, false);
});

test('malformed entries are warned about and ignored; a malformed allow list fails closed', () => {
  const mixed = verdict({ allowedMcpServers: [{ serverName: 'a', serverUrl: 'https://x/*' }, { serverName: 'gh' }] }, 'gh', stdio('gh'));
  assert.equal(mixed.allowed, true);
  assert.match(mixed.warnings[0]!, /needs exactly one of serverName/);
  const broken = verdict({ allowedMcpServers: 'gh' }, 'gh', stdio('gh'));
  assert.equal(broken.allowed, false);
  assert.match(broken.warnings[0]!, /"allowedMcpServers" must be an array/);
});
