import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { bashOutputTool, type BashOutputData } from '../../src/tools/bashOutputTool.js';
import { type BashData, bashTool } from '../../src/tools/bashTool.js';
import { disposeToolSessionState } from '../../src/tools/index.js';
import { killShellTool } from '../../src/tools/killShellTool.js';
import { ShellSession } from '../../src/tools/shellSession.js';
import type { ToolContext, ToolResult } from '../../src/tools/types.js';
import { eventually, isProcessGone } from './processes.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

const contexts: ToolContext[] = [];
after(async () => {
  for (const ctx of contexts.splice(0)) await disposeToolSessionState(ctx.session);
  removeTempDirs();
});

function setup(env: Record<string, string> = {}) {
  const dir = makeTempDir();
  const ctx = makeContext(dir, { env: { ...process.env, WRIGHT_SHELL_SNAPSHOT: '0', ...env } });
  contexts.push(ctx);
  return { dir, ctx };
}

async function startInBackground(ctx: ToolContext, command: string): Promise<{ id: string; outputFile: string; result: ToolResult }> {
  const result = await bashTool.run({ command, run_in_background: true }, ctx);
  assert.equal(result.isError, undefined, textOf(result));
  const data = result.data as BashData;
  return { id: data.backgroundTaskId!, outputFile: data.outputFile!, result };
}

const output = (ctx: ToolContext, bash_id: string, filter?: string) =>
  bashOutputTool.run(filter === undefined ? { bash_id } : { bash_id, filter }, ctx);
const outputData = (result: ToolResult) => result.data as BashOutputData;

/** Polls BashOutput until the shell has ended, collecting every piece of output it returned. */
async function readUntilEnded(ctx: ToolContext, id: string, filter?: string): Promise<{ collected: string; last: ToolResult }> {
  const pieces: string[] = [];
  let last: ToolResult | undefined;
  const ended = await eventually(async () => {
    last = await output(ctx, id, filter);
    if (outputData(last).output !== '') pieces.push(outputData(last).output);
    return outputData(last).status !== 'running';
  });
  assert.ok(ended, 'the shell did not end');
  return { collected: pieces.join('\n'), last: last! };
}

describe('Bash run_in_background', () => {
  it('returns at once with a shell id and the output file', async () => {
    const { ctx } = setup();
    const started = Date.now();
    const { id, outputFile, result } = await startInBackground(ctx, 'sleep 20; echo late');
    assert.ok(Date.now() - started < 5000);
    assert.equal(id, 'bash_1');
    assert.ok(outputFile.startsWith(ctx.session.shells!.tempDir.path()));
    assert.ok(existsSync(outputFile));
    assert.match(textOf(result), /^Command running in background with ID: bash_1\. Its output \(stdout and stderr\) goes to /);
    assert.match(textOf(result), /BashOutput with bash_id "bash_1"/);
    assert.equal((await startInBackground(ctx, 'true')).id, 'bash_2');
  });

  it('is not subject to the foreground timeout', async () => {
    const { ctx } = setup({ BASH_DEFAULT_TIMEOUT_MS: '100' });
    const { id } = await startInBackground(ctx, 'sleep 1; echo finished');
    const { collected, last } = await readUntilEnded(ctx, id);
    assert.equal(collected, 'finished');
    assert.equal(outputData(last).status, 'completed');
  });

  it('runs in the session directory with the env file sourced', async () => {
    const envFile = join(makeTempDir(), 'env.sh');
    writeFileSync(envFile, 'export FROM_ENV_FILE=bg\n');
    const { dir, ctx } = setup({ WRIGHT_ENV_FILE: envFile });
    const { id } = await startInBackground(ctx, 'pwd; echo $FROM_ENV_FILE');
    assert.equal((await readUntilEnded(ctx, id)).collected, `${dir}\nbg`);
  });
});

