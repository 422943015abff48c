// The canonical content digest of a plugin directory: what a plugin signature vouches for.
//
// Canonical form, version 1 (reimplement it exactly to produce or check wright signatures):
//
//   1. Walk the plugin directory recursively. Include every regular file, except
//        - the top-level `.git` entry and everything under it (the checkout the plugin was installed
//          from; a file there for a worktree or submodule), and
//        - the two signature files, `.wright-plugin/signature.json` and `.claude-plugin/signature.json`.
//      Directories contribute only through their files (an empty directory contributes nothing).
//      A symbolic link or any other non-regular entry (FIFO, socket, device) anywhere else makes the
//      directory unsignable: a link could point outside the plugin, so its target is not covered.
//   2. Each file's path is relative to the plugin directory, `/`-separated, with no `.` or `..`
//      segments, no empty segments and no control characters (U+0000–U+001F, U+007F); names that
//      are not valid UTF-8 (wright sees U+FFFD in them) are refused too. A file whose path breaks
//      these rules is unsignable. Nested `.git` directories are ordinary content.
//   3. Each file gives one entry: `executable` is true when any of the mode's execute bits (0o111)
//      is set; `sha256` is the lowercase hex SHA-256 of its bytes.
//   4. Entries are sorted by the UTF-8 bytes of their paths (byte-wise, shorter prefix first).
//   5. The canonical text is the UTF-8 of
//          "wright-plugin-digest v1\n"
//      followed, for each entry, by
//          ("x" if executable else "-") + " " + sha256 + " " + path + "\n"
//      Paths cannot contain a newline (rule 2), so the text parses back unambiguously.
//   6. The digest is the lowercase hex SHA-256 of the canonical text.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DigestEntry {
  path: string;
  executable: boolean;
  sha256: string;
}

/** The signature files, relative to the plugin directory, in the order they are looked for. */
export const SIGNATURE_PATHS = ['.wright-plugin/signature.json', '.claude-plugin/signature.json'] as const;

const DIGEST_HEADER = 'wright-plugin-digest v1\n';

export type ListingResult = { ok: true; entries: DigestEntry[] } | { ok: false; path: string; problem: string };

/** Every file the digest covers, in canonical order, or the first entry that cannot be signed. */
export function listPluginFiles(root: string): ListingResult {
  const entries: DigestEntry[] = [];
  const pending: string[] = [''];
  while (pending.length > 0) {
    const relativeDir = pending.pop()!;
    const names = readdirSync(join(root, relativeDir)).sort();
    for (const name of names) {
      const path = relativeDir === '' ? name : `${relativeDir}/${name}`;
      if (path === '.git' || isSignaturePath(path)) continue;
      const problem = pathProblem(path);
      if (problem !== null) return { ok: false, path, problem };
      const stats = lstatSync(join(root, path));
      if (stats.isDirectory()) pending.push(path);
      else if (stats.isFile()) {
        entries.push({ path, executable: (stats.mode & 0o111) !== 0, sha256: sha256Hex(readFileSync(join(root, path))) });
      } else {
        const kind = stats.isSymbolicLink() ? 'a symbolic link (it could point outside the plugin)' : 'not a regular file';
        return { ok: false, path, problem: kind };
      }
    }
  }
  return { ok: true, entries: sortEntries(entries) };
}

/** The digest of entries already in canonical order. */
export function digestOf(entries: readonly DigestEntry[]): string {
  const hash = createHash('sha256').update(DIGEST_HEADER);
  for (const entry of entries) hash.update(`${entry.executable ? 'x' : '-'} ${entry.sha256} ${entry.path}\n`, 'utf8');
  return hash.digest('hex');
}

/** Why a stored or found relative path is not acceptable in the canonical form, or null. */
export function pathProblem(path: string): string | null {
  if (path === '') return 'an empty path';
  if (path.includes('\uFFFD')) return 'a name that is not valid UTF-8';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'a control character in its name';
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return 'a path with an empty, "." or ".." segment, or an absolute path';
  }
  return null;
}

export function isSignaturePath(path: string): boolean {
  return (SIGNATURE_PATHS as readonly string[]).includes(path);
}

/** True when the path is one the walk skips or never yields, so a listing must not contain it. */
export function isExcludedPath(path: string): boolean {
  return path === '.git' || path.startsWith('.git/') || isSignaturePath(path);
}

export function compareCanonical(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sortEntries(entries: DigestEntry[]): DigestEntry[] {
  return entries.sort((a, b) => compareCanonical(a.path, b.path));
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
