// End-to-end: the command line's own behaviours — version, help, configuration errors, piped
// input, stream-json input, prompts, and `permissions check`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { reply, text } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, streamEvents, toolResultsIn, transcriptFiles } from './harness.js';

let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server.close());

test('--version prints the package version', async () => {
  const run = await runWright(['--version'], { workspace: makeWorkspace() });
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^\d+\.\d+\.\d+ \(wright\)\n$/);
});

test('--help lists the flags', async () => {
  const run = await runWright(['--help'], { workspace: makeWorkspace() });
  assert.equal(run.code, 0);
  for (const flag of ['--output-format', '--allowedTools', '--permission-mode', '--resume', '--max-turns', '--agents']) assert.match(run.stdout, new RegExp(flag));
  for (const command of ['wright sessions search', 'wright mcp add', 'wright mcp serve', 'wright doctor']) assert.ok(run.stdout.includes(command), command);
});

test('without credentials: exit 2 and a message saying how to configure them', async () => {
  const run = await runWright(['-p', 'hello'], { workspace: makeWorkspace() });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /ANTHROPIC_API_KEY/);
  assert.match(run.stderr, /OPENAI_BASE_URL|--provider openai/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
});

test('usage errors exit 2', async () => {
  const workspace = makeWorkspace();
  for (const args of [['-p', 'x', '--bogus'], ['-p', 'x', '--output-format', 'xml'], ['-p', 'x', '--max-turns', 'many'], ['-p', 'x', '--permission-mode', 'yolo']]) {
    const run = await runWright(args, { workspace, server });
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /^wright: /);
  }
});

test('invalid settings name the file, line and key', async () => {
  const workspace = makeWorkspace();
  mkdirSync(join(workspace.repo, '.wright'));
  const settingsPath = join(workspace.repo, '.wright', 'settings.json');
  writeFileSync(settingsPath, '{\n  "permissions": {\n    "defaultMode": "sometimes"\n  }\n}\n');
  const bad = await runWright(['-p', 'x'], { workspace, server });
  assert.equal(bad.code, 2);
  assert.ok(bad.stderr.includes(`${settingsPath}:3:`), bad.stderr);
  assert.match(bad.stderr, /permissions\.defaultMode/);

  writeFileSync(settingsPath, '{\n  "model": "sonnet",\n  oops\n}\n');
  const broken = await runWright(['-p', 'x'], { workspace, server });
  assert.equal(broken.code, 2);
  assert.ok(broken.stderr.includes(`${settingsPath}:3:`), broken.stderr);
});

test('piped stdin is added to the prompt, and memory files reach the model', async () => {
  const workspace = makeWorkspace({ 'AGENTS.md': 'Always answer in haiku.\n', 'WRIGHT.md': 'See @docs/style.md\n', 'docs/style.md': 'Tabs, not spaces.\n' });
  server.push(reply([text('Fine.')]));
  const before = server.requests.length;
  const run = await runWright(['-p', 'What does this log say?'], { workspace, server, stdin: 'ERROR: disk full\n' });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'Fine.\n');
  const sent = JSON.stringify(server.requests[before]!.body.messages);
  assert.match(sent, /ERROR: disk full/);
  assert.match(sent, /What does this log say\?/);
  assert.match(sent, /Always answer in haiku\./);
  assert.match(sent, /Tabs, not spaces\./);
});

test('--input-format stream-json runs one turn per stdin line in one session', async () => {
  const workspace = makeWorkspace();
  server.push(reply([text('First answer.')]), reply([text('Second answer.')]));
  const lines = ['first', 'second'].map((t) => JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'text', text: t }] } }));
  const run = await runWright(['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose'], {
    workspace,
    server,
    stdin: lines.join('\n') + '\n',
  });
  assert.equal(run.code, 0, run.stderr);
  const results = streamEvents(run).filter((e) => e.type === 'result');
  assert.deepEqual(results.map((r) => r.result), ['First answer.', 'Second answer.']);
  assert.equal(results[0].session_id, results[1].session_id);
  const events = streamEvents(run);
  assert.equal(events[0].type, 'system');
  assert.equal(events[0].subtype, 'init');
  assert.ok(events[0].tools.includes('Bash'));
});

