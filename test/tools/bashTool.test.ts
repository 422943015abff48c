import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { initBashParser } from '../../src/permissions/bashAnalysis.js';
import { type BashData, bashTool } from '../../src/tools/bashTool.js';
import { disposeToolSessionState } from '../../src/tools/index.js';
import type { ToolContext } from '../../src/tools/types.js';
import { isProcessGone } from './processes.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

await initBashParser();

after(removeTempDirs);

/** The shell snapshot has its own tests (shellSnapshot.test.ts); here it would only read the host's startup files. */
const NO_SNAPSHOT = { WRIGHT_SHELL_SNAPSHOT: '0' };
const contexts: ToolContext[] = [];
const quietEnv = () => ({ ...process.env, ...NO_SNAPSHOT });

function setup(env: Record<string, string> = {}) {
  const dir = makeTempDir();
  const ctx = makeContext(dir, { env: { ...process.env, ...NO_SNAPSHOT, ...env } });
  contexts.push(ctx);
  return { dir, ctx };
}

after(async () => {
  for (const ctx of contexts.splice(0)) await disposeToolSessionState(ctx.session);
});

function dataOf(result: { data?: unknown }): BashData {
  return result.data as BashData;
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

  it('leaves no grandchild behind when a timed-out command forked a nested shell', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: "bash -c 'sleep 30 & echo $!'; sleep 10", timeout: 500 }, ctx);
    assert.equal(dataOf(result).timedOut, true);
    const pid = Number(dataOf(result).stdout.trim());
    assert.ok(pid > 0, dataOf(result).stdout);
    assert.ok(await isProcessGone(pid, 3000), 'the orphaned sleep survived');
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
    const ctx = makeContext(dir, { env: quietEnv(), signal: controller.signal });
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
    const result = await bashTool.run({ command: `touch ${marker}` }, makeContext(dir, { env: quietEnv(), signal: controller.signal }));
    assert.equal(dataOf(result).interrupted, true);
    const check = await bashTool.run({ command: `test -e ${marker} && echo yes || echo no` }, makeContext(dir, { env: quietEnv() }));
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
    const preview = dataOf(result).stdout;
    assert.ok(preview.startsWith('HEAD\n'));
    assert.ok(preview.endsWith('TAIL'));
    assert.match(preview, /… \d+ characters truncated …/);
    assert.ok(preview.length < 1100);
    assert.ok(textOf(result).length < 1400);
  });

  it('caps output at 30000 characters by default', async () => {
    const { ctx } = setup();
    const result = await bashTool.run({ command: "head -c 100000 /dev/zero | tr '\\0' y" }, ctx);
    const preview = dataOf(result).stdout;
    assert.ok(preview.length >= 30000 && preview.length < 30100, String(preview.length));
    assert.match(preview, /70000 characters truncated/);
    assert.ok(textOf(result).startsWith(preview));
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
    const ctx = makeContext(dir, { env: quietEnv(), workingDirectories: [dir, other] });
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

  it("has Claude Code's input fields", () => {
    assert.deepEqual(Object.keys(bashTool.inputSchema.shape).sort(), ['command', 'dangerouslyDisableSandbox', 'description', 'run_in_background', 'timeout']);
    assert.equal(bashTool.inputSchema.safeParse({ command: 'x', timeout: 600_001 }).success, false);
  });
});

describe('Bash output beyond the cap', () => {
  it('writes the full output to a file and names it in the result', async () => {
    const { ctx } = setup({ BASH_MAX_OUTPUT_LENGTH: '1000' });
    const result = await bashTool.run({ command: 'seq 1 20000' }, ctx);
    assert.equal(result.isError, undefined);
    const file = dataOf(result).outputFile;
    assert.ok(file, 'no output file');
    assert.ok(file.startsWith(ctx.session.shells!.tempDir.path()), file);
    assert.equal(readFileSync(file, 'utf8'), Array.from({ length: 20000 }, (_, i) => `${i + 1}\n`).join(''));
    const text = textOf(result);
    assert.ok(text.startsWith('1\n2\n'));
    assert.match(text, /20000\nOutput was 108894 characters, more than the 1000 shown; the full output \(stdout and stderr\) is in /);
    assert.ok(text.includes(file));
  });

  it('keeps stderr in the file too', async () => {
    const { ctx } = setup({ BASH_MAX_OUTPUT_LENGTH: '500' });
    const result = await bashTool.run({ command: 'echo first-out; echo only-on-stderr >&2; seq 1 1000; exit 2' }, ctx);
    assert.equal(result.isError, true);
    const full = readFileSync(dataOf(result).outputFile!, 'utf8');
    // The two pipes are read independently, so where the stderr line lands among stdout's is not fixed.
    assert.ok(full.includes('only-on-stderr\n'));
    assert.equal(full.replace('only-on-stderr\n', ''), `first-out\n${Array.from({ length: 1000 }, (_, i) => `${i + 1}\n`).join('')}`);
    assert.match(textOf(result), /Exit code 2/);
  });

  it('writes no file when the output fits', async () => {
    const { ctx } = setup({ BASH_MAX_OUTPUT_LENGTH: '1000' });
    const result = await bashTool.run({ command: 'seq 1 100' }, ctx);
    assert.equal(dataOf(result).outputFile, undefined);
    assert.doesNotMatch(textOf(result), /full output/);
    assert.equal(ctx.session.shells?.tempDir.created ?? false, false);
  });

  it('removes the files when the session is disposed', async () => {
    const { ctx } = setup({ BASH_MAX_OUTPUT_LENGTH: '100' });
    const file = dataOf(await bashTool.run({ command: 'seq 1 1000' }, ctx)).outputFile!;
    assert.ok(existsSync(file));
    await disposeToolSessionState(ctx.session);
    assert.equal(existsSync(file), false);
  });
});

