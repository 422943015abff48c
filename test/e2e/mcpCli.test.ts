// End-to-end: `wright mcp serve` driven by the official SDK client, and `wright mcp add/list/get/remove`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI, cliEnv, makeWorkspace, runWright } from './harness.js';

const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');

const textOf = (result: any) => (result.content as Array<{ type: string; text?: string }>).map((item) => item.text ?? '').join('\n');

test('wright mcp serve offers its tools to an MCP client under the permission rules', async () => {
  const workspace = makeWorkspace({ 'src/app.ts': 'export const answer = 42;\n' });
  mkdirSync(join(workspace.repo, '.wright'), { recursive: true });
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ permissions: { deny: ['WebFetch'] } }));
  const env = cliEnv({ workspace }) as Record<string, string>;
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', 'serve'], cwd: workspace.repo, env, stderr: 'pipe' });
  const client = new Client({ name: 'wright-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    const names = tools.map((tool) => tool.name);
    for (const name of ['Read', 'Grep', 'Glob', 'Edit', 'Write', 'Bash']) assert.ok(names.includes(name), names.join(' '));
    assert.ok(!names.includes('WebFetch'), 'a bare deny rule removes the tool');
    assert.ok(!names.includes('AskUserQuestion'));
    const read = tools.find((tool) => tool.name === 'Read')!;
    assert.deepEqual((read.inputSchema as any).required, ['file_path']);

    const file = join(workspace.repo, 'src', 'app.ts');
    const readResult = await client.callTool({ name: 'Read', arguments: { file_path: file } });
    assert.ok(!readResult.isError, textOf(readResult));
    assert.match(textOf(readResult), /export const answer = 42;/);

    const grep = await client.callTool({ name: 'Grep', arguments: { pattern: 'answer' } });
    assert.match(textOf(grep), /src\/app\.ts/);

    const write = await client.callTool({ name: 'Write', arguments: { file_path: join(workspace.repo, 'new.txt'), content: 'x' } });
    assert.equal(write.isError, true);
    assert.match(textOf(write), /needs approval/);
    assert.ok(!existsSync(join(workspace.repo, 'new.txt')));
  } finally {
    await client.close();
  }
});

test('wright mcp add, add-json, list, get and remove round trip through the scopes', async () => {
  const workspace = makeWorkspace();
  const run = (...args: string[]) => runWright(['mcp', ...args], { workspace });
  const added = await run('add', '-e', 'GREETING=hi', 'everything', '--', process.execPath, EVERYTHING);
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /Added stdio MCP server "everything" to local config/);
  const userFile = JSON.parse(readFileSync(join(workspace.configDir, 'mcp.json'), 'utf8'));
  assert.deepEqual(userFile.projects[workspace.repo].mcpServers.everything, { type: 'stdio', command: process.execPath, args: [EVERYTHING], env: { GREETING: 'hi' } });

  const http = await run('add', '--scope', 'project', '--transport', 'http', 'remote', 'https://mcp.example.invalid/mcp', '-H', 'Authorization: Bearer ${TOKEN}');
  assert.equal(http.code, 0, http.stderr);
  assert.deepEqual(JSON.parse(readFileSync(join(workspace.repo, '.mcp.json'), 'utf8')).mcpServers.remote, {
    type: 'http',
    url: 'https://mcp.example.invalid/mcp',
    headers: { Authorization: 'Bearer ${TOKEN}' },
  });
  const json = await run('add-json', '--scope', 'user', 'other', '{"type":"sse","url":"http://127.0.0.1:9/sse"}');
  assert.equal(json.code, 0, json.stderr);
  const badJson = await run('add-json', 'bad', '{"url":"http://x"}');
  assert.equal(badJson.code, 2);
  assert.match(badJson.stderr, /no "type"/);

  const list = await run('list');
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^everything: .* \[local\] - connected \(\d+ tools\)$/m);
  assert.match(list.stdout, /^remote: https:\/\/mcp\.example\.invalid\/mcp \(http\) \[project\] - needs-approval$/m);
  assert.match(list.stdout, /^other: http:\/\/127\.0\.0\.1:9\/sse \(sse\) \[user\] - failed$/m);

  const get = await run('get', 'everything');
  assert.equal(get.code, 0, get.stderr);
  assert.match(get.stdout, /Scope: local/);
  assert.match(get.stdout, /GREETING=hi/);

  const removed = await run('remove', 'everything');
  assert.equal(removed.code, 0, removed.stderr);
  assert.match(removed.stdout, /Removed MCP server "everything" from local config/);
  const missing = await run('get', 'everything');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no MCP server named "everything"/);
  const again = await run('remove', 'everything');
  assert.equal(again.code, 1);
});