test('--max-turns ends with error_max_turns and exit code 1', async () => {
  const workspace = makeWorkspace();
  server.push(reply([{ type: 'tool_use', name: 'Glob', input: { pattern: '*' } }]));
  const run = await runWright(['-p', 'loop', '--max-turns', '1', '--output-format', 'json'], { workspace, server });
  assert.equal(run.code, 1);
  assert.equal(jsonResult(run).subtype, 'error_max_turns');
});

test('--system-prompt and --append-system-prompt shape the system prompt; --disallowedTools removes a tool', async () => {
  const workspace = makeWorkspace();
  server.push(reply([text('ok')]));
  const before = server.requests.length;
  const run = await runWright(
    ['-p', 'hi', '--system-prompt', 'You are a test double.', '--append-system-prompt', 'Be brief.', '--disallowedTools', 'Bash'],
    { workspace, server },
  );
  assert.equal(run.code, 0, run.stderr);
  const body = server.requests[before]!.body;
  const system = JSON.stringify(body.system);
  assert.match(system, /You are a test double\./);
  assert.match(system, /Be brief\.$|Be brief\.\"/);
  assert.ok(!body.tools.some((t: any) => t.name === 'Bash'));
});

test('permissions check prints the decision without running anything', async () => {
  const workspace = makeWorkspace();
  mkdirSync(join(workspace.repo, '.wright'));
  writeFileSync(
    join(workspace.repo, '.wright', 'settings.json'),
    JSON.stringify({ permissions: { allow: ['Bash(npm test:*)'], deny: ['Bash(rm -rf:*)', 'Read(./.env)'] } }),
  );
  const check = async (tool: string, input: object, ...extra: string[]) => {
    const run = await runWright(['permissions', 'check', tool, '--input', JSON.stringify(input), ...extra], { workspace });
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout);
  };
  const denied = await check('Bash', { command: 'rm -rf build' });
  assert.equal(denied.behavior, 'deny');
  assert.equal(denied.rule, 'Bash(rm -rf:*)');
  assert.equal(typeof denied.reason, 'string');
  assert.equal((await check('Bash', { command: 'npm test -- --watch=false' })).behavior, 'allow');
  assert.equal((await check('Bash', { command: 'npm test && curl evil.example' })).behavior, 'ask');
  assert.equal((await check('Read', { file_path: join(workspace.repo, '.env') })).behavior, 'deny');
  assert.equal((await check('Read', { file_path: join(workspace.repo, 'README.md') })).behavior, 'allow');
  assert.equal((await check('Edit', { file_path: join(workspace.repo, 'a.ts'), old_string: 'a', new_string: 'b' }, '--mode', 'plan')).behavior, 'deny');
  assert.equal((await check('Edit', { file_path: join(workspace.repo, 'a.ts'), old_string: 'a', new_string: 'b' }, '--mode', 'acceptEdits')).behavior, 'allow');
  const bad = await runWright(['permissions', 'check', 'Bash', '--input', '{nope'], { workspace });
  assert.equal(bad.code, 2);
});

test('a Read deny rule also hides the file from Grep and Glob results', async () => {
  const workspace = makeWorkspace({ '.env': 'API_TOKEN=hunter2\n', 'config.js': 'const API_TOKEN = process.env.API_TOKEN;\n' });
  mkdirSync(join(workspace.repo, '.wright'));
  writeFileSync(join(workspace.repo, '.wright', 'settings.json'), JSON.stringify({ permissions: { deny: ['Read(./.env)'] } }));
  server.push(
    reply([
      { type: 'tool_use', name: 'Grep', input: { pattern: 'API_TOKEN', output_mode: 'content' } },
      { type: 'tool_use', name: 'Glob', input: { pattern: '.env*' } },
    ]),
    reply([text('Searched.')]),
  );
  const before = server.requests.length;
  const run = await runWright(['-p', 'find the token'], { workspace, server });
  assert.equal(run.code, 0, run.stderr);
  const results = JSON.stringify(server.requests[before + 1]!.body.messages.at(-1));
  assert.match(results, /config\.js/);
  assert.doesNotMatch(results, /hunter2/);
  assert.ok(!results.includes(join(workspace.repo, '.env')), 'the denied path is not listed');
  assert.match(results, /hidden by permission deny rules/);
});