describe('Bash env file', () => {
  function withEnvFile(content: string, variable = 'WRIGHT_ENV_FILE') {
    const { dir } = setup();
    const file = join(makeTempDir(), 'env.sh');
    writeFileSync(file, content);
    return { dir, file, ctx: setup({ [variable]: file }).ctx };
  }

  it('sources WRIGHT_ENV_FILE before every command', async () => {
    const { ctx } = withEnvFile('export FROM_ENV_FILE=yes\nenv_fn() { echo "fn $1"; }\n');
    assert.equal(textOf(await bashTool.run({ command: 'echo $FROM_ENV_FILE' }, ctx)), 'yes');
    assert.equal(textOf(await bashTool.run({ command: 'env_fn again' }, ctx)), 'fn again');
  });

  it('honours CLAUDE_ENV_FILE, and prefers WRIGHT_ENV_FILE when both are set', async () => {
    const { ctx } = withEnvFile('export WHICH=claude\n', 'CLAUDE_ENV_FILE');
    assert.equal(textOf(await bashTool.run({ command: 'echo $WHICH' }, ctx)), 'claude');
    const wrightFile = join(makeTempDir(), 'wright.sh');
    writeFileSync(wrightFile, 'export WHICH=wright\n');
    const both = setup({ CLAUDE_ENV_FILE: ctx.env.CLAUDE_ENV_FILE!, WRIGHT_ENV_FILE: wrightFile }).ctx;
    assert.equal(textOf(await bashTool.run({ command: 'echo $WHICH' }, both)), 'wright');
  });

  it('keeps what the file prints out of the command output', async () => {
    const { ctx } = withEnvFile('echo noise from env file\nexport QUIET=1\n');
    assert.equal(textOf(await bashTool.run({ command: 'echo $QUIET' }, ctx)), '1');
  });

  it('resolves a relative path against the launch directory', async () => {
    const { dir, ctx } = setup({ WRIGHT_ENV_FILE: 'tools/env.sh' });
    mkdirSync(join(dir, 'tools'));
    writeFileSync(join(dir, 'tools', 'env.sh'), 'export RELATIVE=found\n');
    mkdirSync(join(dir, 'elsewhere'));
    await bashTool.run({ command: 'cd elsewhere' }, ctx);
    assert.equal(textOf(await bashTool.run({ command: 'echo $RELATIVE' }, ctx)), 'found');
  });

  it('runs the command with a note when the file is missing', async () => {
    const missing = join(makeTempDir(), 'nope.sh');
    const { ctx } = setup({ WRIGHT_ENV_FILE: missing });
    const result = await bashTool.run({ command: 'echo still ran' }, ctx);
    assert.equal(result.isError, undefined);
    assert.equal(textOf(result), `still ran\nNote: WRIGHT_ENV_FILE names ${missing}, which does not exist; the command ran without it.`);
  });

  it('runs the command with a note when sourcing the file fails', async () => {
    const { ctx, file } = withEnvFile('export BEFORE=set\nif then\n');
    const result = await bashTool.run({ command: 'echo "ran with $BEFORE"' }, ctx);
    assert.equal(result.isError, undefined);
    const text = textOf(result);
    assert.ok(text.startsWith('ran with set\n'), text);
    assert.ok(text.includes(`Note: sourcing WRIGHT_ENV_FILE (${file}) failed with status 2: `), text);
    assert.match(text, /syntax error/);
    assert.equal(dataOf(result).stderr, '');
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
