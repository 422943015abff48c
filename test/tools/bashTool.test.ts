import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { type BashData, bashTool } from '../../src/tools/bashTool.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

after(removeTempDirs);

function setup(env: Record<string, string> = {}) {
  const dir = makeTempDir();
  return { dir, ctx: makeContext(dir, { env: { ...process.env, ...env } }) };
}

function dataOf(result: { data?: unknown }): BashData {
  return result.data as BashData;
}

/** Dead, or a zombie waiting for init to reap it (which can take a while in containers). */
function isProcessDead(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function isProcessGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (isProcessDead(pid)) return true;
    await delay(50);
  }
  return false;
}

describe('Bash', () => {
  it('returns stdout and succeeds on exit code 0', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: 'echo hello' }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(textOf(result), 'hello');
    assert.deepEqual(dataOf(result), { stdout: 'hello', stderr: '', exitCode: 0, interrupted: false, timedOut: false });
  });

  it('reports a non-zero exit code as an error and marks stderr', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: 'echo out; echo oops >&2; exit 3' }, ctx);
    assert.equal(result.isError, true);
    assert.equal(textOf(result), 'out\n<stderr>\noops\n</stderr>\nExit code 3');
    assert.equal(dataOf(result).exitCode, 3);
    assert.equal(dataOf(result).stderr, 'oops');
  });

  it('runs bash (not plain sh)', async () => {
    const { ctx } = setup();
    assert.equal(textOf(await bashTool.run({ command: 'echo ${BASH_VERSION:+bash}' }, ctx)), 'bash');
  });

  it('kills a command at its timeout, well before it would finish', async () => {
    const { ctx } = setup();
    const started = Date.now();
    const result = await bashTool.run({ command: 'sleep 5', timeout: 300 }, ctx);
    assert.ok(Date.now() - started < 4000);
    assert.equal(result.isError, true);
    assert.equal(dataOf(result).timedOut, true);
    assert.match(textOf(result), /timed out after 300 ms/);
  });

  it('kills the whole process group, including background children', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: 'sleep 30 & echo $!; wait', timeout: 500 }, ctx);
    assert.equal(dataOf(result).timedOut, true);
    const pid = Number(dataOf(result).stdout.trim());
    assert.ok(pid > 0);
    assert.ok(await isProcessGone(pid, 3000), 'the background sleep survived');
  });

  it('takes its default timeout from BASH_DEFAULT_TIMEOUT_MS', async () => {
    const { ctx } = setup({ BASH_DEFAULT_TIMEOUT_MS: '300' });
    const started = Date.now();
    const result = await bashTool.run({ command: 'sleep 5' }, ctx);
    assert.ok(Date.now() - started < 4000);
    assert.equal(dataOf(result).timedOut, true);
  });

  it('clamps the requested timeout to BASH_MAX_TIMEOUT_MS', async () => {
    const { ctx } = setup({ BASH_MAX_TIMEOUT_MS: '300' });
    const started = Date.now();
    const result = await bashTool.run({ command: 'sleep 5', timeout: 10_000 }, ctx);
    assert.ok(Date.now() - started < 4000);
    assert.equal(dataOf(result).timedOut, true);
  });

  it('kills the command when the signal aborts', async () => {
    const { dir } = setup();
    const controller = new AbortController();
    const ctx = makeContext(dir, { signal: controller.signal });
    const started = Date.now();
    setTimeout(() => controller.abort(), 200);
    const result = await bashTool.run({ command: 'sleep 5' }, ctx);
    assert.ok(Date.now() - started < 4000);
    assert.equal(result.isError, true);
    assert.equal(dataOf(result).interrupted, true);
    assert.equal(dataOf(result).timedOut, false);
    assert.match(textOf(result), /interrupted/);
  });

  it('does not run at all when already aborted', async () => {
    const { dir } = setup();
    const controller = new AbortController();
    controller.abort();
    const marker = join(dir, 'ran');
    const result = await bashTool.run({ command: `touch ${marker}` }, makeContext(dir, { signal: controller.signal }));
    assert.equal(dataOf(result).interrupted, true);
    const check = await bashTool.run({ command: `test -e ${marker} && echo yes || echo no` }, makeContext(dir));
    assert.equal(textOf(check), 'no');
  });

  it('returns promptly when a background job keeps the output pipe open', async () => {
    const { ctx } = setup();
    const started = Date.now();
    const result = await bashTool.run({ command: 'sleep 3 & echo started' }, ctx);
    assert.ok(Date.now() - started < 2500);
    assert.equal(textOf(result), 'started');
  });

  it('keeps the head and tail of long output around a truncation marker', async () => {
    const { ctx } = setup({ BASH_MAX_OUTPUT_LENGTH: '1000' });
    const result = await bashTool.run({ command: "echo HEAD; head -c 5000 /dev/zero | tr '\\0' x; echo; echo TAIL" }, ctx);
    const text = textOf(result);
    assert.ok(text.startsWith('HEAD\n'));
    assert.ok(text.endsWith('TAIL'));
    assert.match(text, /… \d+ characters truncated …/);
    assert.ok(text.length < 1100);
  });

  it('caps output at 30000 characters by default', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: "head -c 100000 /dev/zero | tr '\\0' y" }, ctx);
    const text = textOf(result);
    assert.ok(text.length >= 30000 && text.length < 30100, String(text.length));
    assert.match(text, /70000 characters truncated/);
  });

  it('keeps a cd inside the working directory for the next call', async () => {
    const { dir, ctx } = setup();
    mkdirSync(join(dir, 'sub'));
    const moved = await bashTool.run({ command: 'cd sub' }, ctx);
    assert.equal(ctx.session.shellCwd, join(dir, 'sub'));
    assert.ok(!textOf(moved).includes('reset'));
    assert.equal(textOf(await bashTool.run({ command: 'pwd' }, ctx)), join(dir, 'sub'));
  });

  it('keeps a cd into an additional working directory', async () => {
    const { dir } = setup();
    const other = makeTempDir();
    const ctx = makeContext(dir, { workingDirectories: [dir, other] });
    await bashTool.run({ command: `cd ${other}` }, ctx);
    assert.equal(ctx.session.shellCwd, other);
  });

  it('resets the cwd to the launch directory when a command leaves the working directories', async () => {
    const { dir, ctx } = setup();
    const result = await bashTool.run({ command: 'cd / && echo moved' }, ctx);
    assert.equal(textOf(result), `moved\nShell cwd was reset to ${dir}`);
    assert.equal(ctx.session.shellCwd, dir);
    assert.equal(textOf(await bashTool.run({ command: 'pwd' }, ctx)), dir);
  });

  it('falls back to the launch directory when the shell cwd was deleted', async () => {
    const { dir, ctx } = setup();
    mkdirSync(join(dir, 'gone'));
    await bashTool.run({ command: 'cd gone' }, ctx);
    rmSync(join(dir, 'gone'), { recursive: true });
    const result = await bashTool.run({ command: 'pwd' }, ctx);
    assert.ok(textOf(result).startsWith(dir + '\n'));
    assert.match(textOf(result), /Shell cwd was reset/);
  });

  it('does not carry environment variables between calls', async () => {
    const { ctx } = setup();
    await bashTool.run({ command: 'export WRIGHT_TEST_VAR=set' }, ctx);
    assert.equal(textOf(await bashTool.run({ command: 'echo ${WRIGHT_TEST_VAR:-unset}' }, ctx)), 'unset');
  });

  it('passes the context environment to the command', async () => {
    const { ctx } = setup({ WRIGHT_FROM_CONTEXT: 'from-ctx' });
    assert.equal(textOf(await bashTool.run({ command: 'echo $WRIGHT_FROM_CONTEXT' }, ctx)), 'from-ctx');
  });

  it('returns an error instead of throwing for a command the OS cannot take', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: 'echo a\0b' }, ctx);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Could not start the shell/);
  });

  it('says so when the command printed nothing', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: 'true' }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /no output/);
  });

  it('has no run_in_background field yet', () => {
    assert.deepEqual(Object.keys(bashTool.inputSchema.shape).sort(), ['command', 'description', 'timeout']);
    assert.equal(bashTool.inputSchema.safeParse({ command: 'x', timeout: 600_001 }).success, false);
  });
});

