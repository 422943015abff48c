// End-to-end: hooks from settings files run around the built CLI's agent loop, with Claude Code's
// protocol (stdin JSON, exit codes, JSON output), against the scripted model server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { replyFrom, reply, text, toolUse } from '../support/script.js';
import { jsonResult, makeWorkspace, runWright, streamEvents, toolResultsIn, type Provider, type Workspace } from './harness.js';

// One hook program for every test: it logs what it was given, then acts as its mode says.
const HOOK_PROGRAM = `
import { appendFileSync, readFileSync } from 'node:fs';
const input = JSON.parse(readFileSync(0, 'utf8'));
const [, , name, mode = 'log', encoded = ''] = process.argv;
const arg = Buffer.from(encoded, 'base64').toString('utf8');
appendFileSync(new URL('../hook-log.jsonl', import.meta.url), JSON.stringify({
  name, input, cwd: process.cwd(), claudeProjectDir: process.env.CLAUDE_PROJECT_DIR, wrightProjectDir: process.env.WRIGHT_PROJECT_DIR,
  stdinIsTTY: Boolean(process.stdin.isTTY),
}) + '\\n');
switch (mode) {
  case 'print': process.stdout.write(arg); break;
  case 'exit2': process.stderr.write(arg); process.exit(2);
  case 'exit1': process.stderr.write(arg); process.exit(1);
  case 'append-to-command':
    process.stdout.write(JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', updatedInput: { ...input.tool_input, command: input.tool_input.command + arg } } }));
    break;
  case 'block-first-stop':
    if (!input.stop_hook_active) process.stdout.write(JSON.stringify({ decision: 'block', reason: arg }));
    break;
}
`;

interface HookSpec {
  name: string;
  mode?: string;
  arg?: string;
  matcher?: string;
}

function hookProgram(workspace: Workspace): string {
  const path = join(dirname(workspace.repo), 'hooks', 'hook.mjs');
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, HOOK_PROGRAM);
  }
  return path;
}

const hookCommand = (workspace: Workspace, spec: HookSpec) =>
  `"${process.execPath}" "${hookProgram(workspace)}" ${spec.name} ${spec.mode ?? 'log'} ${Buffer.from(spec.arg ?? '').toString('base64') || "''"}`;

function hooksSetting(workspace: Workspace, events: Record<string, HookSpec[]>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(events).map(([event, specs]) => [
      event,
      specs.map((spec) => ({ ...(spec.matcher !== undefined ? { matcher: spec.matcher } : {}), hooks: [{ type: 'command', command: hookCommand(workspace, spec) }] })),
    ]),
  );
}

function writeSettings(workspace: Workspace, relativePath: string, settings: Record<string, unknown>): void {
  const path = join(workspace.repo, relativePath);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(settings, null, 2));
}

