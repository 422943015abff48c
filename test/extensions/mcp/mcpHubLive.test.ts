// McpHub against real stdio servers built with the SDK: lists that change while a server runs,
// reconnecting a server that died, the managed allow/deny lists and managed-mcp.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { McpHub } from '../../../src/extensions/mcp/mcpHub.js';
import type { McpLocations } from '../../../src/extensions/mcp/mcpConfigFiles.js';

const SUPPORT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'support', 'mcp');
const CHANGING = { command: process.execPath, args: [join(SUPPORT, 'changingServer.mjs')] };
const CRASHY = { command: process.execPath, args: [join(SUPPORT, 'crashingServer.mjs')] };

function locations(userServers: Record<string, unknown>, managed?: unknown): McpLocations {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'wright-hub-')));
  const configDir = join(root, 'config');
  mkdirSync(configDir, { recursive: true });
  mkdirSync(join(root, 'repo'), { recursive: true });
  writeFileSync(join(configDir, 'mcp.json'), JSON.stringify({ mcpServers: userServers }));
  const managedMcpFile = join(root, 'managed', 'managed-mcp.json');
  if (managed !== undefined) {
    mkdirSync(dirname(managedMcpFile), { recursive: true });
    writeFileSync(managedMcpFile, typeof managed === 'string' ? managed : JSON.stringify(managed));
  }
  return { projectRoot: join(root, 'repo'), configDir, home: join(root, 'home'), managedMcpFile };
}

const start = (where: McpLocations, settings: Record<string, unknown> = {}) =>
  McpHub.start({ locations: where, settings, env: {}, serverEnv: { PATH: process.env.PATH }, cwd: where.projectRoot, version: 'test' });

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const signal = () => new AbortController().signal;
const run = (tool: { run: (input: never, ctx: never) => Promise<unknown> }, input: Record<string, unknown>) => tool.run(input as never, { signal: signal() } as never) as Promise<{ content: unknown; isError?: boolean }>;

test('a server\'s list_changed notifications refresh its tools and prompts; tools() changes only then', async () => {
  const hub = await start(locations({ changing: CHANGING }));
  try {
    let changes = 0;
    hub.onChange(() => changes++);
    const before = hub.tools();
    assert.equal(hub.tools(), before, 'the same array while nothing changed');
    assert.deepEqual(before.map((tool) => tool.name), ['mcp__changing__unlock']);
    assert.deepEqual(hub.prompts().map(({ prompt }) => prompt.name), ['first']);
    const unlocked = await run(before[0]!, {});
    assert.equal(unlocked.content, 'unlocked');
    await until(() => hub.tools().some((tool) => tool.name === 'mcp__changing__secret'), 'the new tool');
    await until(() => hub.prompts().length === 2, 'the new prompt');
    assert.notEqual(hub.tools(), before);
    assert.ok(changes >= 2, `listeners told (${changes})`);
    const secret = hub.tools().find((tool) => tool.name === 'mcp__changing__secret')!;
    assert.equal((await run(secret, { who: 'you' })).content, 'the secret is for you');
    assert.deepEqual(hub.servers()[0], { name: 'changing', scope: 'user', status: 'connected', tools: 2 });
  } finally {
    await hub.close();
  }
});

test('reconnect(name) restarts a server that died; its tools work again', async () => {
  const hub = await start(locations({ crashy: CRASHY }));
  try {
    const count = hub.tools().find((tool) => tool.name === 'mcp__crashy__count')!;
    assert.match(String((await run(count, {})).content), /^call 1 of process/);
    const crashed = await run(count, {});
    assert.equal(crashed.isError, true);
    await until(() => hub.servers()[0]!.status === 'failed', 'the failure to be seen');
    const [after] = await hub.reconnect('crashy');
    assert.equal(after?.status, 'connected');
    assert.match(String((await run(count, {})).content), /^call 1 of process/);
    assert.deepEqual(await hub.reconnect('no-such-server'), []);
  } finally {
    await hub.close();
  }
});

test('servers the allow and deny lists refuse never start and show why', async () => {
  const hub = await start(locations({ changing: CHANGING, crashy: CRASHY, other: { command: 'not-run' } }), {
    allowedMcpServers: [{ serverName: 'changing' }, { serverName: 'crashy' }],
    deniedMcpServers: [{ serverCommand: [CRASHY.command, ...CRASHY.args] }],
  });
  try {
    assert.deepEqual(
      hub.servers().map((server) => [server.name, server.status, server.detail ?? '']),
      [
        ['changing', 'connected', ''],
        ['crashy', 'disabled', `disabled by policy: blocked by deniedMcpServers (serverCommand ${JSON.stringify([CRASHY.command, ...CRASHY.args])})`],
        ['other', 'disabled', 'disabled by policy: not in allowedMcpServers (its name is not listed)'],
      ],
    );
    assert.equal(hub.connection('crashy'), undefined);
    assert.ok(hub.tools().every((tool) => !tool.name.startsWith('mcp__crashy')));
  } finally {
    await hub.close();
  }
});

test('managed-mcp.json, when present, is the only source of servers; a broken one starts none', async () => {
  const hub = await start(locations({ crashy: CRASHY }, { mcpServers: { changing: CHANGING } }));
  try {
    assert.deepEqual(hub.servers().map((server) => [server.name, server.scope, server.status]), [['changing', 'managed', 'connected']]);
  } finally {
    await hub.close();
  }
  const broken = await start(locations({ crashy: CRASHY }, '{ not json'));
  try {
    assert.deepEqual(broken.servers(), []);
    assert.match(broken.warnings.join('\n'), /No MCP servers start until .*managed-mcp\.json is fixed/);
  } finally {
    await broken.close();
  }
});
