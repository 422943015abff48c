// The bubblewrap mount plan and command line, from a policy and a made-up file system.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bwrapArgs } from '../../src/sandbox/bwrapArgs.js';
import { planMounts, type MountOp, type PathKind } from '../../src/sandbox/mountPlan.js';
import type { SandboxPolicy } from '../../src/sandbox/sandboxPolicy.js';

function policy(overrides: Partial<SandboxPolicy> = {}): SandboxPolicy {
  return {
    writableRoots: ['/work/repo'],
    protectedRoots: ['/work/repo'],
    denyWrite: [],
    denyRead: [],
    allowRead: [],
    network: { allowedDomains: [], deniedDomains: [], allowLocalBinding: false },
    ...overrides,
  };
}

/** Directories end with '/'. */
function fileSystem(entries: string[]): (path: string) => PathKind {
  const dirs = new Set(entries.filter((entry) => entry.endsWith('/')).map((entry) => entry.slice(0, -1)));
  const files = new Set(entries.filter((entry) => !entry.endsWith('/')));
  return (path) => (dirs.has(path) ? 'directory' : files.has(path) ? 'file' : 'missing');
}

const show = (ops: MountOp[]) => ops.map((op) => `${op.op} ${op.path}${op.op === 'hideDir' ? (op.searchable ? ' (searchable)' : '') : ''}`);

describe('mount plan', () => {
  it('binds the working directory writable, then protects what exists in it and masks missing config directories', () => {
    const kindOf = fileSystem(['/work/repo/', '/work/repo/.git/', '/work/repo/.git/hooks/', '/work/repo/.git/config', '/work/repo/.mcp.json', '/work/repo/.vscode/', '/tmp/sbx/']);
    assert.deepEqual(show(planMounts({ policy: policy(), extraWritable: ['/tmp/sbx'], kindOf })), [
      'bind /work/repo',
      'bind /tmp/sbx',
      'maskMissingDir /work/repo/.wright',
      'maskMissingDir /work/repo/.claude',
      'readOnly /work/repo/.vscode',
      'readOnly /work/repo/.mcp.json',
      'readOnly /work/repo/.git/hooks',
      'readOnly /work/repo/.git/config',
    ]);
  });

  it('masks a missing .git/hooks only inside a real .git directory (not a worktree .git file)', () => {
    const withDir = planMounts({ policy: policy(), extraWritable: [], kindOf: fileSystem(['/work/repo/', '/work/repo/.git/']) });
    assert.ok(show(withDir).includes('maskMissingDir /work/repo/.git/hooks'));
    const withFile = planMounts({ policy: policy(), extraWritable: [], kindOf: fileSystem(['/work/repo/', '/work/repo/.git']) });
    assert.ok(!show(withFile).some((line) => line.includes('.git/hooks')));
  });

  it('protects paths only in the working directories, not in other writable directories', () => {
    const kindOf = fileSystem(['/work/repo/', '/cache/', '/cache/.git/', '/cache/.mcp.json']);
    const ops = planMounts({ policy: policy({ writableRoots: ['/work/repo', '/cache'] }), extraWritable: [], kindOf });
    assert.ok(show(ops).includes('bind /cache'));
    assert.ok(!show(ops).some((line) => line.includes('/cache/')));
  });

  it('skips writable roots and extra files that do not exist', () => {
    const ops = planMounts({ policy: policy({ writableRoots: ['/work/repo', '/gone'] }), extraWritable: ['/tmp/cwd-file'], kindOf: fileSystem(['/work/repo/']) });
    assert.ok(!show(ops).some((line) => line.includes('/gone') || line.includes('/tmp/cwd-file')));
  });

  it('hides denied directories and files, keeping a hidden directory searchable when something inside stays reachable', () => {
    const kindOf = fileSystem(['/home/u/', '/home/u/.ssh/', '/home/u/.ssh/known_hosts', '/home/u/.netrc', '/home/u/.aws/', '/home/u/proj/']);
    const ops = planMounts({
      policy: policy({ writableRoots: ['/home/u/proj'], protectedRoots: [], denyRead: ['/home/u/.ssh', '/home/u/.netrc', '/home/u/.aws', '/home/u/.kube'], allowRead: ['/home/u/.ssh/known_hosts'] }),
      extraWritable: [],
      kindOf,
    });
    assert.deepEqual(show(ops).filter((line) => !line.includes('/proj/')), [
      'bind /home/u/proj',
      'hideDir /home/u/.ssh (searchable)',
      'hideFile /home/u/.netrc',
      'hideDir /home/u/.aws',
      'reopen /home/u/.ssh/known_hosts',
    ]);
  });

  it('re-binds a working directory that lies inside a hidden one after hiding it', () => {
    const kindOf = fileSystem(['/home/u/', '/home/u/proj/']);
    const ops = planMounts({ policy: policy({ writableRoots: ['/home/u/proj'], protectedRoots: [], denyRead: ['/home/u'] }), extraWritable: [], kindOf });
    assert.deepEqual(show(ops), ['hideDir /home/u (searchable)', 'bind /home/u/proj']);
  });

  it('lets denyWrite and a deny at the same path win over a writable bind', () => {
    const kindOf = fileSystem(['/work/repo/', '/work/repo/dist/', '/data/']);
    const ops = planMounts({ policy: policy({ writableRoots: ['/work/repo', '/data'], denyWrite: ['/work/repo/dist'], denyRead: ['/data'] }), extraWritable: [], kindOf });
    const lines = show(ops);
    assert.ok(lines.includes('bind /data') && lines.indexOf('bind /data') < lines.indexOf('hideDir /data'), lines.join('\n'));
    assert.ok(lines.indexOf('bind /work/repo') < lines.indexOf('readOnly /work/repo/dist'));
  });

  it('never mounts over /dev or /proc', () => {
    const ops = planMounts({ policy: policy({ denyRead: ['/proc/kcore', '/dev/mem'] }), extraWritable: [], kindOf: () => 'file' });
    assert.ok(!show(ops).some((line) => line.includes('/proc') || line.includes('/dev')));
  });
});