function hookLog(workspace: Workspace): Array<{ name: string; input: any; cwd: string; claudeProjectDir: string; wrightProjectDir: string; stdinIsTTY: boolean }> {
  const path = join(dirname(workspace.repo), 'hook-log.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

const bodyText = (body: unknown) => JSON.stringify(body);

for (const provider of ['anthropic', 'openai'] as Provider[]) {
  describe(`hooks over the ${provider} protocol`, () => {
    let server: ModelServer;
    before(async () => (server = await startModelServer()));
    after(() => server.close());

    test('a PreToolUse hook rewrites a Bash command (adds a flag) and is told the event on stdin', async () => {
      const workspace = makeWorkspace({ 'visible.txt': 'x\n' });
      writeSettings(workspace, '.wright/settings.json', { hooks: hooksSetting(workspace, { PreToolUse: [{ name: 'rewrite', mode: 'append-to-command', arg: ' -a', matcher: 'Bash' }] }) });
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'ls', description: 'List files' }, 'toolu_ls_1')]), reply([text('Listed.')]));
      const run = await runWright(['-p', 'list the files', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const listed = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.match(listed, /\.git/, 'the hidden entries show: the command ran as `ls -a`');
      assert.match(listed, /visible\.txt/);

      const [logged] = hookLog(workspace);
      assert.ok(logged);
      const input = logged.input;
      assert.equal(input.hook_event_name, 'PreToolUse');
      assert.equal(input.tool_name, 'Bash');
      assert.deepEqual(input.tool_input.command, 'ls');
      assert.equal(input.tool_use_id, provider === 'anthropic' ? 'toolu_ls_1' : input.tool_use_id);
      assert.equal(input.session_id, jsonResult(run).session_id);
      assert.equal(input.cwd, workspace.repo);
      assert.equal(input.permission_mode, 'default');
      assert.match(input.transcript_path, /\.jsonl$/);
      assert.equal(logged.cwd, workspace.repo);
      assert.equal(logged.claudeProjectDir, workspace.repo);
      assert.equal(logged.wrightProjectDir, workspace.repo);
      assert.equal(logged.stdinIsTTY, false);
    });

    test('a PreToolUse hook that exits 2 blocks the call, and the model reads its stderr', async () => {
      const workspace = makeWorkspace();
      // Hooks in Claude Code's project file work unchanged.
      writeSettings(workspace, '.claude/settings.json', {
        hooks: hooksSetting(workspace, { PreToolUse: [{ name: 'validator', mode: 'exit2', arg: 'Use rg instead of grep.', matcher: 'Bash|Edit' }] }),
      });
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'grep -r needle . > found.txt' })]), reply([text('Understood.')]));
      const run = await runWright(['-p', 'find the needle', '--output-format', 'json', '--permission-mode', 'bypassPermissions'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const told = toolResultsIn(server.requests[first + 1]!.body)[0]!;
      assert.match(told, /Use rg instead of grep\./);
      assert.equal(existsSync(join(workspace.repo, 'found.txt')), false, 'the command did not run');
      assert.equal(jsonResult(run).permission_denials.length, 1);
    });

    test('PostToolUse additionalContext and a block reason reach the model next to the result', async () => {
      const workspace = makeWorkspace();
      const context = JSON.stringify({ hookSpecificOutput: { hookEventName: 'PostToolUse', additionalContext: 'The linter found no problems.' } });
      const block = JSON.stringify({ decision: 'block', reason: 'Remember to update the changelog.' });
      writeSettings(workspace, '.wright/settings.json', {
        hooks: hooksSetting(workspace, {
          PostToolUse: [
            { name: 'lint', mode: 'print', arg: context, matcher: 'Bash' },
            { name: 'changelog', mode: 'print', arg: block, matcher: 'Write|Bash' },
            { name: 'never', mode: 'print', arg: block, matcher: 'Read' },
          ],
        }),
      });
      const first = server.requests.length;
      server.push(reply([toolUse('Bash', { command: 'echo built' })]), reply([text('Done.')]));
      const run = await runWright(['-p', 'build', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const next = bodyText(server.requests[first + 1]!.body);
      assert.match(next, /The linter found no problems\./);
      assert.match(next, /Remember to update the changelog\./);
      assert.match(toolResultsIn(server.requests[first + 1]!.body)[0]!, /built/);
      const post = hookLog(workspace).filter((entry) => entry.input.hook_event_name === 'PostToolUse');
      assert.deepEqual(post.map((entry) => entry.name).sort(), ['changelog', 'lint']);
      assert.match(JSON.stringify(post[0]!.input.tool_response), /built/);
    });

    test('UserPromptSubmit adds context (plain stdout); a blocking one erases the prompt and tells the user', async () => {
      const workspace = makeWorkspace();
      writeSettings(workspace, '.wright/settings.json', {
        hooks: hooksSetting(workspace, {
          UserPromptSubmit: [
            { name: 'context', mode: 'print', arg: 'The current sprint ends on Friday.' },
            { name: 'message', mode: 'print', arg: JSON.stringify({ systemMessage: 'Prompt logged for audit.' }) },
          ],
        }),
      });
      const first = server.requests.length;
      server.push(reply([text('Noted.')]));
      const run = await runWright(['-p', 'when does the sprint end?', '--verbose'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      const sent = bodyText(server.requests[first]!.body);
      assert.match(sent, /when does the sprint end\?/);
      assert.match(sent, /<system-reminder>[\s\S]*The current sprint ends on Friday\./);
      assert.match(run.stderr, /Prompt logged for audit\./, 'a systemMessage reaches the user (print --verbose: stderr)');
      assert.equal(hookLog(workspace).find((entry) => entry.name === 'context')!.input.prompt, 'when does the sprint end?');

      writeSettings(workspace, '.wright/settings.json', {
        hooks: hooksSetting(workspace, { UserPromptSubmit: [{ name: 'guard', mode: 'exit2', arg: 'Prompts must not contain secrets.' }] }),
      });
      const before = server.requests.length;
      const blocked = await runWright(['-p', 'my password is hunter2', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(blocked.code, 1);
      const result = jsonResult(blocked);
      assert.equal(result.is_error, true);
      assert.match(result.errors.join('\n'), /Prompts must not contain secrets\./);
      assert.equal(server.requests.length, before, 'the prompt never reached the model');
    });

    test('a Stop hook sends the agent back to work once, then lets it stop', async () => {
      const workspace = makeWorkspace();
      writeSettings(workspace, '.wright/settings.json', {
        hooks: hooksSetting(workspace, { Stop: [{ name: 'stop', mode: 'block-first-stop', arg: 'Run the tests before you finish.' }] }),
      });
      const first = server.requests.length;
      server.push(reply([text('All done.')]), reply([text('Tests ran: all green.')]));
      const run = await runWright(['-p', 'fix it', '--output-format', 'json'], { workspace, server, provider });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(server.requests.length - first, 2);
      assert.match(bodyText(server.requests[first + 1]!.body), /Run the tests before you finish\./);
      const result = jsonResult(run);
      assert.equal(result.result, 'Tests ran: all green.');
      const stops = hookLog(workspace).filter((entry) => entry.input.hook_event_name === 'Stop');
      assert.deepEqual(stops.map((entry) => entry.input.stop_hook_active), [false, true]);
      assert.equal(stops[0]!.input.last_assistant_message, 'All done.');
    });
  });
}

describe('hooks in print mode (anthropic)', () => {
  let server: ModelServer;
  before(async () => (server = await startModelServer()));
  after(() => server.close());

  test('SessionStart context reaches the first request; -c reports `resume`', async () => {
    const workspace = makeWorkspace();
    writeSettings(workspace, '.wright/settings.json', {
      hooks: hooksSetting(workspace, {
        SessionStart: [{ name: 'start', mode: 'print', arg: 'This project uses pnpm, not npm.', matcher: 'startup|resume' }],
      }),
    });
    const first = server.requests.length;
    server.push(reply([text('pnpm it is.')]), reply([text('Still pnpm.')]));
    const run = await runWright(['-p', 'which package manager?'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.match(bodyText(server.requests[first]!.body), /This project uses pnpm, not npm\./);
    const resumed = await runWright(['-c', '-p', 'again?'], { workspace, server });
    assert.equal(resumed.code, 0, resumed.stderr);
    const sources = hookLog(workspace).map((entry) => entry.input.source);
    assert.deepEqual(sources, ['startup', 'resume']);
    assert.equal(hookLog(workspace)[0]!.input.hook_event_name, 'SessionStart');
  });

  test('PreCompact fires on `-c -p "/compact …"` with the trigger and instructions; SessionStart hears `compact`', async () => {
    const workspace = makeWorkspace();
    server.push(reply([text('The flaky test is auth.spec.ts.')]));
    const started = await runWright(['-p', 'which test is flaky?'], { workspace, server });
    assert.equal(started.code, 0, started.stderr);
    writeSettings(workspace, '.wright/settings.json', {
      hooks: hooksSetting(workspace, {
        PreCompact: [{ name: 'precompact', matcher: 'manual' }],
        SessionStart: [{ name: 'after-compact', mode: 'print', arg: 'Re-read CONTRIBUTING.md.', matcher: 'compact' }],
      }),
    });
    server.push(reply([text('<summary>auth.spec.ts is flaky.</summary>')]));
    const compacted = await runWright(['-c', '-p', '/compact keep the test names', '--output-format', 'stream-json', '--verbose'], { workspace, server });
    assert.equal(compacted.code, 0, compacted.stderr);
    const events = streamEvents(compacted);
    assert.ok(events.some((event) => event.type === 'system' && event.subtype === 'compact_boundary'));
    const log = hookLog(workspace);
    const precompact = log.find((entry) => entry.name === 'precompact');
    assert.ok(precompact, 'PreCompact ran');
    assert.equal(precompact.input.trigger, 'manual');
    assert.equal(precompact.input.custom_instructions, 'keep the test names');
    assert.ok(log.indexOf(precompact) < log.findIndex((entry) => entry.name === 'after-compact'), 'PreCompact before the compaction, SessionStart(compact) after');

    // The compacted conversation carries the SessionStart context to the next request.
    server.push(reply([text('ok')]));
    const next = await runWright(['-c', '-p', 'continue'], { workspace, server });
    assert.equal(next.code, 0, next.stderr);
    assert.match(bodyText(server.requests.at(-1)!.body), /Re-read CONTRIBUTING\.md\./);
  });

  test('a PreCompact hook that blocks stops the compaction', async () => {
    const workspace = makeWorkspace();
    server.push(reply([text('Hello.')]));
    assert.equal((await runWright(['-p', 'hi'], { workspace, server })).code, 0);
    writeSettings(workspace, '.wright/settings.json', {
      hooks: hooksSetting(workspace, { PreCompact: [{ name: 'no', mode: 'print', arg: JSON.stringify({ decision: 'block', reason: 'Not during the release.' }) }] }),
    });
    const before = server.requests.length;
    const run = await runWright(['-c', '-p', '/compact', '--output-format', 'json'], { workspace, server });
    assert.equal(run.code, 1);
    assert.match(jsonResult(run).errors.join('\n'), /Not during the release\./);
    assert.equal(server.requests.length, before, 'no summary was asked for');
  });

  test('a PermissionRequest hook allows a call print mode would otherwise refuse', async () => {
    const workspace = makeWorkspace();
    const allow = JSON.stringify({ hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
    writeSettings(workspace, '.wright/settings.json', {
      hooks: hooksSetting(workspace, { PermissionRequest: [{ name: 'approver', mode: 'print', arg: allow, matcher: 'Bash' }] }),
    });
    server.push(reply([toolUse('Bash', { command: 'touch made.txt' })]), reply([text('Made it.')]));
    const run = await runWright(['-p', 'make the file', '--output-format', 'json'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(join(workspace.repo, 'made.txt')), true);
    assert.deepEqual(jsonResult(run).permission_denials, []);
    const asked = hookLog(workspace).find((entry) => entry.name === 'approver')!;
    assert.equal(asked.input.hook_event_name, 'PermissionRequest');
    assert.equal(asked.input.tool_input.command, 'touch made.txt');

    // Without the hook the same call is refused.
    writeSettings(workspace, '.wright/settings.json', {});
    server.push(reply([toolUse('Bash', { command: 'touch other.txt' })]), reply([text('Refused.')]));
    const refused = await runWright(['-p', 'make another', '--output-format', 'json'], { workspace, server });
    assert.equal(existsSync(join(workspace.repo, 'other.txt')), false);
    assert.equal(jsonResult(refused).permission_denials.length, 1);
  });

  test('a PreToolUse `allow` skips the question but not a deny rule; `ask` makes print mode refuse', async () => {
    const workspace = makeWorkspace();
    const decide = (decision: string) => JSON.stringify({ hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: `hook says ${decision}` } });
    writeSettings(workspace, '.wright/settings.json', {
      permissions: { deny: ['Bash(rm:*)'] },
      hooks: hooksSetting(workspace, {
        PreToolUse: [
          { name: 'allow-touch', mode: 'print', arg: decide('allow'), matcher: 'Bash' },
          { name: 'ask-read', mode: 'print', arg: decide('ask'), matcher: 'Read' },
        ],
      }),
    });
    writeFileSync(join(workspace.repo, 'doomed.txt'), 'x');
    server.push(
      reply([toolUse('Bash', { command: 'touch allowed.txt' }, 'toolu_a'), toolUse('Bash', { command: 'rm doomed.txt' }, 'toolu_b'), toolUse('Read', { file_path: join(workspace.repo, 'doomed.txt') }, 'toolu_c')]),
      reply([text('Done.')]),
    );
    const run = await runWright(['-p', 'go', '--output-format', 'json'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(join(workspace.repo, 'allowed.txt')), true, 'allow answered the question');
    assert.equal(existsSync(join(workspace.repo, 'doomed.txt')), true, 'the deny rule still holds');
    const denied = jsonResult(run).permission_denials.map((denial: any) => denial.tool_name).sort();
    assert.deepEqual(denied, ['Bash', 'Read'], 'rm denied by the rule, Read refused because a hook asked');
  });

  test('hooks from several settings files all run, an identical handler once; disableAllHooks turns them off', async () => {
    const workspace = makeWorkspace();
    const shared = { UserPromptSubmit: [{ name: 'shared' }] };
    writeSettings(workspace, '.wright/settings.json', { hooks: hooksSetting(workspace, { ...shared }) });
    writeSettings(workspace, '.claude/settings.json', { hooks: hooksSetting(workspace, { UserPromptSubmit: [{ name: 'shared' }, { name: 'project-only' }] }) });
    mkdirSync(workspace.configDir, { recursive: true });
    writeFileSync(join(workspace.configDir, 'settings.json'), JSON.stringify({ hooks: hooksSetting(workspace, { UserPromptSubmit: [{ name: 'user-only' }] }) }));
    server.push(reply([text('ok')]));
    const run = await runWright(['-p', 'hi'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(hookLog(workspace).map((entry) => entry.name).sort(), ['project-only', 'shared', 'user-only']);

    writeSettings(workspace, '.wright/settings.local.json', { disableAllHooks: true });
    server.push(reply([text('ok')]));
    const off = await runWright(['-p', 'hi again'], { workspace, server });
    assert.equal(off.code, 0, off.stderr);
    assert.equal(hookLog(workspace).length, 3, 'no hook ran');
  });

  test('a hook that fails or times out never stops the session; errors reach the event stream', async () => {
    const workspace = makeWorkspace();
    writeSettings(workspace, '.wright/settings.json', {
      hooks: {
        ...hooksSetting(workspace, { UserPromptSubmit: [{ name: 'broken', mode: 'exit1', arg: 'database unreachable\nmore detail' }] }),
        PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'sleep 30', timeout: 1 }] }],
      },
    });
    server.push(reply([toolUse('Bash', { command: 'echo still runs' })]), reply([text('Fine.')]));
    const run = await runWright(['-p', 'go', '--output-format', 'stream-json', '--verbose'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    const events = streamEvents(run);
    const messages = events.filter((event) => event.type === 'system' && event.subtype === 'hook_message');
    const error = messages.find((event) => event.hook_event === 'UserPromptSubmit');
    assert.equal(error?.level, 'error');
    assert.match(error.message, /database unreachable/);
    assert.doesNotMatch(error.message, /more detail/, 'only the first stderr line');
    const timeout = messages.find((event) => event.hook_event === 'PreToolUse');
    assert.match(timeout?.message ?? '', /timed out after 1s/);
    const result = events.at(-1);
    assert.equal(result.subtype, 'success');
    assert.match(JSON.stringify(events.filter((event) => event.type === 'user')), /still runs/);
  });

  test('an invalid hooks setting is a configuration error naming the file and key', async () => {
    const workspace = makeWorkspace();
    writeSettings(workspace, '.claude/settings.json', { hooks: { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command' }] }] } });
    const run = await runWright(['-p', 'hi'], { workspace, server });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /\.claude\/settings\.json:\d+:\d+: hooks\.PreToolUse\[0\]\.hooks\[0\]\.command: must be a non-empty string/);
  });

  test('SessionEnd runs when print mode finishes', async () => {
    const workspace = makeWorkspace();
    writeSettings(workspace, '.wright/settings.json', { hooks: hooksSetting(workspace, { SessionEnd: [{ name: 'end' }] }) });
    server.push(reply([text('bye')]));
    const run = await runWright(['-p', 'hi'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    const ended = hookLog(workspace).find((entry) => entry.name === 'end');
    assert.equal(ended?.input.hook_event_name, 'SessionEnd');
    assert.equal(ended?.input.reason, 'other');
  });

  test('a prompt hook asks the model and blocks with its reason', async () => {
    const workspace = makeWorkspace();
    writeSettings(workspace, '.wright/settings.json', {
      hooks: { Stop: [{ hooks: [{ type: 'prompt', prompt: 'Did the agent finish every task? Input: $ARGUMENTS' }] }] },
    });
    const first = server.requests.length;
    server.push(
      reply([text('Half done.')]),
      replyFrom((request) => reply([text(/Did the agent finish every task\? Input: \{/.test(bodyText(request.body)) ? '{"ok": false, "reason": "The second task is open."}' : 'unexpected')])),
      reply([text('Both done.')]),
      reply([text('{"ok": true}')]),
    );
    const run = await runWright(['-p', 'do both tasks', '--output-format', 'json'], { workspace, server });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(server.requests.length - first, 4);
    assert.match(bodyText(server.requests[first + 2]!.body), /The second task is open\./);
    assert.equal(jsonResult(run).result, 'Both done.');
  });
});