describe('BashOutput', () => {
  it('returns only output that is new since the last read, then the final status', async () => {
    const { dir, ctx } = setup();
    const { id } = await startInBackground(ctx, 'echo one; while [ ! -e go ]; do sleep 0.05; done; echo two; exit 0');
    assert.ok(await eventually(async () => outputData(await output(ctx, id)).output === 'one'));
    const quiet = await output(ctx, id);
    assert.equal(textOf(quiet), '<status>running</status>\n(no new output)');
    writeFileSync(join(dir, 'go'), '');
    const { collected, last } = await readUntilEnded(ctx, id);
    assert.equal(collected, 'two');
    assert.equal(outputData(last).exitCode, 0);
    assert.equal(textOf(await output(ctx, id)), '<status>completed</status>\n<exit_code>0</exit_code>\n(no new output)');
  });

  it('shows the output, status and exit code of a failed command', async () => {
    const { ctx } = setup();
    const { id } = await startInBackground(ctx, 'echo out; echo err >&2; exit 7');
    const { last } = await readUntilEnded(ctx, id);
    assert.equal(outputData(last).status, 'failed');
    assert.equal(outputData(last).exitCode, 7);
    const all = readFileSync(outputData(last).outputFile, 'utf8');
    assert.equal(all, 'out\nerr\n');
    assert.equal(last.isError, undefined);
  });

  it('drops lines that do not match the filter, and counts them as read', async () => {
    const { ctx } = setup();
    const { id } = await startInBackground(ctx, "printf 'ok 1\\nnot ok 2\\nok 3\\nnot ok 4\\n'");
    await eventually(() => ctx.session.shells!.background.get(id)!.status !== 'running');
    const filtered = await output(ctx, id, '^not ok');
    assert.equal(outputData(filtered).output, 'not ok 2\nnot ok 4');
    assert.match(textOf(filtered), /\(filter kept 2 of 4 new lines\)/);
    assert.match(textOf(await output(ctx, id)), /\(no new output\)/);
  });

  it('does not split a line that is still being written', async () => {
    const { dir, ctx } = setup();
    const { id } = await startInBackground(ctx, "printf 'first\\npart'; while [ ! -e go ]; do sleep 0.05; done; printf 'ial\\nlast without newline'");
    assert.ok(await eventually(async () => outputData(await output(ctx, id)).output === 'first'));
    writeFileSync(join(dir, 'go'), '');
    assert.equal((await readUntilEnded(ctx, id)).collected, 'partial\nlast without newline');
  });

  it('returns progress updates ended by a carriage return while the command runs', async () => {
    const { dir, ctx } = setup();
    const { id } = await startInBackground(ctx, "printf '10%%\\r20%%\\r30'; while [ ! -e go ]; do sleep 0.05; done; printf '%%\\n'");
    assert.ok(await eventually(async () => outputData(await output(ctx, id)).output === '10%\r20%\r'));
    writeFileSync(join(dir, 'go'), '');
    assert.equal((await readUntilEnded(ctx, id)).collected, '30%');
  });

  it('keeps the head and tail of a large output and names the log file', async () => {
    const { ctx } = setup({ BASH_MAX_OUTPUT_LENGTH: '1000' });
    const { id, outputFile } = await startInBackground(ctx, 'seq 1 50000');
    await eventually(() => ctx.session.shells!.background.get(id)!.status !== 'running');
    const result = await output(ctx, id);
    const shown = outputData(result).output;
    assert.ok(shown.startsWith('1\n2\n3\n'));
    assert.ok(shown.endsWith('49999\n50000'));
    assert.match(shown, /characters truncated/);
    assert.ok(textOf(result).length < 1500);
    assert.ok(textOf(result).includes(`The full log is ${outputFile}.`));
  });

  it('gives every line to exactly one of two concurrent reads', async () => {
    const { ctx } = setup();
    const { id } = await startInBackground(ctx, 'seq 1 2000');
    await eventually(() => ctx.session.shells!.background.get(id)!.status !== 'running');
    const [first, second] = await Promise.all([output(ctx, id), output(ctx, id)]);
    const lines = [outputData(first!).output, outputData(second!).output].filter(Boolean).join('\n').split('\n');
    assert.deepEqual(lines, Array.from({ length: 2000 }, (_, i) => String(i + 1)));
  });

  it('lists the known shells for an unknown id', async () => {
    const { ctx } = setup();
    const none = await output(ctx, 'bash_1');
    assert.equal(none.isError, true);
    assert.equal(textOf(none), 'No background shell with id "bash_1". No background shells were started in this session.');
    await startInBackground(ctx, 'sleep 20');
    const unknown = await output(ctx, 'bash_9');
    assert.equal(unknown.isError, true);
    assert.equal(textOf(unknown), 'No background shell with id "bash_9". Known shells: bash_1 (running: sleep 20).');
  });

  it('rejects an invalid regular expression', async () => {
    const { ctx } = setup();
    const { id } = await startInBackground(ctx, 'echo x');
    const result = await output(ctx, id, '(unclosed');
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^Invalid filter: .*Pass a JavaScript regular expression/);
  });

  it('is read-only', () => {
    assert.equal(bashOutputTool.isReadOnly({ bash_id: 'bash_1' }), true);
  });
});

