// Whether this machine can sandbox commands, checked once per session by starting a trivial sandbox
// with the same namespace and mount flags every command will use: bubblewrap may be missing, or the
// kernel may refuse the namespaces (unprivileged user namespaces disabled, a locked-down container).
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { BWRAP_BASE_MOUNTS, BWRAP_NAMESPACE_ARGS } from './bwrapArgs.js';
import { SANDBOX_EXEC } from './seatbeltProfile.js';

export type SandboxBackend = { kind: 'bwrap'; bwrap: string } | { kind: 'seatbelt' };

export type SandboxAvailability = { available: true; backend: SandboxBackend } | { available: false; reason: string };

export interface ProbeOptions {
  platform: NodeJS.Platform;
  /** `sandbox.bwrapPath`: a path, or a name looked up on PATH (default `bwrap`). */
  bwrapPath?: string;
  env: Record<string, string | undefined>;
}

const PROBE_TIMEOUT_MS = 10_000;

export async function probeSandbox(options: ProbeOptions): Promise<SandboxAvailability> {
  if (options.platform === 'linux') return probeBubblewrap(options);
  if (options.platform === 'darwin') return probeSeatbelt();
  return { available: false, reason: `the OS sandbox supports Linux (bubblewrap) and macOS (Seatbelt), not ${options.platform}` };
}

async function probeBubblewrap(options: ProbeOptions): Promise<SandboxAvailability> {
  const wanted = options.bwrapPath ?? 'bwrap';
  const bwrap = findExecutable(wanted, options.env.PATH ?? '');
  if (bwrap === undefined) {
    const where = wanted.includes('/') ? `at ${wanted}` : `on PATH`;
    return { available: false, reason: `bubblewrap (${wanted}) was not found ${where}; install it (e.g. apt install bubblewrap)` };
  }
  const outcome = await run(bwrap, [...BWRAP_NAMESPACE_ARGS, ...BWRAP_BASE_MOUNTS, '--', 'true']);
  if (outcome.ok) return { available: true, backend: { kind: 'bwrap', bwrap } };
  return {
    available: false,
    reason: `bubblewrap (${bwrap}) could not create a sandbox: ${outcome.message} (are user namespaces disabled, or is this a container without the needed privileges?)`,
  };
}

async function probeSeatbelt(): Promise<SandboxAvailability> {
  const outcome = await run(SANDBOX_EXEC, ['-p', '(version 1)(allow default)', '/usr/bin/true']);
  if (outcome.ok) return { available: true, backend: { kind: 'seatbelt' } };
  return { available: false, reason: `sandbox-exec could not start a sandbox: ${outcome.message}` };
}

/** A path with a slash is taken as is; a bare name is searched on PATH (absolute entries only). */
export function findExecutable(name: string, path: string): string | undefined {
  const candidates = name.includes('/') ? [name] : path.split(delimiter).filter(isAbsolute).map((dir) => join(dir, name));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function run(file: string, args: string[]): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: PROBE_TIMEOUT_MS, encoding: 'utf8' }, (error, _stdout, stderr) => {
      if (!error) return resolve({ ok: true });
      const detail = stderr.trim().split('\n')[0] || error.message;
      resolve({ ok: false, message: detail });
    });
  });
}
