import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandVariables, parseServerConfig } from '../../../src/extensions/mcp/mcpServerConfig.js';
import { effectiveServerEntries, projectServerApproval, readAllServerEntries } from '../../../src/extensions/mcp/mcpConfigFiles.js';
import { mcpLimits } from '../../../src/extensions/mcp/mcpHub.js';

test('${VAR} and ${VAR:-default} expand; unset variables without a default are reported', () => {
  const missing: string[] = [];
  assert.equal(expandVariables('${A}/${B:-two}/${C}', { A: 'one' }, missing), 'one/two/');
  assert.deepEqual(missing, ['C']);
  assert.equal(expandVariables('${A:-x}', { A: 'set' }), 'set');
});

test('a missing type means stdio; http, streamable-http and sse need a url', () => {
  const env = { TOKEN: 't0k', DIR: '/data' };
  assert.deepEqual(parseServerConfig({ command: 'srv', args: ['${DIR}'], env: { K: '${TOKEN}' } }, env), {
    ok: true,
    config: { type: 'stdio', command: 'srv', args: ['/data'], env: { K: 't0k' } },
    missingVariables: [],
  });
  const http = parseServerConfig({ type: 'streamable-http', url: 'http://h/${DIR}', headers: { Authorization: 'Bearer ${TOKEN}' } }, env);
  assert.deepEqual(http, { ok: true, config: { type: 'http', url: 'http://h//data', headers: { Authorization: 'Bearer t0k' } }, missingVariables: [] });
  assert.equal(parseServerConfig({ type: 'sse', url: 'http://h/sse' }, env).ok && (parseServerConfig({ type: 'sse', url: 'http://h/sse' }, env) as any).config.type, 'sse');
  assert.match((parseServerConfig({ url: 'http://h' }, env) as any).error, /no "type"/);
  assert.match((parseServerConfig({ type: 'http' }, env) as any).error, /needs a "url"/);
  assert.match((parseServerConfig({ type: 'ws', url: 'ws://h' }, env) as any).error, /unknown "type"/);
  assert.match((parseServerConfig({ args: [] }, env) as any).error, /needs a "command"/);
});

test('precedence for one name: local > project > user; wright\'s file wins over ~/.claude.json within a scope', () => {
  const root = mkdtempSync(join(tmpdir(), 'wright-mcp-config-'));
  const locations = { projectRoot: join(root, 'repo'), configDir: join(root, 'config'), home: join(root, 'home') };
  for (const dir of Object.values(locations)) mkdirSync(dir, { recursive: true });
  writeFileSync(join(locations.home, '.claude.json'), JSON.stringify({
    mcpServers: { a: { command: 'claude-user-a' }, u: { command: 'claude-user-u' } },
    projects: { [locations.projectRoot]: { mcpServers: { c: { command: 'claude-local-c' } } } },
  }));
  writeFileSync(join(locations.configDir, 'mcp.json'), JSON.stringify({
    mcpServers: { a: { command: 'wright-user-a' }, b: { command: 'wright-user-b' } },
    projects: { [locations.projectRoot]: { mcpServers: { b: { command: 'wright-local-b' } } }, '/elsewhere': { mcpServers: { z: { command: 'z' } } } },
  }));
  writeFileSync(join(locations.projectRoot, '.mcp.json'), JSON.stringify({ mcpServers: { a: { command: 'project-a' }, b: { command: 'project-b' }, c: { command: 'project-c' } } }));
  const warnings: string[] = [];
  const chosen = effectiveServerEntries(readAllServerEntries(locations, warnings));
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    chosen.map((entry) => [entry.name, entry.scope, (entry.raw as any).command]),
    [
      ['a', 'project', 'project-a'],
      ['b', 'local', 'wright-local-b'],
      ['c', 'local', 'claude-local-c'],
      ['u', 'user', 'claude-user-u'],
    ],
  );
});

test('a broken MCP file is a warning, not a crash', () => {
  const root = mkdtempSync(join(tmpdir(), 'wright-mcp-config-'));
  writeFileSync(join(root, '.mcp.json'), '{ not json');
  const warnings: string[] = [];
  assert.deepEqual(readAllServerEntries({ projectRoot: root, configDir: join(root, 'none'), home: join(root, 'none') }, warnings), []);
  assert.match(warnings[0]!, /not valid JSON/);
});

test('project servers start only once approved in settings', () => {
  assert.equal(projectServerApproval('gh', {}), 'pending');
  assert.equal(projectServerApproval('gh', { enableAllProjectMcpServers: true }), 'approved');
  assert.equal(projectServerApproval('gh', { enabledMcpjsonServers: ['gh'] }), 'approved');
  assert.equal(projectServerApproval('gh', { enabledMcpjsonServers: ['other'] }), 'pending');
  assert.equal(projectServerApproval('gh', { enableAllProjectMcpServers: true, disabledMcpjsonServers: ['gh'] }), 'rejected');
});

test('limits come from MCP_TIMEOUT, MCP_TOOL_TIMEOUT and MAX_MCP_OUTPUT_TOKENS', () => {
  assert.deepEqual(mcpLimits({}), { connectTimeoutMs: 30_000, toolTimeoutMs: 1_800_000, maxOutputTokens: 25_000 });
  assert.deepEqual(mcpLimits({ MCP_TIMEOUT: '5000', MCP_TOOL_TIMEOUT: '100', MAX_MCP_OUTPUT_TOKENS: '10', }), { connectTimeoutMs: 5000, toolTimeoutMs: 100, maxOutputTokens: 10 });
  assert.equal(mcpLimits({ MCP_TIMEOUT: 'soon' }).connectTimeoutMs, 30_000);
});

test('only undecided project servers not overridden by a local entry are put to the user', async () => {
  const { pendingProjectServers } = await import('../../../src/extensions/mcp/projectServerChoice.js');
  const root = mkdtempSync(join(tmpdir(), 'wright-mcp-pending-'));
  const locations = { projectRoot: join(root, 'repo'), configDir: join(root, 'config'), home: join(root, 'home') };
  for (const dir of Object.values(locations)) mkdirSync(dir, { recursive: true });
  writeFileSync(join(locations.projectRoot, '.mcp.json'), JSON.stringify({ mcpServers: { a: { command: 'run-a', args: ['--x'] }, b: { type: 'http', url: 'http://b' }, c: { command: 'c' }, mine: { command: 'p' } } }));
  writeFileSync(join(locations.configDir, 'mcp.json'), JSON.stringify({ projects: { [locations.projectRoot]: { mcpServers: { mine: { command: 'local' } } } } }));
  assert.deepEqual(pendingProjectServers(locations, { enabledMcpjsonServers: ['c'] }), [
    { name: 'a', summary: 'run-a --x' },
    { name: 'b', summary: 'http://b' },
  ]);
  // Servers the policy refuses are never asked about.
  assert.deepEqual(pendingProjectServers(locations, { enabledMcpjsonServers: ['c'], deniedMcpServers: [{ serverCommand: ['run-a', '--x'] }] }), [{ name: 'b', summary: 'http://b' }]);
  // A managed-mcp.json replaces every other source: nothing from .mcp.json is pending.
  const managedMcpFile = join(root, 'managed-mcp.json');
  writeFileSync(managedMcpFile, JSON.stringify({ mcpServers: { corp: { command: 'corp' } } }));
  assert.deepEqual(pendingProjectServers({ ...locations, managedMcpFile }, {}), []);
});
