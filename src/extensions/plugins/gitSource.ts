// Fetching plugins and marketplaces with the real `git`: a shallow clone (of a branch or tag when one
// is named), never asking for credentials on a terminal. What counts as a git source: a URL with a
// scheme git speaks (https, http, ssh, git, file), `user@host:path`, or a path ending in `.git`;
// `owner/repo` is GitHub shorthand when no such local directory exists.
import { execFile } from 'node:child_process';

export function isGitUrl(text: string): boolean {
  return /^(https?|ssh|git|file):\/\//.test(text) || /^[\w.-]+@[\w.-]+:/.test(text) || /\.git\/?$/.test(text);
}

export function isGitHubShorthand(text: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(text);
}

export const gitHubUrl = (repo: string): string => `https://github.com/${repo}.git`;

export class GitError extends Error {}

/** Clones `url` into `destination` (which must not exist yet). */
export function gitClone(url: string, destination: string, ref?: string): Promise<void> {
  const args = ['clone', '--quiet', '--depth', '1', ...(ref !== undefined ? ['--branch', ref] : []), '--', url, destination];
  return new Promise((resolve, reject) => {
    // Only transports that fetch: never `ext::` (which runs a command) or other helpers, whatever the
    // user's git configuration allows, since the URL may come from a marketplace file.
    execFile('git', args, { env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ALLOW_PROTOCOL: 'https:http:ssh:git:file' }, timeout: 5 * 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error === null) return resolve();
      const detail = String(stderr).trim().split('\n').filter(Boolean).at(-1) ?? error.message;
      reject(new GitError(`git clone ${url} failed: ${detail}`));
    });
  });
}
