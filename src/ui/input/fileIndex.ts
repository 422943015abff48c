import { runRipgrep } from '../../tools/ripgrep.js';
import { withDirectories } from './completion.js';

/**
 * The `@` completion candidates: files under cwd listed by `rg --files` (so .gitignore, .ignore and
 * .rgignore are respected, even outside a git repository), plus their directories. Listed once per cwd
 * per process and cached; `forgetFileIndex` drops the cache.
 */
const MAX_LIST_BYTES = 16 * 1024 * 1024;
const cache = new Map<string, Promise<string[]>>();

export async function listProjectFiles(cwd: string, signal: AbortSignal = new AbortController().signal): Promise<string[]> {
  const run = await runRipgrep(['--files', '--no-config', '--hidden', '--no-require-git', '--glob', '!.git', '--sort', 'path'], {
    cwd,
    signal,
    maxOutputBytes: MAX_LIST_BYTES,
  });
  return run.stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^\.\//, '').replaceAll('\\', '/'));
}

export function projectPaths(cwd: string): Promise<string[]> {
  let paths = cache.get(cwd);
  if (!paths) {
    paths = listProjectFiles(cwd).then(withDirectories, () => []);
    cache.set(cwd, paths);
  }
  return paths;
}

export function forgetFileIndex(cwd?: string): void {
  if (cwd === undefined) cache.clear();
  else cache.delete(cwd);
}
