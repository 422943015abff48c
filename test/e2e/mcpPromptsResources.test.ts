// End-to-end through the built CLI against real MCP servers: prompts run as /mcp__server__prompt,
// @server:uri resource mentions, a server's tool list changing mid-session, and the managed
// allow/deny lists and managed-mcp.json.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider, type Workspace } from './harness.js';

const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');
const CHANGING = join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'mcp', 'changingServer.mjs');
const everything = { command: process.execPath, args: [EVERYTHING] };

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
}

const userServers = (workspace: Workspace, servers: Record<string, unknown>) => writeJson(join(workspace.configDir, 'mcp.json'), { mcpServers: servers });
const initOf = (events: any[]) => events.find((event) => event.type === 'system' && event.subtype === 'init');
const lastBody = (server: ModelServer) => JSON.stringify(server.requests.at(-1)!.body);
const toolNames = (server: ModelServer, index: number): string[] =>
  (server.requests[index]!.body.tools as any[]).map((tool) => tool.name ?? tool.function?.name);

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`MCP prompts and resources over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('-p "/mcp__everything__args-prompt Paris France" sends the prompt\'s messages; init lists it', async () => {
      const workspace = makeWorkspace();
      userServers(workspace, { everything });
      server.push(reply([text('Sunny.')]));
      const run = await runWright(['-p', '/mcp__everything__args-prompt Paris France', '--output-format', 'stream-json', '--verbose'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const init = initOf(streamEvents(run));
      for (const name of ['mcp__everything__args-prompt', 'mcp__everything__simple-prompt', 'mcp__everything__resource-prompt']) assert.ok(init.slash_commands.includes(name), init.slash_commands.join(' '));
      const body = lastBody(server);
      assert.match(body, /What's weather in Paris, France\?/);
      assert.match(body, /<command-name>\/mcp__everything__args-prompt<\/command-name>/);
    });

    test('a missing required argument is an error and nothing goes to the model; embedded resources arrive as text', async () => {
      const workspace = makeWorkspace();
      userServers(workspace, { everything });
      const before = server.requests.length;
      const missing = await runWright(['-p', '/mcp__everything__args-prompt', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(missing.code, 1);
      assert.match(JSON.parse(missing.stdout).errors[0], /\/mcp__everything__args-prompt needs the argument city\. Usage: \/mcp__everything__args-prompt <city> \[state\]/);
      assert.equal(server.requests.length, before);

      server.push(reply([text('Analysed.')]));
      const embedded = await runWright(['-p', '/mcp__everything__resource-prompt Text 1', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(embedded.code, 0, embedded.stderr);
      assert.match(lastBody(server), /<mcp-resource uri=\\"demo:\/\/resource\/dynamic\/text\/1\\">\\nResource 1: This is a plaintext resource/);
    });

    test('@server:uri mentions attach the resource; an unknown one stays as typed with a warning', async () => {
      const workspace = makeWorkspace();
      userServers(workspace, { everything });
      server.push(reply([text('Summarised.')]));
      const run = await runWright(['-p', 'Summarise @everything:demo://resource/static/document/architecture.md and @nope:x://y', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const body = lastBody(server);
      assert.match(body, /<mcp-resource server=\\"everything\\" uri=\\"demo:\/\/resource\/static\/document\/architecture\.md\\">\\n# Everything Server/);
      assert.match(body, /and @nope:x:\/\/y/);
      assert.match(run.stderr, /@nope:x:\/\/y was not attached: no connected MCP server "nope" with resources\./);
    });

    test('a tool list that changes mid-session: the next request offers the new tool, which runs', async () => {
      const workspace = makeWorkspace();
      userServers(workspace, { changing: { command: process.execPath, args: [CHANGING] } });
      const start = server.requests.length;
      server.push(reply([toolUse('mcp__changing__unlock', {})]), reply([toolUse('mcp__changing__secret', { who: 'the tester' })]), reply([text('Done.')]));
      const run = await runWright(['-p', 'unlock it', '--output-format', 'json', '--allowedTools', 'mcp__changing'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.ok(!toolNames(server, start).includes('mcp__changing__secret'));
      assert.ok(toolNames(server, start + 1).includes('mcp__changing__secret'), toolNames(server, start + 1).join(' '));
      assert.deepEqual(toolResultsIn(server.requests.at(-1)!.body).slice(-2), ['unlocked', 'the secret is for the tester']);
    });
  });
}

describe('managed MCP control', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('deniedMcpServers and allowedMcpServers refuse servers; init and wright mcp list say so', async () => {
    const workspace = makeWorkspace();
    userServers(workspace, { everything, other: { command: process.execPath, args: [EVERYTHING] } });
    writeJson(join(workspace.configDir, 'managed-settings.json'), { allowedMcpServers: [{ serverName: 'everything' }, { serverName: 'other' }], deniedMcpServers: [{ serverName: 'other' }] });
    server.push(reply([text('Fine.')]));
    const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [
      { name: 'everything', status: 'connected' },
      { name: 'other', status: 'disabled' },
    ]);
    const list = await runWright(['mcp', 'list'], { workspace });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^other: .* \[user\] - disabled \(disabled by policy: blocked by deniedMcpServers \(serverName "other"\)\)$/m);
    assert.match(list.stdout, /^everything: .* \[user\] - connected \(\d+ tools\)$/m);
  });

  test('allowManagedMcpServersOnly: a project settings file cannot add its server to the managed allow list', async () => {
    const workspace = makeWorkspace();
    userServers(workspace, { everything, other: { command: process.execPath, args: [EVERYTHING] } });
    writeJson(join(workspace.configDir, 'managed-settings.json'), { allowManagedMcpServersOnly: true, allowedMcpServers: [{ serverName: 'everything' }] });
    writeJson(join(workspace.repo, '.wright', 'settings.json'), { allowedMcpServers: [{ serverName: 'other' }] });
    server.push(reply([text('Fine.')]));
    const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [
      { name: 'everything', status: 'connected' },
      { name: 'other', status: 'disabled' },
    ]);
  });

  test('managed-mcp.json is the only source of servers when present', async () => {
    const workspace = makeWorkspace();
    userServers(workspace, { mine: everything });
    writeJson(join(workspace.repo, '.mcp.json'), { mcpServers: { project: everything } });
    writeJson(join(workspace.configDir, 'managed-mcp.json'), { mcpServers: { company: everything } });
    const list = await runWright(['mcp', 'list'], { workspace });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^company: .* \[managed\] - connected \(\d+ tools\)$/m);
    assert.doesNotMatch(list.stdout, /^(mine|project):/m);
    server.push(reply([text('Fine.')]));
    const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server });
    assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [{ name: 'company', status: 'connected' }]);
  });
});