describe('Bash isReadOnly', () => {
  const isReadOnly = (command: string) => bashTool.isReadOnly({ command });

  it('is true for commands the permission analysis finds read-only', () => {
    assert.equal(isReadOnly('ls -la'), true);
    assert.equal(isReadOnly('git status && ls -la | grep x'), true);
    assert.equal(isReadOnly('cat package.json | wc -l'), true);
  });

  it('is false for commands that write, run unknown programs or cannot be analysed', () => {
    assert.equal(isReadOnly('ls > out.txt'), false);
    assert.equal(isReadOnly('rm -rf build'), false);
    assert.equal(isReadOnly('npm test'), false);
    assert.equal(isReadOnly('echo $(rm -rf /)'), false);
  });

  it('is false when any simple command changes directory, since the shell cwd persists between calls', () => {
    assert.equal(isReadOnly('cd src'), false);
    assert.equal(isReadOnly('cd src && ls'), false);
    assert.equal(isReadOnly('ls; cd ..'), false);
    assert.equal(isReadOnly('ls | grep x && command cd /tmp'), false);
    assert.equal(isReadOnly('timeout 5 cd src'), false);
    assert.equal(isReadOnly('pushd src'), false);
    assert.equal(isReadOnly('popd'), false);
  });

  it('is not fooled by "cd" appearing as an argument', () => {
    assert.equal(isReadOnly('echo cd'), true);
    assert.equal(isReadOnly('grep -r "cd src" .'), true);
  });
});
