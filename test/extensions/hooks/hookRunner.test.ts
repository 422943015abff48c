// The runner with real shells: stdin JSON, environment, working directory, parallel handlers,
// timeouts that take the whole process group, capped output, prompt hooks through a model query.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHookLayers, type HookConfig } from '../../../src/extensions/hooks/hookConfig.js';
import { HookRunner, type HookSession } from '../../../src/extensions/hooks/hookRunner.js';
import { HOOK_OUTPUT_CAP_BYTES, runHookCommand } from '../../../src/extensions/hooks/hookProcess.js';
import type { HookModelQuery } from '../../../src/extensions/hooks/promptHook.js';
import { makeTempDir, removeTempDirs } from '../../config/tempFiles.js';

after(removeTempDirs);

function config(hooks: Record<string, unknown>): HookConfig {
  const parsed = parseHookLayers([{ source: 'settings.json', scope: 'project', hooks }]);
  if (!parsed.ok) assert.fail(parsed.problem.message);
  return parsed.config;
}

function session(projectDir: string): HookSession {
  return { sessionId: 'sess-1', transcriptPath: '/tmp/t.jsonl', cwd: '/work/here', projectDir, permissionMode: () => 'acceptEdits', env: { PATH: process.env.PATH, KEEP: 'kept' } };
}

const handler = (command: string, extra: Record<string, unknown> = {}) => ({ type: 'command', command, ...extra });

async function waitUntil(check: () => boolean, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('HookRunner with command hooks', () => {
  it('gives the event JSON on stdin, runs in the project dir with the project variables', async () => {
    const dir = makeTempDir();
    const runner = new HookRunner(
      config({ PreToolUse: [{ matcher: 'Bash', hooks: [handler('cat > input.json; pwd > cwd.txt; echo "$CLAUDE_PROJECT_DIR|$WRIGHT_PROJECT_DIR|$KEEP" > env.txt; [ -t 0 ] && echo tty > tty.txt; true')] }] }),
      session(dir),
    );
    const outcome = await runner.run('PreToolUse', { tool_name: 'Bash', tool_input: { command: 'ls' }, tool_use_id: 'toolu_1' });
    assert.equal(outcome.ran, 1);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')), {
      session_id: 'sess-1',
      transcript_path: '/tmp/t.jsonl',
      cwd: '/work/here',
      permission_mode: 'acceptEdits',
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'ls' },
      tool_use_id: 'toolu_1',
    });
    assert.equal(readFileSync(join(dir, 'cwd.txt'), 'utf8').trim(), dir);
    assert.equal(readFileSync(join(dir, 'env.txt'), 'utf8').trim(), `${dir}|${dir}|kept`);
  });

  it('runs only handlers whose matcher matches the event’s field, each distinct handler once', async () => {
    const dir = makeTempDir();
    const runner = new HookRunner(
      config({
        PostToolUse: [
          { matcher: 'Edit|Write', hooks: [handler('echo edit >> ran.txt')] },
          { matcher: 'Write', hooks: [handler('echo edit >> ran.txt')] },
          { matcher: 'Bash', hooks: [handler('echo bash >> ran.txt')] },
          { matcher: 'Writ.*', hooks: [handler('echo pattern >> ran.txt')] },
        ],
        SessionStart: [{ matcher: 'compact', hooks: [handler('echo compact >> ran.txt')] }],
      }),
      session(dir),
    );
    await runner.run('PostToolUse', { tool_name: 'Write' });
    await runner.run('SessionStart', { source: 'startup' });
    assert.deepEqual(readFileSync(join(dir, 'ran.txt'), 'utf8').trim().split('\n').sort(), ['edit', 'pattern']);
  });

  it('runs the matching hooks in parallel', async () => {
    const dir = makeTempDir();
    // Each waits for the other's mark: run one after the other, the first would give up.
    const waitFor = (mine: string, theirs: string) => handler(`touch ${mine}; for i in $(seq 1 200); do [ -e ${theirs} ] && exit 0; sleep 0.05; done; exit 1`);
    const runner = new HookRunner(config({ Stop: [{ hooks: [waitFor('a', 'b'), waitFor('b', 'a')] }] }), session(dir));
    const outcome = await runner.run('Stop', { stop_hook_active: false });
    assert.equal(outcome.ran, 2);
    assert.deepEqual(outcome.messages, [], 'both saw the other');
  });

  it('a timeout kills the hook and what it started, and decides nothing', async () => {
    const dir = makeTempDir();
    const runner = new HookRunner(
      config({ PreToolUse: [{ hooks: [handler('sleep 300 & echo $! > child.pid; echo \'{"decision":"block"}\'; wait', { timeout: 1 })] }] }),
      session(dir),
    );
    const outcome = await runner.run('PreToolUse', { tool_name: 'Bash' });
    assert.equal(outcome.permission, undefined);
    assert.match(outcome.messages[0]!.text, /timed out after 1s/);
    const pid = Number(readFileSync(join(dir, 'child.pid'), 'utf8'));
    await waitUntil(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    });
  });

  it('the SessionEnd budget caps a handler’s own timeout', async () => {
    const dir = makeTempDir();
    const runner = new HookRunner(config({ SessionEnd: [{ hooks: [handler('sleep 30', { timeout: 60 })] }] }), session(dir));
    const outcome = await runner.run('SessionEnd', { reason: 'other' }, { budgetSeconds: 1 });
    assert.match(outcome.messages[0]!.text, /timed out after 1s/);
  });

  it('exit 2 from one of several hooks blocks; JSON from another still counts', async () => {
    const dir = makeTempDir();
    const runner = new HookRunner(
      config({ UserPromptSubmit: [{ hooks: [handler('echo "no secrets" >&2; exit 2'), handler('echo \'{"systemMessage":"logged"}\'')] }] }),
      session(dir),
    );
    const outcome = await runner.run('UserPromptSubmit', { prompt: 'x' });
    assert.equal(outcome.block, 'no secrets');
    assert.deepEqual(outcome.messages.map((message) => message.text), ['logged']);
  });

  it('no matching hooks: nothing runs', async () => {
    const runner = new HookRunner(config({ Stop: [{ hooks: [handler('exit 2')] }] }), session(makeTempDir()));
    assert.equal(runner.has('PreToolUse'), false);
    assert.equal((await runner.run('PreToolUse', { tool_name: 'Bash' })).ran, 0);
  });

  it('a missing shell is a non-blocking error', async () => {
    const runner = new HookRunner(config({ Stop: [{ hooks: [handler('true', { shell: 'no-such-shell-here' })] }] }), session(makeTempDir()));
    const outcome = await runner.run('Stop', {});
    assert.equal(outcome.block, undefined);
    assert.match(outcome.messages[0]!.text, /could not run no-such-shell-here/);
  });
});

