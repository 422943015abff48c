import { sep } from 'node:path';

/** True when `path` is `directory` or lies below it (plain string comparison of absolute paths). */
export function isPathInside(path: string, directory: string): boolean {
  if (path === directory) return true;
  const prefix = directory.endsWith(sep) ? directory : directory + sep;
  return path.startsWith(prefix);
}
