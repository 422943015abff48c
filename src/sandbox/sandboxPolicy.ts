// The sandbox's rules for one session, from `sandbox.*` settings and the working directories. Data
// only: which paths a command may write, which it may not read, where it may connect. Both the
// bubblewrap and the Seatbelt back ends are built from this.
import { realpathSync } from 'node:fs';
import type { SandboxSettings } from '../config/settings.js';
import { withoutRepeats } from '../config/settingsMerge.js';
import { defaultDeniedReads, type SensitivePathOptions } from './sensitivePaths.js';

export interface SandboxNetworkPolicy {
  /** Hosts reachable through the proxy: `example.com`, `*.example.com`. Empty: no network at all. */
  allowedDomains: string[];
  /** Never reachable, even when an allowed pattern matches. */
  deniedDomains: string[];
  /** macOS: may listen on local ports (Linux commands always can, inside their own network namespace). */
  allowLocalBinding: boolean;
}

export interface SandboxPolicy {
  /** Directories commands may write: the working directories plus `filesystem.allowWrite`. */
  writableRoots: string[];
  /** The working directories: their git hooks, settings and rc files are protected (see sensitivePaths). */
  protectedRoots: string[];
  /** Kept read-only even inside writable roots (`filesystem.denyWrite`). */
  denyWrite: string[];
  /** Unreadable (and unwritable): the built-in secrets plus `filesystem.denyRead`. */
  denyRead: string[];
  /** Readable again inside a denied path (`filesystem.allowRead`); the more specific path wins. */
  allowRead: string[];
  network: SandboxNetworkPolicy;
}

export interface PolicyInputs extends SensitivePathOptions {
  settings: SandboxSettings;
  /** Absolute, the launch directory first. */
  workingDirectories: readonly string[];
}

export function buildSandboxPolicy(inputs: PolicyInputs): SandboxPolicy {
  const { settings } = inputs;
  const real = (paths: readonly string[]) => withoutRepeats(paths.map(realPath));
  return {
    writableRoots: real([...inputs.workingDirectories, ...settings.filesystem.allowWrite]),
    protectedRoots: real(inputs.workingDirectories),
    denyWrite: real(settings.filesystem.denyWrite),
    denyRead: real([...defaultDeniedReads(inputs), ...settings.filesystem.denyRead]),
    allowRead: real(settings.filesystem.allowRead),
    network: {
      allowedDomains: [...settings.network.allowedDomains],
      deniedDomains: [...settings.network.deniedDomains],
      allowLocalBinding: settings.network.allowLocalBinding,
    },
  };
}

/**
 * The path with symlinks resolved, as the kernel sees it (Seatbelt matches resolved paths; a bind
 * mount follows links). A path that does not exist yet keeps its resolved parent.
 */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const slash = path.lastIndexOf('/');
    if (slash <= 0) return path;
    return `${realPath(path.slice(0, slash))}${path.slice(slash)}`;
  }
}
