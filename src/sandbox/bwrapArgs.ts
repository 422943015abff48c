// The bubblewrap command line for one sandboxed command.
//
// Namespaces: a new network namespace (only loopback: no network unless the proxy relay is started
// inside), pid (everything the command starts dies when it exits or is killed, even what escaped its
// process group with setsid), ipc and uts. `--die-with-parent` ends the sandbox if wright dies.
// `--cap-drop ALL` matters when wright runs as root: root keeps its capabilities in bubblewrap by
// default, and with CAP_SYS_ADMIN it could unmount the masks or with CAP_DAC_OVERRIDE read through them.
// Not `--new-session`: it would move the command out of the process group wright kills on timeout and
// KillShell, and the terminal-injection attack it prevents needs a controlling terminal, which
// commands never have (they are spawned `detached`, i.e. in a session of their own).
import type { MountOp } from './mountPlan.js';

export interface BwrapInvocation {
  mounts: readonly MountOp[];
  /** An empty directory and an unreadable empty file, used as mask sources. */
  emptyDir: string;
  deniedFile: string;
  cwd: string;
  /** The program and its arguments, run inside. */
  command: readonly string[];
}

export const BWRAP_NAMESPACE_ARGS = ['--unshare-net', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--cap-drop', 'ALL'];

export const BWRAP_BASE_MOUNTS = ['--ro-bind', '/', '/', '--dev', '/dev', '--perms', '1777', '--tmpfs', '/dev/shm', '--proc', '/proc'];

export function bwrapArgs(invocation: BwrapInvocation): string[] {
  const args = [...BWRAP_NAMESPACE_ARGS, ...BWRAP_BASE_MOUNTS];
  for (const mount of invocation.mounts) args.push(...mountArgs(mount, invocation));
  args.push('--chdir', invocation.cwd, '--', ...invocation.command);
  return args;
}

function mountArgs(mount: MountOp, { emptyDir, deniedFile }: BwrapInvocation): string[] {
  switch (mount.op) {
    case 'bind':
      return ['--bind', mount.path, mount.path];
    case 'readOnly':
    case 'reopen':
      return ['--ro-bind', mount.path, mount.path];
    case 'maskMissingDir':
      return ['--ro-bind', emptyDir, mount.path];
    case 'hideDir':
      return ['--perms', mount.searchable ? '0111' : '0000', '--tmpfs', mount.path];
    case 'hideFile':
      return ['--ro-bind', deniedFile, mount.path];
  }
}
