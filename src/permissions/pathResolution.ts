/**
 * Turning a path from a tool call or a command into the two forms the policy checks: the path as
 * written (made absolute, `.` and `..` folded) and the path the kernel would actually open (symlinks
 * resolved). A file that does not exist yet is resolved through its nearest existing parent, so a
 * new file under a symlinked directory is judged by where it would really land.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';

export interface ResolvedPath {
  lexical: string;
  real: string;
}

/** Expands a leading `~` or `~/`; other `~user` forms are left alone (they name other homes). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return `${home}/${path.slice(2)}`;
  return path;
}

export function resolvePolicyPath(path: string, cwd: string, home: string): ResolvedPath {
  const expanded = expandHome(path, home);
  // Keep `..` unresolved for realpath: after a symlink, `link/..` is the link target's parent.
  const absolute = isAbsolute(expanded) ? expanded : `${cwd}/${expanded}`;
  return { lexical: resolve(absolute), real: realPathOf(absolute) };
}

export function realPathOf(absolutePath: string): string {
  try {
    return realpathSync.native(absolutePath);
  } catch {
    const parent = dirname(absolutePath);
    if (parent === absolutePath) return resolve(absolutePath);
    return resolve(realPathOf(parent), basename(absolutePath));
  }
}
