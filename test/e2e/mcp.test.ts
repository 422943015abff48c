// End-to-end: MCP servers configured in .mcp.json and the user's MCP file, their tools called by the
// scripted model through the built CLI, under permission rules.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { startLoopbackMcpServer } from '../support/mcp/httpServer.js';
import { makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider, type Workspace } from './harness.js';

const require = createRequire(import.meta.url);
const binOf = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist', 'index.js');
const EVERYTHING = binOf('@modelcontextprotocol/server-everything');
const FILESYSTEM = binOf('@modelcontextprotocol/server-filesystem');
const CRASHY = join(dirname(fileURLToPath(import.meta.url)), '..', 'support', 'mcp', 'crashingServer.mjs');

function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(value, null, 2));
}

function projectServers(workspace: Workspace, servers: Record<string, unknown>, settings: Record<string, unknown> = { enableAllProjectMcpServers: true }): void {
  writeJson(join(workspace.repo, '.mcp.json'), { mcpServers: servers });
  writeJson(join(workspace.repo, '.wright', 'settings.local.json'), settings);
}

const everything = { command: process.execPath, args: [EVERYTHING] };
const initOf = (events: any[]) => events.find((event) => event.type === 'system' && event.subtype === 'init');
const lastResult = (server: ModelServer) => toolResultsIn(server.requests.at(-1)!.body).at(-1)!;

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`MCP client over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('an allowed tool of the reference everything server runs over stdio; init lists the server', async () => {
      const workspace = makeWorkspace();
      projectServers(workspace, { everything });
      server.push(reply([toolUse('mcp__everything__echo', { message: 'hello mcp' })]), reply([text('Echoed.')]));
      const run = await runWright(['-p', 'echo', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'mcp__everything__echo'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const init = initOf(streamEvents(run));
      assert.deepEqual(init.mcp_servers, [{ name: 'everything', status: 'connected' }]);
      assert.ok(init.tools.includes('mcp__everything__get-sum'), init.tools.join(' '));
      assert.equal(lastResult(server), 'Echo: hello mcp');
      // The model saw the server's own JSON schema.
      const definitions = JSON.stringify(server.requests.at(-1)!.body.tools);
      assert.match(definitions, /mcp__everything__echo/);
      assert.match(definitions, /"message"/);
    });

    test('stdio servers get the entry\'s env and the project dir, never wright\'s credentials', async () => {
      const workspace = makeWorkspace();
      projectServers(workspace, { everything: { ...everything, env: { SERVER_SETTING: '${SETTING_SOURCE:-from-default}' } } });
      server.push(reply([toolUse('mcp__everything__get-env', {})]), reply([text('Env.')]));
      const run = await runWright(['-p', 'env', '--output-format', 'json', '--allowedTools', 'mcp__everything__get-env'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const env = lastResult(server);
      assert.match(env, /"SERVER_SETTING": "from-default"/);
      assert.ok(env.includes(`"CLAUDE_PROJECT_DIR": "${workspace.repo}"`), env.slice(0, 500));
      assert.doesNotMatch(env, /test-key/);
    });

    test('without an allow rule print mode refuses an MCP tool; a bare deny rule removes it', async () => {
      const workspace = makeWorkspace();
      projectServers(workspace, { everything });
      server.push(reply([toolUse('mcp__everything__echo', { message: 'no' })]), reply([text('Refused.')]));
      const asked = await runWright(['-p', 'echo', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(asked.code, 0, asked.stderr);
      assert.doesNotMatch(lastResult(server), /Echo: no/);
      assert.match(lastResult(server), /permission|approv|denied/i);

      server.push(reply([text('No tools.')]));
      const removed = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose', '--disallowedTools', 'mcp__everything__get-sum'], { workspace, server, provider });
      assert.equal(removed.code, 0, removed.stderr);
      const tools: string[] = initOf(streamEvents(removed)).tools;
      assert.ok(!tools.includes('mcp__everything__get-sum'));
      assert.ok(tools.includes('mcp__everything__echo'));
    });

    test('a server-wide allow rule covers the filesystem server; images map to image blocks', async () => {
      const workspace = makeWorkspace({ 'notes.txt': 'filesystem says hi\n' });
      projectServers(workspace, { fs: { command: process.execPath, args: [FILESYSTEM, workspace.repo] }, everything });
      server.push(
        reply([toolUse('mcp__fs__read_text_file', { path: join(workspace.repo, 'notes.txt') })]),
        reply([toolUse('mcp__everything__get-tiny-image', {})]),
        reply([text('Read.')]),
      );
      const run = await runWright(['-p', 'read', '--output-format', 'json', '--allowedTools', 'mcp__fs', 'mcp__everything__*'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const results = toolResultsIn(server.requests.at(-1)!.body);
      assert.match(results.at(-2)!, /filesystem says hi/);
      if (provider === 'anthropic') assert.match(results.at(-1)!, /"type":"image"/);
    });

    test('project servers from .mcp.json need approval; failures are warnings', async () => {
      const workspace = makeWorkspace();
      projectServers(workspace, { everything, broken: { command: join(workspace.repo, 'no-such-binary') } }, {});
      writeJson(join(workspace.configDir, 'mcp.json'), { mcpServers: { userbroken: { command: join(workspace.repo, 'missing-too') } } });
      server.push(reply([text('Fine.')]));
      const run = await runWright(['-p', 'hi', '--output-format', 'stream-json', '--verbose'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const init = initOf(streamEvents(run));
      assert.deepEqual(init.mcp_servers, [
        { name: 'broken', status: 'needs-approval' },
        { name: 'everything', status: 'needs-approval' },
        { name: 'userbroken', status: 'failed' },
      ]);
      assert.ok(!init.tools.some((tool: string) => tool.startsWith('mcp__')));
      assert.match(run.stderr, /MCP server "userbroken" failed to connect/);
    });

    test('resources of the everything server are listed and read through the resource tools', async () => {
      const workspace = makeWorkspace();
      projectServers(workspace, { everything, crashy: { command: process.execPath, args: [CRASHY] } });
      server.push(
        reply([toolUse('ListMcpResourcesTool', {})]),
        reply([toolUse('ReadMcpResourceTool', { server: 'everything', uri: 'demo://resource/static/document/architecture.md' })]),
        reply([toolUse('ReadMcpResourceTool', { server: 'crashy', uri: 'x://y' })]),
        reply([text('Read.')]),
      );
      const run = await runWright(['-p', 'resources', '--output-format', 'json', '--allowedTools', 'ListMcpResourcesTool', 'ReadMcpResourceTool'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const [listed, read, missing] = toolResultsIn(server.requests.at(-1)!.body).slice(-3);
      assert.match(listed!, /"uri": "demo:\/\/resource\/static\/document\/architecture\.md"/);
      assert.match(listed!, /"server": "everything"/);
      assert.match(read!, /^# Everything Server/);
      assert.match(missing!, /No MCP server "crashy" with resources\. Servers with resources: everything\./);
    });

    test('a server that crashes mid-session is reported, then restarted by the next call', async () => {
      const workspace = makeWorkspace();
      projectServers(workspace, { crashy: { command: process.execPath, args: [CRASHY] } });
      server.push(
        reply([toolUse('mcp__crashy__count', {})]),
        reply([toolUse('mcp__crashy__count', {})]),
        reply([toolUse('mcp__crashy__count', {})]),
        reply([text('Counted.')]),
      );
      const run = await runWright(['-p', 'count', '--output-format', 'json', '--allowedTools', 'mcp__crashy'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const [first, second, third] = toolResultsIn(server.requests.at(-1)!.body).slice(-3);
      assert.match(first!, /^call 1 of process (\d+)/);
      assert.match(second!, /MCP server "crashy" disconnected during the call/);
      assert.match(third!, /^call 1 of process (\d+)/);
      assert.notEqual(first, third);
    });
  });
}

describe('MCP client over streamable HTTP', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('a user-scope http server on loopback with ${VAR} expansion in url and headers', async () => {
    const mcp = await startLoopbackMcpServer();
    try {
      const workspace = makeWorkspace();
      writeJson(join(workspace.configDir, 'mcp.json'), {
        mcpServers: { loop: { type: 'http', url: '${LOOP_URL}', headers: { Authorization: 'Bearer ${LOOP_TOKEN:-fallback-token}' } } },
      });
      server.push(reply([toolUse('mcp__loop__shout', { text: 'quiet words' })]), reply([text('Shouted.')]));
      const run = await runWright(['-p', 'shout', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'mcp__loop__shout'], {
        workspace,
        server,
        env: { LOOP_URL: mcp.url },
      });
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(initOf(streamEvents(run)).mcp_servers, [{ name: 'loop', status: 'connected' }]);
      assert.equal(lastResult(server), 'QUIET WORDS');
      assert.ok(mcp.authorizations.includes('Bearer fallback-token'), mcp.authorizations.join(','));
    } finally {
      await mcp.close();
    }
  });

  test('an sse server on loopback, and a call past MCP_TOOL_TIMEOUT fails with a clear error', async () => {
    const mcp = await startLoopbackMcpServer();
    try {
      const workspace = makeWorkspace();
      writeJson(join(workspace.configDir, 'mcp.json'), {
        mcpServers: { legacy: { type: 'sse', url: mcp.sseUrl }, everything: { command: process.execPath, args: [EVERYTHING] } },
      });
      server.push(
        reply([toolUse('mcp__legacy__shout', { text: 'over sse' })]),
        reply([toolUse('mcp__everything__trigger-long-running-operation', { duration: 60, steps: 2 })]),
        reply([text('Done.')]),
      );
      const run = await runWright(['-p', 'go', '--output-format', 'json', '--allowedTools', 'mcp__legacy', 'mcp__everything'], {
        workspace,
        server,
        env: { MCP_TOOL_TIMEOUT: '500' },
      });
      assert.equal(run.code, 0, run.stderr);
      const [shouted, slow] = toolResultsIn(server.requests.at(-1)!.body).slice(-2);
      assert.equal(shouted, 'OVER SSE');
      assert.match(slow!, /MCP server "everything" failed the call: .*timed out/i);
    } finally {
      await mcp.close();
    }
  });
});
