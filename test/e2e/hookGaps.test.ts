// End-to-end: the newer hook protocol pieces — CLAUDE_ENV_FILE from SessionStart hooks, PermissionRequest
// updatedPermissions and interrupt, PostToolUse updatedMCPToolOutput — through the built CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider, type Workspace } from './harness.js';

function writeSettings(workspace: Workspace, relativePath: string, settings: Record<string, unknown>): void {
  const path = join(workspace.repo, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(settings, null, 2));
}

const command = (line: string) => ({ type: 'command', command: line });

const require = createRequire(import.meta.url);
const EVERYTHING = join(dirname(require.resolve('@modelcontextprotocol/server-everything/package.json')), 'dist', 'index.js');

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`hook protocol additions over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('a SessionStart hook persists environment for later Bash commands through CLAUDE_ENV_FILE', async () => {
      const workspace = makeWorkspace();
      writeSettings(workspace, '.wright/settings.json', {
        hooks: { SessionStart: [{ hooks: [command(`echo 'export HOOK_VAR="from session start"' >> "$CLAUDE_ENV_FILE"`)] }] },
      });
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'echo "value=$HOOK_VAR"', description: 'Show the variable' })]), reply([text('Done.')]));
      const run = await runWright(['-p', 'show it', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /value=from session start/);
      assert.equal(jsonResult(run).is_error, false);
    });

    test('a PermissionRequest allow with updatedPermissions adds a session rule: the next such call is not asked about', async () => {
      const workspace = makeWorkspace();
      const answer = {
        hookSpecificOutput: {
          hookEventName: 'PermissionRequest',
          decision: { behavior: 'allow', updatedPermissions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }], behavior: 'allow', destination: 'session' }] },
        },
      };
      const log = join(dirname(workspace.repo), 'permission-requests.log');
      writeSettings(workspace, '.wright/settings.json', {
        hooks: { PermissionRequest: [{ matcher: 'Bash', hooks: [command(`cat >> '${log}'; echo >> '${log}'; echo '${JSON.stringify(answer)}'`)] }] },
      });
      server.push(
        reply([toolUse('Bash', { command: 'touch one.txt', description: 'Create one' })]),
        reply([toolUse('Bash', { command: 'touch two.txt', description: 'Create two' })]),
        reply([text('Both made.')]),
      );
      const run = await runWright(['-p', 'make files', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.ok(existsSync(join(workspace.repo, 'one.txt')));
      assert.ok(existsSync(join(workspace.repo, 'two.txt')));
      const requests = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      assert.equal(requests.length, 1, 'only the first touch reached the hook');
      assert.equal(JSON.parse(requests[0]!).tool_input.command, 'touch one.txt');
    });

    test('a PostToolUse hook replaces what the model reads of an MCP tool, and not of a built-in one', async () => {
      const workspace = makeWorkspace({ 'notes.txt': 'built-in output stays\n' });
      writeFileSync(join(workspace.repo, '.mcp.json'), JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [EVERYTHING] } } }));
      const answer = { hookSpecificOutput: { hookEventName: 'PostToolUse', updatedMCPToolOutput: [{ type: 'text', text: '[output redacted by hook]' }] } };
      writeSettings(workspace, '.wright/settings.local.json', { enableAllProjectMcpServers: true });
      writeSettings(workspace, '.wright/settings.json', { hooks: { PostToolUse: [{ hooks: [command(`cat > /dev/null; echo '${JSON.stringify(answer)}'`)] }] } });
      const first = server.requests.length;
      server.push(
        reply([toolUse('mcp__everything__echo', { message: 'top secret' })]),
        reply([toolUse('Read', { file_path: join(workspace.repo, 'notes.txt') })]),
        reply([text('Done.')]),
      );
      const run = await runWright(['-p', 'go', '--output-format', 'json', '--allowedTools', 'mcp__everything__echo'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const echoed = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.match(echoed, /\[output redacted by hook\]/);
      assert.doesNotMatch(echoed, /top secret/);
      assert.match(toolResultsIn(server.requests[first + 2]!.body).at(-1)!, /built-in output stays/);
    });

    test('a PermissionRequest deny with interrupt ends the turn', async () => {
      const workspace = makeWorkspace();
      const answer = { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'deny', message: 'Deploys are frozen', interrupt: true } } };
      writeSettings(workspace, '.wright/settings.json', { hooks: { PermissionRequest: [{ hooks: [command(`cat > /dev/null; echo '${JSON.stringify(answer)}'`)] }] } });
      const first = server.requests.length;
      // One scripted reply only: a second model call would find none left (and fail the count below).
      server.push(reply([toolUse('Bash', { command: 'touch deployed.txt', description: 'Deploy' })]));
      const run = await runWright(['-p', 'deploy', '--output-format', 'stream-json', '--verbose'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.requests.length - first, 1, 'the model was not called again');
      assert.equal(existsSync(join(workspace.repo, 'deployed.txt')), false);
      const stopped = streamEvents(run).find((event) => event.type === 'system' && event.subtype === 'hook_message' && event.hook_event === 'PermissionRequest');
      assert.match(stopped?.message ?? '', /PermissionRequest hook stopped the run: Deploys are frozen/);
    });
  });
}

describe('http hooks through the CLI', () => {
  let server: ModelServer;
  let hookServer: Server;
  let hookUrl: string;
  const posted: any[] = [];
  before(async () => {
    server = await startModelServer();
    hookServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const event = JSON.parse(body);
        posted.push({ event, authorization: request.headers.authorization });
        const deny = event.hook_event_name === 'PreToolUse' && String(event.tool_input?.command ?? '').startsWith('rm ');
        const answer = deny ? { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'The review service refuses rm.' } } : {};
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
  });
  after(() => {
    server.close();
    hookServer.closeAllConnections();
    hookServer.close();
  });

  test('a PreToolUse http hook sees each call and denies one; the token header comes from an allowed variable', async () => {
    const workspace = makeWorkspace({ 'keep.txt': 'keep\n' });
    writeSettings(workspace, '.wright/settings.json', {
      hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'http', url: hookUrl, headers: { Authorization: 'Bearer $REVIEW_TOKEN' }, allowedEnvVars: ['REVIEW_TOKEN'] }] }] },
    });
    const first = server.requests.length;
    server.push(
      reply([toolUse('Bash', { command: 'rm keep.txt', description: 'Remove it' })]),
      reply([toolUse('Bash', { command: 'echo fine', description: 'Say fine' })]),
      reply([text('Done.')]),
    );
    const run = await runWright(['-p', 'tidy up', '--output-format', 'json', '--allowedTools', 'Bash'], { workspace, server, env: { REVIEW_TOKEN: 'rv-42' } });
    assert.equal(run.code, 0, run.stderr);
    assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /The review service refuses rm\./);
    assert.match(toolResultsIn(server.requests[first + 2]!.body).at(-1)!, /fine/);
    assert.equal(existsSync(join(workspace.repo, 'keep.txt')), true);
    assert.deepEqual(posted.map((entry) => [entry.event.tool_input.command, entry.authorization]), [
      ['rm keep.txt', 'Bearer rv-42'],
      ['echo fine', 'Bearer rv-42'],
    ]);
  });
});
