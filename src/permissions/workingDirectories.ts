/**
 * Whether a path is inside the working directories. Both the path as written and the path symlinks
 * lead to must be inside: `wd/link-to-etc/passwd` is outside, and so is `/tmp/link-into-wd`. The
 * comparison is per path segment, so `/repo2` is never inside `/repo`.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { realPathOf, resolvePolicyPath, type ResolvedPath } from './pathResolution.js';

/** Relative paths are taken against the first working directory (the launch directory). */
export function isInsideWorkingDirectories(path: string, dirs: readonly string[], cwd?: string): boolean {
  if (dirs.length === 0) return false;
  const base = cwd ?? (dirs[0] as string);
  return isResolvedPathInside(resolvePolicyPath(path, base, base), dirs);
}

export function isResolvedPathInside(target: ResolvedPath, dirs: readonly string[]): boolean {
  const lexicalDirs = dirs.map((dir) => resolve(dir));
  const realDirs = lexicalDirs.map((dir) => realPathOf(dir));
  const allDirs = [...lexicalDirs, ...realDirs];
  return allDirs.some((dir) => isWithin(target.lexical, dir)) && realDirs.some((dir) => isWithin(target.real, dir));
}

/**
 * Inside, but not a working directory itself nor a parent of one: what deleting or moving needs,
 * so `rm -rf .` never counts as an edit inside the project.
 */
export function isResolvedPathStrictlyInside(target: ResolvedPath, dirs: readonly string[]): boolean {
  if (!isResolvedPathInside(target, dirs)) return false;
  const allDirs = dirs.flatMap((dir) => [resolve(dir), realPathOf(resolve(dir))]);
  return allDirs.every((dir) => !isWithin(dir, target.lexical) && !isWithin(dir, target.real));
}

/** `path` equals `dir` or lies below it. */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel));
}