describe('runHookCommand', () => {
  it('caps what it keeps of the output', async () => {
    const run = await runHookCommand({ command: `head -c ${HOOK_OUTPUT_CAP_BYTES + 5000} /dev/zero | tr '\\0' x`, shell: 'bash', cwd: makeTempDir(), env: { PATH: process.env.PATH }, input: '', timeoutMs: 30000 });
    assert.equal(run.exitCode, 0);
    assert.ok(run.stdout.startsWith('x'.repeat(1000)));
    assert.match(run.stdout, /5000 more bytes of output dropped/);
  });

  it('does not wait for a background child that keeps the pipes open', async () => {
    const run = await runHookCommand({ command: 'echo done; (sleep 20 &) ; exit 0', shell: 'bash', cwd: makeTempDir(), env: { PATH: process.env.PATH }, input: '', timeoutMs: 60000 });
    assert.equal(run.exitCode, 0);
    assert.equal(run.timedOut, false);
    assert.equal(run.stdout.trim(), 'done');
  });
});

describe('prompt hooks', () => {
  const promptConfig = config({ Stop: [{ hooks: [{ type: 'prompt', prompt: 'Is the work complete? $ARGUMENTS', model: 'small-model' }] }] });

  function answering(text: string | { fail: string }): { ask: HookModelQuery; asked: Array<{ prompt: string; model?: string }> } {
    const asked: Array<{ prompt: string; model?: string }> = [];
    return {
      asked,
      ask: async (request) => {
        asked.push({ prompt: request.prompt, ...(request.model !== undefined ? { model: request.model } : {}) });
        return typeof text === 'string' ? { ok: true, text } : { ok: false, message: text.fail };
      },
    };
  }

  it('replaces $ARGUMENTS with the input JSON; ok:false blocks with the reason', async () => {
    const model = answering('```json\n{"ok": false, "reason": "Tests were not run."}\n```');
    const runner = new HookRunner(promptConfig, session(makeTempDir()), { askModel: model.ask });
    const outcome = await runner.run('Stop', { stop_hook_active: false });
    assert.equal(outcome.block, 'Tests were not run.');
    assert.equal(model.asked[0]!.model, 'small-model');
    const argumentsJson = model.asked[0]!.prompt.replace('Is the work complete? ', '');
    assert.equal(JSON.parse(argumentsJson).hook_event_name, 'Stop');
  });

  it('ok:true lets it proceed; a bad reply or a failed request is a non-blocking error', async () => {
    assert.equal((await new HookRunner(promptConfig, session(makeTempDir()), { askModel: answering('{"ok": true}').ask }).run('Stop', {})).block, undefined);
    for (const reply of ['Sure, looks done.', '{"verdict": "fine"}', { fail: 'overloaded' }]) {
      const outcome = await new HookRunner(promptConfig, session(makeTempDir()), { askModel: answering(reply).ask }).run('Stop', {});
      assert.equal(outcome.block, undefined);
      assert.equal(outcome.messages[0]!.level, 'error');
    }
  });

  it('without a model, prompt hooks fail as non-blocking errors', async () => {
    const outcome = await new HookRunner(promptConfig, session(makeTempDir())).run('Stop', {});
    assert.equal(outcome.block, undefined);
    assert.match(outcome.messages[0]!.text, /need a model/);
  });
});

