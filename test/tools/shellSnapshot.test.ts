import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { bashOutputTool } from '../../src/tools/bashOutputTool.js';
import { type BashData, bashTool } from '../../src/tools/bashTool.js';
import { disposeToolSessionState } from '../../src/tools/index.js';
import { mergedPath, snapshotEnabled, userShell } from '../../src/tools/shellSnapshot.js';
import type { ToolContext } from '../../src/tools/types.js';
import { eventually, isProcessGone } from './processes.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from './toolTestContext.js';

const contexts: ToolContext[] = [];
after(async () => {
  for (const ctx of contexts.splice(0)) await disposeToolSessionState(ctx.session);
  removeTempDirs();
});

/** A session whose HOME holds only the given startup files, and an environment with nothing else in it. */
function sessionWithHome(files: Record<string, string>, env: Record<string, string> = {}) {
  const home = makeTempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(home, name), content);
  const dir = makeTempDir();
  const ctx = makeContext(dir, { env: { PATH: process.env.PATH, HOME: home, SHELL: '/bin/bash', ...env } });
  contexts.push(ctx);
  return { home, dir, ctx };
}

const run = (ctx: ToolContext, command: string) => bashTool.run({ command }, ctx);

describe('the shell snapshot', () => {
  it("gives commands the aliases and functions of the user's ~/.bashrc", async () => {
    const { ctx } = sessionWithHome({
      // Debian's guard: an interactive shell is needed for the rest of the file to count.
      '.bashrc': 'case $- in *i*) ;; *) return;; esac\nalias hello="echo hello-from-alias"\ngreet() { echo "greet $1"; }\n',
    });
    const result = await run(ctx, 'hello; greet you');
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(textOf(result), 'hello-from-alias\ngreet you');
  });

  it('is also sourced by background commands', async () => {
    const { ctx } = sessionWithHome({ '.bashrc': 'alias hello="echo hello-in-background"\n' });
    const started = await bashTool.run({ command: 'hello', run_in_background: true }, ctx);
    const id = (started.data as BashData).backgroundTaskId!;
    let shown = '';
    assert.ok(await eventually(async () => (shown += ((await bashOutputTool.run({ bash_id: id }, ctx)).data as { output: string }).output) !== ''));
    assert.equal(shown, 'hello-in-background');
  });

  it('is not disturbed by a ~/.bashrc that prints or reads stdin', async () => {
    const { ctx } = sessionWithHome({ '.bashrc': 'echo NOISE\necho more >&2\nread line\necho "got $line"\nalias x="echo x-ok"\n' });
    assert.equal(textOf(await run(ctx, 'x')), 'x-ok');
  });

  it('leaves out aliases that would make rm, cp or mv prompt', async () => {
    const { ctx } = sessionWithHome({ '.bashrc': "alias rm='rm -i'\nalias cp='cp -i'\nalias mv='mv -i'\nalias keep='echo kept'\n" });
    const result = await run(ctx, 'touch a && cp a b && mv -f b a && rm a && test ! -e a && keep');
    assert.equal(textOf(result), 'kept');
  });

  it('carries over glob options the functions need', async () => {
    const { ctx } = sessionWithHome({ '.bashrc': 'shopt -s extglob\nmany() { case $1 in +(a)) echo many-a ;; *) echo other ;; esac; }\n' });
    assert.equal(textOf(await run(ctx, 'many aaa')), 'many-a');
  });

  it('adds directories from the login profile to PATH after the inherited ones', async () => {
    const { home, ctx } = sessionWithHome({ '.profile': 'export PATH="$HOME/bin:$PATH"\n' });
    mkdirSync(join(home, 'bin'));
    writeFileSync(join(home, 'bin', 'mytool'), '#!/bin/sh\necho mytool ran\n');
    chmodSync(join(home, 'bin', 'mytool'), 0o755);
    assert.equal(textOf(await run(ctx, 'mytool')), 'mytool ran');
    assert.equal(textOf(await run(ctx, 'echo "$PATH"')), `${process.env.PATH}:${home}/bin`);
  });

  it('reads ~/.bashrc once, whether or not the profile sources it', async () => {
    const counting = 'echo x >> "$HOME/count"\nalias counted="echo counted"\n';
    const viaProfile = sessionWithHome({ '.profile': '[ -f "$HOME/.bashrc" ] && . "$HOME/.bashrc"\n', '.bashrc': counting });
    const alone = sessionWithHome({ '.bash_profile': 'export FROM_PROFILE=1\n', '.bashrc': counting });
    for (const { ctx, home } of [viaProfile, alone]) {
      assert.equal(textOf(await run(ctx, 'counted')), 'counted');
      assert.equal(readFileSync(join(home, 'count'), 'utf8'), 'x\n');
    }
  });

  it('is taken once per session, even by concurrent first calls', async () => {
    const { home, ctx } = sessionWithHome({ '.bashrc': 'echo x >> "$HOME/count"\n' });
    await Promise.all([run(ctx, 'true'), run(ctx, 'true')]);
    await run(ctx, 'true');
    assert.equal(readFileSync(join(home, 'count'), 'utf8'), 'x\n');
  });

  it("keeps tracking the directory when the user's startup files redefine pwd and cd", async () => {
    const { dir, ctx } = sessionWithHome({ '.bashrc': 'pwd() { echo fake; }\ncd() { builtin cd "$@" && echo "now in $PWD"; }\n' });
    mkdirSync(join(dir, 'sub'));
    await run(ctx, 'cd sub');
    assert.equal(ctx.session.shellCwd, join(dir, 'sub'));
    assert.equal(textOf(await run(ctx, 'builtin pwd')), join(dir, 'sub'));
  });

  it('gives up on a ~/.bashrc that hangs, with one note, and kills what it started', async () => {
    const { home, ctx } = sessionWithHome(
      { '.bashrc': 'sleep 60 & echo $! > "$HOME/sleep.pid"; wait\n' },
      { WRIGHT_SHELL_SNAPSHOT_TIMEOUT_MS: '500' },
    );
    const started = Date.now();
    const first = await run(ctx, 'echo ran');
    assert.ok(Date.now() - started < 10_000);
    assert.equal(first.isError, undefined);
    assert.equal(
      textOf(first),
      "ran\nNote: could not capture your shell's startup environment (timed out after 500 ms); commands run without its aliases and functions.",
    );
    assert.equal(textOf(await run(ctx, 'echo again')), 'again');
    assert.ok(await isProcessGone(Number(readFileSync(join(home, 'sleep.pid'), 'utf8')), 5000));
  });

  it('notes a ~/.bashrc that exits the shell, and runs the command anyway', async () => {
    const { ctx } = sessionWithHome({ '.bashrc': 'exit 3\n' });
    const result = await run(ctx, 'echo ran');
    assert.match(textOf(result), /^ran\nNote: could not capture your shell's startup environment \(the startup files ended the shell early\)/);
  });

  it('is off with WRIGHT_SHELL_SNAPSHOT=0', async () => {
    const { home, ctx } = sessionWithHome({ '.bashrc': 'echo x >> "$HOME/count"\nalias hello="echo hi"\n' }, { WRIGHT_SHELL_SNAPSHOT: '0' });
    const result = await run(ctx, 'hello');
    assert.equal(result.isError, true);
    assert.match(textOf(result), /hello: command not found/);
    assert.equal(existsSync(join(home, 'count')), false);
  });
});

describe('snapshot helpers', () => {
  it('reads the switch', () => {
    for (const off of ['0', 'false', 'OFF', 'no']) assert.equal(snapshotEnabled({ WRIGHT_SHELL_SNAPSHOT: off }), false, off);
    for (const on of [undefined, '1', 'true', '']) assert.equal(snapshotEnabled({ WRIGHT_SHELL_SNAPSHOT: on }), true, String(on));
  });

  it('uses $SHELL only when it is an existing bash or zsh', () => {
    assert.deepEqual(userShell({ SHELL: '/bin/bash', PATH: '/usr/bin:/bin' }), { path: '/bin/bash', kind: 'bash' });
    assert.equal(userShell({ SHELL: '/nonexistent/zsh', PATH: '/usr/bin:/bin' }).kind, 'bash');
    assert.equal(userShell({ SHELL: '/bin/dash', PATH: '/usr/bin:/bin' }).kind, 'bash');
    assert.match(userShell({ SHELL: 'zsh', PATH: '/usr/bin:/bin' }).path, /bash$/);
  });

  it('merges PATH: inherited entries first, new login entries after, no duplicates', () => {
    assert.equal(mergedPath('/venv/bin:/usr/bin', '/usr/local/bin:/usr/bin:/home/u/bin:/usr/local/bin'), '/venv/bin:/usr/bin:/usr/local/bin:/home/u/bin');
    assert.equal(mergedPath(undefined, '/usr/bin'), '/usr/bin');
    assert.equal(mergedPath('/a', ''), '/a');
  });
});