test('--verbose with text output reports tool calls and API retries on stderr', async () => {
  const workspace = makeWorkspace({ 'a.md': '# a\n' });
  server.push(
    reply([{ type: 'tool_use', name: 'Glob', input: { pattern: '*.md' } }]),
    { kind: 'fault', fault: { type: 'status', status: 529 } },
    reply([text('One file.')]),
  );
  const run = await runWright(['-p', 'count files', '--verbose'], { workspace, server, env: { WRIGHT_RETRY_BASE_DELAY_MS: '10' } });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'One file.\n');
  assert.match(run.stderr, /wright: Glob\(\*\.md\)/);
  assert.match(run.stderr, /API error \(529: overloaded\); retry 1\/10/);
});

test('--include-partial-messages adds the raw streaming events to stream-json', async () => {
  const workspace = makeWorkspace();
  server.push(reply([text('Streaming words.')]), reply([text('Streaming words.')]));
  const args = ['-p', 'talk', '--output-format', 'stream-json', '--verbose'];
  const plain = streamEvents(await runWright(args, { workspace, server }));
  assert.ok(!plain.some((e) => e.type === 'stream_event'));
  const partial = streamEvents(await runWright([...args, '--include-partial-messages'], { workspace, server }));
  const deltas = partial.filter((e) => e.type === 'stream_event' && e.event.type === 'content_block_delta');
  assert.ok(deltas.length > 0);
  assert.equal(deltas.map((e) => e.event.delta.text).join(''), 'Streaming words.');
  assert.equal(partial.at(-1).type, 'result');
});

test('--session-id names a new session; --no-session-persistence writes no transcript', async () => {
  const workspace = makeWorkspace();
  const id = '0b5f2a8e-3c1d-4e6f-9a7b-1c2d3e4f5a6b';
  server.push(reply([text('ok')]), reply([text('ok')]));
  const named = jsonResult(await runWright(['-p', 'hi', '--output-format', 'json', '--session-id', id], { workspace, server }));
  assert.equal(named.session_id, id);
  assert.deepEqual(transcriptFiles(workspace).map((f) => f.split('/').at(-1)), [`${id}.jsonl`]);
  const ephemeral = await runWright(['-p', 'hi', '--output-format', 'json', '--no-session-persistence'], { workspace, server });
  assert.equal(ephemeral.code, 0, ephemeral.stderr);
  assert.equal(transcriptFiles(workspace).length, 1);
});

test('a rejected API key fails at once with a message naming the variable', async () => {
  const workspace = makeWorkspace();
  const run = await runWright(['-p', 'hi'], { workspace, server, env: { ANTHROPIC_API_KEY: 'wrong-key' } });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /ANTHROPIC_API_KEY/);
  assert.match(run.stderr, /401|rejected|invalid/i);
  assert.doesNotMatch(run.stderr, /\n\s+at /);
});

test('works outside a git repository', async () => {
  const workspace = makeWorkspace();
  writeFileSync(join(workspace.home, 'notes.txt'), 'plain directory\n');
  server.push(reply([{ type: 'tool_use', name: 'Read', input: { file_path: join(workspace.home, 'notes.txt') } }]), reply([text('Read it.')]));
  const before = server.requests.length;
  const run = await runWright(['-p', 'read notes', '--output-format', 'json'], { workspace, server, cwd: workspace.home });
  assert.equal(run.code, 0, run.stderr);
  assert.equal(jsonResult(run).result, 'Read it.');
  assert.match(JSON.stringify(server.requests[before]!.body.system), /Is directory a git repo: (No|false)/i);
  assert.match(toolResultsIn(server.requests[before + 1]!.body)[0]!, /plain directory/);
});
