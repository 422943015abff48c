// End-to-end: the built CLI in a temporary git repository against the scripted model server,
// once per provider wire protocol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { fault, reply, text, thinking, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider } from './harness.js';

const BUGGY_REPO = {
  'math.js': 'export function add(a, b) {\n  return a - b;\n}\n',
  'test.js': "import { add } from './math.js';\nif (add(2, 3) !== 5) { console.log('FAIL: add(2, 3) =', add(2, 3)); process.exit(1); }\nconsole.log('all tests pass');\n",
  'package.json': '{ "type": "module" }\n',
};

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`print mode over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('reads, edits, runs the tests and reports the final answer', async () => {
      const workspace = makeWorkspace(BUGGY_REPO);
      const mathPath = join(workspace.repo, 'math.js');
      const first = server.requests.length;
      server.push(
        reply([text('Let me look at the code.'), toolUse('Read', { file_path: mathPath })]),
        reply([toolUse('Edit', { file_path: mathPath, old_string: 'return a - b;', new_string: 'return a + b;' })]),
        reply([toolUse('Bash', { command: 'node test.js', description: 'Run the tests' })]),
        reply([text('Fixed `add`: it subtracted instead of adding. The tests pass now.')]),
      );
      const run = await runWright(
        ['-p', 'fix the failing test', '--output-format', 'json', '--permission-mode', 'acceptEdits', '--allowedTools', 'Bash(node test.js)'],
        { workspace, server, provider },
      );
      assert.equal(run.code, 0, run.stderr);
      const result = jsonResult(run);
      assert.equal(result.type, 'result');
      assert.equal(result.subtype, 'success');
      assert.equal(result.is_error, false);
      assert.equal(result.num_turns, 4);
      assert.match(result.result, /tests pass now/);
      assert.deepEqual(result.permission_denials, []);
      assert.equal(typeof result.session_id, 'string');
      assert.ok(result.usage.input_tokens > 0 && result.usage.output_tokens > 0);
      assert.ok(result.total_cost_usd > 0);
      assert.equal(readFileSync(mathPath, 'utf8'), 'export function add(a, b) {\n  return a + b;\n}\n');

      const requests = server.requests.slice(first);
      assert.equal(requests.length, 4);
      const toolResults = toolResultsIn(requests[3]!.body);
      assert.match(toolResults[0]!, /return a - b;/);
      assert.match(toolResults.at(-1)!, /all tests pass/);
      const firstBody = requests[0]!.body;
      const toolNames = (firstBody.tools as any[]).map((t) => t.name ?? t.function?.name);
      for (const name of ['Bash', 'Glob', 'Grep', 'Read', 'Edit', 'MultiEdit', 'Write', 'TodoWrite']) assert.ok(toolNames.includes(name), name);
      const system = provider === 'anthropic' ? JSON.stringify(firstBody.system) : firstBody.messages[0].content;
      assert.match(system, new RegExp(workspace.repo.replace(/[/.-]/g, '\\$&')));
    });

    test('retries each injected fault without running a tool twice', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      const finalReply = reply([text('Counted once.')]);
      server.push(
        reply([toolUse('Bash', { command: 'echo ran >> count.txt' })]),
        fault({ type: 'status', status: 529 }),
        fault({ type: 'status', status: 429, retryAfterSeconds: 1 }),
        fault({ type: 'reset_mid_stream', afterEvents: 3, reply: finalReply }),
        fault({ type: 'status', status: 500 }),
        fault({ type: 'sse_error', errorType: 'overloaded_error' }),
        fault({ type: 'malformed_event' }),
        fault({ type: 'stall', ms: 5000 }),
        finalReply,
      );
      const run = await runWright(
        ['-p', 'count', '--output-format', 'stream-json', '--verbose', '--allowedTools', 'Bash(echo ran >> count.txt)'],
        { workspace, server, provider, env: { WRIGHT_STREAM_IDLE_TIMEOUT_MS: '500', WRIGHT_RETRY_BASE_DELAY_MS: '20' } },
      );
      assert.equal(run.code, 0, run.stderr);
      const events = streamEvents(run);
      const retries = events.filter((e) => e.type === 'system' && e.subtype === 'api_retry');
      assert.equal(retries.length, 7, JSON.stringify(retries));
      assert.deepEqual(retries.map((r) => r.attempt), [1, 2, 3, 4, 5, 6, 7]);
      assert.equal(retries[0].error_status, 529);
      assert.equal(retries[1].error_status, 429);
      assert.ok(retries[1].retry_delay_ms >= 1000, 'retry-after is honoured');
      assert.equal(retries[0].max_retries, 10);
      assert.equal(readFileSync(join(workspace.repo, 'count.txt'), 'utf8'), 'ran\n');
      const result = events.at(-1);
      assert.equal(result.type, 'result');
      assert.equal(result.subtype, 'success');
      assert.equal(result.result, 'Counted once.');
      assert.equal(server.requests.length - first, 9);
    });

    test('a tool call cut off mid-input is answered with an error, not retried', async () => {
      const workspace = makeWorkspace();
      const first = server.requests.length;
      server.push(
        reply([{ type: 'tool_use', name: 'Write', input: {}, rawInput: '{"file_path": "/tmp/x", "content": "half a fi' }], { stopReason: 'max_tokens' }),
        reply([text('I will write it in smaller pieces.')]),
      );
      const run = await runWright(['-p', 'write a big file', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.requests.length - first, 2, 'no retry of the cut-off response');
      const told = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.match(told, /not a complete JSON object/);
      assert.match(told, /half a fi/);
      assert.equal(jsonResult(run).result, 'I will write it in smaller pieces.');
    });

    test('a call that needs approval is denied, told to the model and listed', async () => {
      const workspace = makeWorkspace({ 'build/out.txt': 'artifact\n' });
      const first = server.requests.length;
      server.push(
        reply([toolUse('Bash', { command: 'rm -rf build' }, 'toolu_rm_1')]),
        reply([text('I was not allowed to delete build/.')]),
      );
      const run = await runWright(['-p', 'clean up', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const result = jsonResult(run);
      assert.equal(result.permission_denials.length, 1);
      assert.equal(result.permission_denials[0].tool_name, 'Bash');
      assert.deepEqual(result.permission_denials[0].tool_input, { command: 'rm -rf build' });
      assert.equal(readFileSync(join(workspace.repo, 'build/out.txt'), 'utf8'), 'artifact\n');
      const told = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.match(told, /denied/i);
      assert.match(told, /--allowedTools/);
    });
  });
}

describe('print mode: modes, directories and thinking', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('plan mode never mutates: edits and writing commands are refused, reads run', async () => {
    const workspace = makeWorkspace({ 'a.txt': 'original\n' });
    const file = join(workspace.repo, 'a.txt');
    server.push(
      reply([toolUse('Read', { file_path: file }), toolUse('Bash', { command: 'git status --short' })]),
      reply([toolUse('Edit', { file_path: file, old_string: 'original', new_string: 'changed' }), toolUse('Bash', { command: 'touch new.txt' })]),
      reply([text('Here is my plan.')]),
    );
    const before = server.requests.length;
    const run = await runWright(['-p', 'plan it', '--permission-mode', 'plan', '--output-format', 'json', '--allowedTools', 'Bash(touch new.txt)'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    const result = jsonResult(run);
    assert.deepEqual(result.permission_denials.map((d: any) => d.tool_name), ['Edit', 'Bash']);
    assert.equal(readFileSync(file, 'utf8'), 'original\n');
    assert.ok(!existsSync(join(workspace.repo, 'new.txt')));
    const reads = toolResultsIn(server.requests[before + 1]!.body);
    assert.match(reads[0]!, /original/);
    assert.doesNotMatch(reads[1]!, /denied/);
    assert.match(toolResultsIn(server.requests[before + 2]!.body).at(-1)!, /plan mode/i);
  });

  test('--add-dir makes another directory readable without approval', async () => {
    const workspace = makeWorkspace();
    const shared = mkdtempSync(join(tmpdir(), 'wright-shared-'));
    writeFileSync(join(shared, 'notes.md'), 'shared notes\n');
    const script = () => [reply([toolUse('Read', { file_path: join(shared, 'notes.md') })]), reply([text('Read it.')])];
    server.push(...script());
    const without = jsonResult(await runWright(['-p', 'read', '--output-format', 'json'], { workspace, server }));
    assert.equal(without.permission_denials.length, 1);
    server.push(...script());
    const withDir = jsonResult(await runWright(['-p', 'read', '--output-format', 'json', '--add-dir', shared], { workspace, server }));
    assert.deepEqual(withDir.permission_denials, []);
  });

  test('thinking blocks are passed back unchanged, signature included', async () => {
    const workspace = makeWorkspace();
    server.push(
      reply([thinking('I should list the files first.', 'sig-abc-123'), toolUse('Glob', { pattern: '*' })]),
      reply([text('Listed.')]),
    );
    const before = server.requests.length;
    const run = await runWright(['-p', 'list files'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    const assistant = server.requests[before + 1]!.body.messages.find((m: any) => m.role === 'assistant');
    assert.deepEqual(assistant.content[0], { type: 'thinking', thinking: 'I should list the files first.', signature: 'sig-abc-123' });
  });
});
