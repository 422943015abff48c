// A one-time picture of the repository for the system prompt: branch, likely main branch, working
// tree status and recent commits. Read with the real git, each call bounded by a timeout.
import { execFile } from 'node:child_process';

export interface GitSnapshot {
  branch: string;
  /** Our best guess at the branch pull requests target. */
  mainBranch: string;
  /** `git status --short`, cut to about MAX_STATUS_CHARS. */
  status: string;
  statusTruncated: boolean;
  /** `git log --oneline`, newest first, at most five. */
  recentCommits: string[];
}

export const MAX_STATUS_CHARS = 2000;
const GIT_TIMEOUT_MS = 5000;

type GitOutput = { ok: true; stdout: string } | { ok: false };

function git(cwd: string, args: string[]): Promise<GitOutput> {
  return new Promise((resolve) => {
    // --no-optional-locks: a status refresh must not take the index lock from the user's own git.
    execFile(
      'git',
      ['--no-optional-locks', ...args],
      { cwd, timeout: GIT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (error, stdout) => resolve(error ? { ok: false } : { ok: true, stdout: String(stdout) }),
    );
  });
}

/** The snapshot, or null when cwd is not inside a git work tree (or git is unavailable). */
export async function gitSnapshot(cwd: string): Promise<GitSnapshot | null> {
  const inside = await git(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (!inside.ok || inside.stdout.trim() !== 'true') return null;

  const [branch, detachedAt, originHead, localMains, status, log] = await Promise.all([
    git(cwd, ['branch', '--show-current']),
    git(cwd, ['rev-parse', '--short', 'HEAD']),
    git(cwd, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']),
    git(cwd, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/main', 'refs/heads/master']),
    git(cwd, ['status', '--short']),
    git(cwd, ['log', '--oneline', '-n', '5']),
  ]);

  const currentBranch = text(branch) || (text(detachedAt) ? `HEAD detached at ${text(detachedAt)}` : 'HEAD');
  // Only the end is trimmed: the first status line starts with a meaningful space (' M file').
  const statusText = status.ok ? status.stdout.trimEnd() : '';
  return {
    branch: currentBranch,
    mainBranch: guessMainBranch(text(originHead), text(localMains).split('\n'), currentBranch),
    status: statusText.length > MAX_STATUS_CHARS ? cutAtLine(statusText, MAX_STATUS_CHARS) : statusText,
    statusTruncated: statusText.length > MAX_STATUS_CHARS,
    recentCommits: text(log) === '' ? [] : text(log).split('\n'),
  };
}

function text(output: GitOutput): string {
  return output.ok ? output.stdout.trim() : '';
}

// The remote's default branch is the truest answer; without a remote, a local main or master.
function guessMainBranch(originHead: string, localMains: string[], currentBranch: string): string {
  if (originHead !== '') return originHead.replace(/^origin\//, '');
  if (localMains.includes('main')) return 'main';
  if (localMains.includes('master')) return 'master';
  return currentBranch;
}

function cutAtLine(value: string, limit: number): string {
  const cut = value.slice(0, limit);
  const lastNewline = cut.lastIndexOf('\n');
  return lastNewline > 0 ? cut.slice(0, lastNewline) : cut;
}