describe('bubblewrap arguments', () => {
  const args = bwrapArgs({
    mounts: [
      { op: 'bind', path: '/work/repo' },
      { op: 'readOnly', path: '/work/repo/.git/hooks' },
      { op: 'maskMissingDir', path: '/work/repo/.wright' },
      { op: 'hideDir', path: '/home/u/.ssh', searchable: false },
      { op: 'hideDir', path: '/home/u', searchable: true },
      { op: 'hideFile', path: '/home/u/.netrc' },
      { op: 'reopen', path: '/home/u/.ssh/known_hosts' },
    ],
    emptyDir: '/tmp/sbx/empty',
    deniedFile: '/tmp/sbx/denied',
    cwd: '/work/repo/src',
    command: ['/bin/bash', '-c', 'echo hi'],
  });
  const text = args.join(' ');

  it('isolates network, pids, ipc and hostname, drops capabilities and dies with wright', () => {
    for (const flag of ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent']) assert.ok(args.includes(flag), flag);
    assert.match(text, /--cap-drop ALL/);
  });

  it('keeps the command in wright\'s process group (no --new-session)', () => {
    assert.ok(!args.includes('--new-session'));
  });

  it('starts from a read-only root with fresh /dev, /dev/shm and /proc', () => {
    assert.match(text, /^.*--ro-bind \/ \/ --dev \/dev --perms 1777 --tmpfs \/dev\/shm --proc \/proc/);
  });

  it('turns each mount into its flags, in order, and ends with the directory and the command', () => {
    assert.ok(
      text.endsWith(
        '--bind /work/repo /work/repo --ro-bind /work/repo/.git/hooks /work/repo/.git/hooks --ro-bind /tmp/sbx/empty /work/repo/.wright ' +
          '--perms 0000 --tmpfs /home/u/.ssh --perms 0111 --tmpfs /home/u --ro-bind /tmp/sbx/denied /home/u/.netrc ' +
          '--ro-bind /home/u/.ssh/known_hosts /home/u/.ssh/known_hosts --chdir /work/repo/src -- /bin/bash -c echo hi',
      ),
      text,
    );
  });
});