describe('KillShell', () => {
  async function startWithGrandchild(ctx: ToolContext, dir: string, prefix = '') {
    const pidFile = join(dir, `sleep-${Math.random().toString(36).slice(2)}.pid`);
    const { id } = await startInBackground(ctx, `${prefix}sleep 300 & echo $! > ${pidFile}; wait`);
    assert.ok(await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== ''));
    return { id, pid: Number(readFileSync(pidFile, 'utf8')) };
  }

  it('kills the whole process group and reports the final status', async () => {
    const { dir, ctx } = setup();
    const { id, pid } = await startWithGrandchild(ctx, dir);
    const result = await killShellTool.run({ shell_id: id }, ctx);
    assert.equal(result.isError, undefined);
    assert.match(textOf(result), /^Killed shell bash_1 \(sleep 300 & echo .*\)\. Status: killed, exit code \d+\.$/);
    assert.ok(await isProcessGone(pid, 5000), 'the grandchild survived');
    assert.match(textOf(await output(ctx, id)), /^<status>killed<\/status>/);
  });

  it('escalates to SIGKILL when the command ignores SIGTERM', async () => {
    const { dir, ctx } = setup();
    ctx.session.shells = new ShellSession({ killGraceMs: 300 });
    const { id, pid } = await startWithGrandchild(ctx, dir, "trap '' TERM; ");
    const result = await killShellTool.run({ shell_id: id }, ctx);
    assert.match(textOf(result), /Status: killed, exit code 137\./);
    assert.ok(await isProcessGone(pid, 5000));
  });

  it('kills what a finished shell left running', async () => {
    const { dir, ctx } = setup();
    const pidFile = join(dir, 'left.pid');
    const { id } = await startInBackground(ctx, `sleep 300 & echo $! > ${pidFile}`);
    await eventually(() => ctx.session.shells!.background.get(id)!.status !== 'running');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const result = await killShellTool.run({ shell_id: id }, ctx);
    assert.equal(textOf(result), 'Shell bash_1 had already completed, exit code 0; killed the processes it left running.');
    assert.ok(await isProcessGone(pid, 5000));
  });

  it('says so for a shell that already ended, or an unknown id', async () => {
    const { ctx } = setup();
    const { id } = await startInBackground(ctx, 'exit 4');
    await eventually(() => ctx.session.shells!.background.get(id)!.status !== 'running');
    const ended = await killShellTool.run({ shell_id: id }, ctx);
    assert.equal(ended.isError, true);
    assert.equal(textOf(ended), 'Shell bash_1 is not running (failed, exit code 4); there is nothing to kill.');
    const unknown = await killShellTool.run({ shell_id: 'bash_2' }, ctx);
    assert.equal(unknown.isError, true);
    assert.equal(textOf(unknown), 'No background shell with id "bash_2". Known shells: bash_1 (failed: exit 4).');
  });

  it('is not read-only', () => {
    assert.equal(killShellTool.isReadOnly({ shell_id: 'bash_1' }), false);
  });
});

describe('the end of a session', () => {
  it('kills every background shell and removes the logs when disposed', async () => {
    const { dir, ctx } = setup();
    const pidFiles = [join(dir, 'a.pid'), join(dir, 'b.pid')];
    for (const pidFile of pidFiles) await startInBackground(ctx, `sleep 300 & echo $! > ${pidFile}; wait`);
    assert.ok(await eventually(() => pidFiles.every((file) => existsSync(file) && readFileSync(file, 'utf8').trim() !== '')));
    const logDirectory = ctx.session.shells!.tempDir.path();
    await disposeToolSessionState(ctx.session);
    for (const file of pidFiles) assert.ok(await isProcessGone(Number(readFileSync(file, 'utf8')), 5000), file);
    assert.equal(existsSync(logDirectory), false);
    const late = await bashTool.run({ command: 'sleep 1', run_in_background: true }, ctx);
    assert.equal(late.isError, true);
    assert.match(textOf(late), /session is ending/);
  });

  it('kills background shells when the process exits without disposing', async () => {
    const dir = makeTempDir();
    const pidFile = join(dir, 'sleep.pid');
    const fixture = join(import.meta.dirname, 'backgroundExitFixture.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', fixture, dir, pidFile], { timeout: 30_000 });
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.ok(pid > 0);
    assert.ok(await isProcessGone(pid, 5000), 'the background sleep outlived the process');
    const log = /log=(.*)/.exec(stdout)?.[1];
    assert.ok(log && !existsSync(log), 'the temp directory was left behind');
  });
});
