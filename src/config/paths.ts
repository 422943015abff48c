// Where wright keeps per-project state, and how it finds the project a directory belongs to.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MAX_PROJECT_DIR_NAME = 200;

/**
 * The directory name for a working directory's transcripts: every character that is not an ASCII
 * letter or digit becomes '-'. Very long names are cut and given a hash of the full path, so two
 * deep directories sharing a 200-character prefix still get different names.
 */
export function projectDirName(cwd: string): string {
  const escaped = cwd.replace(/[^a-zA-Z0-9]/g, '-');
  if (escaped.length <= MAX_PROJECT_DIR_NAME) return escaped;
  const hash = createHash('sha256').update(cwd).digest('hex').slice(0, 8);
  return `${escaped.slice(0, MAX_PROJECT_DIR_NAME)}-${hash}`;
}

export function transcriptDir(configDir: string, cwd: string): string {
  return join(configDir, 'projects', projectDirName(cwd));
}

/**
 * The nearest ancestor of cwd (cwd included) holding a `.git` entry — a directory for a normal
 * clone, a file for worktrees and submodules. Outside any repository, cwd itself.
 */
export function findProjectRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