describe('async command hooks', () => {
  it('reads async: true, and refuses a non-boolean', () => {
    const parsed = config({ Stop: [{ hooks: [handler('true', { async: true }), handler('false', { async: false })] }] });
    assert.deepEqual(
      parsed.entries.map((entry) => entry.handler),
      [
        { type: 'command', command: 'true', async: true },
        { type: 'command', command: 'false' },
      ],
    );
    const bad = parseHookLayers([{ source: 's.json', scope: 'user', hooks: { Stop: [{ hooks: [handler('true', { async: 'yes' })] }] } }]);
    assert.equal(bad.ok, false);
    assert.deepEqual(bad.ok ? [] : bad.problem.path, ['hooks', 'Stop', 0, 'hooks', 0, 'async']);
  });

  it('starts them without waiting, and nothing they say blocks or decides', async () => {
    const dir = makeTempDir();
    // The async hook cannot finish before the test creates `go`, which it does only after run() returned.
    const runner = new HookRunner(
      config({
        PreToolUse: [
          {
            hooks: [
              handler('echo \'{"hookSpecificOutput":{"permissionDecision":"deny","permissionDecisionReason":"no"}}\'; echo blocked >&2; exit 2', { async: true }),
              handler('cat > input.json; while [ ! -e go ]; do sleep 0.05; done; echo finished > done.txt', { async: true }),
              handler('echo sync > sync.txt'),
            ],
          },
        ],
      }),
      session(dir),
    );
    const outcome = await runner.run('PreToolUse', { tool_name: 'Bash', tool_input: {} });
    assert.equal(outcome.ran, 3);
    assert.equal(outcome.permission, undefined);
    assert.deepEqual(outcome.messages, []);
    assert.equal(readFileSync(join(dir, 'sync.txt'), 'utf8').trim(), 'sync');
    assert.throws(() => readFileSync(join(dir, 'done.txt')));
    writeFileSync(join(dir, 'go'), '');
    await waitUntil(() => {
      try {
        return readFileSync(join(dir, 'done.txt'), 'utf8').trim() === 'finished';
      } catch {
        return false;
      }
    });
    assert.equal(JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')).hook_event_name, 'PreToolUse');
  });

  it('does not cancel them with the event', async () => {
    const dir = makeTempDir();
    const runner = new HookRunner(config({ Stop: [{ hooks: [handler('while [ ! -e go ]; do sleep 0.05; done; echo survived > done.txt', { async: true })] }] }), session(dir));
    const controller = new AbortController();
    await runner.run('Stop', {}, { signal: controller.signal });
    controller.abort();
    writeFileSync(join(dir, 'go'), '');
    await waitUntil(() => {
      try {
        return readFileSync(join(dir, 'done.txt'), 'utf8').trim() === 'survived';
      } catch {
        return false;
      }
    });
  });
});
