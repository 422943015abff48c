// A local bare git repository holding the given directory's files, reachable as a file:// URL —
// what the plugin tests clone instead of a network remote.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const IDENTITY = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

/** Commits `dir`'s files to a new repository and answers a file:// URL of a bare clone (`<name>.git`). */
export function bareRepoOf(dir: string, name = 'repo'): string {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'wright-git-')));
  const work = join(base, 'work');
  cpSync(dir, work, { recursive: true });
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: { ...process.env, ...IDENTITY }, stdio: 'ignore' });
  git(work, 'init', '-q', '-b', 'main');
  git(work, 'add', '-A');
  git(work, 'commit', '-q', '-m', 'plugin');
  const bare = join(base, `${name}.git`);
  git(base, 'clone', '-q', '--bare', work, bare);
  return `file://${bare}`;
}
