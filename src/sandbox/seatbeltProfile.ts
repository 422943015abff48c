// macOS: the policy as a Seatbelt profile for `sandbox-exec -p`. Rules are path filters, so unlike
// the bubblewrap mounts they also cover protected paths that do not exist yet. Later rules win over
// earlier ones: read everything, then deny the secrets, then re-allow allowRead; write only the
// writable roots and the temp dir, then deny the protected paths inside them.
import { join } from 'node:path';
import type { SandboxPolicy } from './sandboxPolicy.js';
import { PROTECTED_DIRECTORIES, PROTECTED_FILES } from './sensitivePaths.js';

export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

export interface SeatbeltRequest {
  policy: SandboxPolicy;
  /** Writable besides the policy's roots: the sandbox temp dir, files the wrapper writes back. */
  extraWritable: readonly string[];
  /** The proxy's TCP port on localhost; none means no network. */
  proxyPort?: number;
}

/** A Seatbelt string literal. */
export function seatbeltString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const subpath = (path: string) => `(subpath ${seatbeltString(path)})`;
const literal = (path: string) => `(literal ${seatbeltString(path)})`;

const BASE_RULES = [
  '(version 1)',
  '(deny default)',
  '(allow process-exec)',
  '(allow process-fork)',
  '(allow process-info*)',
  '(allow signal (target same-sandbox))',
  '(allow sysctl-read)',
  '(allow mach-lookup)',
  '(allow ipc-posix-shm)',
  '(allow ipc-posix-sem)',
  '(allow iokit-open)',
  '(allow file-ioctl)',
  '(allow pseudo-tty)',
  '(allow user-preference-read)',
];

/** Devices every shell writes to. */
const DEVICE_WRITES = [
  literal('/dev/null'),
  literal('/dev/zero'),
  literal('/dev/dtracehelper'),
  '(regex #"^/dev/tty")',
  '(regex #"^/dev/fd/")',
  literal('/dev/ptmx'),
  '(regex #"^/dev/ttys[0-9]+$")',
];

function rule(action: string, filters: readonly string[]): string[] {
  return filters.length === 0 ? [] : [`(${action}\n  ${filters.join('\n  ')})`];
}

export function seatbeltProfile({ policy, extraWritable, proxyPort }: SeatbeltRequest): string {
  const protectedPaths = policy.protectedRoots.flatMap((root) => [
    ...PROTECTED_DIRECTORIES.map(({ path }) => subpath(join(root, path))),
    ...PROTECTED_FILES.map((path) => literal(join(root, path))),
  ]);
  const lines = [
    ...BASE_RULES,
    '(allow file-read*)',
    ...rule('deny file-read*', policy.denyRead.map(subpath)),
    ...rule('allow file-read*', policy.allowRead.map(subpath)),
    ...rule('allow file-write*', [...[...policy.writableRoots, ...extraWritable].map(subpath), ...DEVICE_WRITES]),
    ...rule('deny file-write*', [...protectedPaths, ...policy.denyWrite.map(subpath), ...policy.denyRead.map(subpath)]),
  ];
  if (proxyPort !== undefined) lines.push(`(allow network-outbound (remote ip ${seatbeltString(`localhost:${proxyPort}`)}))`);
  if (policy.network.allowLocalBinding) {
    lines.push(
      '(allow network-bind (local ip "localhost:*"))',
      '(allow network-inbound (local ip "localhost:*"))',
      '(allow network-outbound (remote ip "localhost:*"))',
    );
  }
  return `${lines.join('\n')}\n`;
}

export function seatbeltArgs(profile: string, command: readonly string[]): string[] {
  return ['-p', profile, ...command];
}
