/**
 * Which paths are too important to delete, move or rewrite without asking, and what a command-line
 * word may point at. Critical: `/`, every top-level directory (`/usr`, `/etc`, `/home`, …), the home
 * directory and its parents, each working directory and its parents — and "everything in" any of
 * them (`rm -rf ~/*`, `rm -rf ./*`). Both the path as written and the path symlinks lead to are
 * judged, so a link to `/` is as critical as `/`.
 */
import picomatch from 'picomatch';
import { dirname, relative, resolve } from 'node:path';
import type { ShellWord } from './bashTokens.js';
import { expandWordPath, globStart, splitGlob } from './bashWordPath.js';
import { realPathOf, resolvePolicyPath } from './pathResolution.js';
import { isWithin } from './workingDirectories.js';

export interface CriticalPlaces {
  home: string;
  workingDirectories: readonly string[];
}

export type TargetVerdict =
  | { kind: 'safe' }
  /** `what` names the place in words ("your home directory /root"); `why` completes "`word` …". */
  | { kind: 'critical'; what: string; path: string; exactWorkingDirectory: boolean }
  | { kind: 'unknown'; why: string };

/** Devices writing to or shredding which never destroys data. */
const HARMLESS_DEVICES = new Set(['/dev/null', '/dev/zero', '/dev/stdout', '/dev/stderr', '/dev/tty', '/dev/random', '/dev/urandom']);

/** What one target word may destroy, judged from each directory the command may run in. */
export function classifyTarget(word: ShellWord, cwds: ReadonlyArray<string | undefined>, places: CriticalPlaces): TargetVerdict {
  let unknown: TargetVerdict | undefined;
  for (const cwd of cwds) {
    const verdict = classifyFrom(word, cwd, places);
    if (verdict.kind === 'critical') return verdict;
    if (verdict.kind === 'unknown') unknown ??= verdict;
  }
  return unknown ?? { kind: 'safe' };
}

/** A block device or other special file under /dev: writing it raw destroys a disk. */
export function isDevice(word: ShellWord): boolean {
  const value = word.value;
  return !word.hasExpansion && value.startsWith('/dev/') && !HARMLESS_DEVICES.has(value) && !value.startsWith('/dev/fd/');
}

function classifyFrom(word: ShellWord, cwd: string | undefined, places: CriticalPlaces): TargetVerdict {
  const expanded = expandWordPath(word, cwd, places.home);
  if ('unknown' in expanded) return { kind: 'unknown', why: expanded.unknown };
  const globAt = globStart(word, expanded.path);
  if (globAt === -1) return criticalPlace(expanded.path, places);
  return classifyGlob(word, expanded.path, globAt, places);
}

/** `/`, a top-level directory, the home directory or a parent, a working directory or a parent. */
function criticalPlace(absolute: string, places: CriticalPlaces): TargetVerdict {
  const resolved = resolvePolicyPath(absolute, '/', places.home);
  for (const path of new Set([resolved.lexical, resolved.real])) {
    const verdict = criticalPath(path, places);
    if (verdict.kind === 'critical') return verdict;
  }
  return { kind: 'safe' };
}

function criticalPath(path: string, places: CriticalPlaces): TargetVerdict {
  const critical = (what: string, exactWorkingDirectory = false): TargetVerdict => ({ kind: 'critical', what, path, exactWorkingDirectory });
  if (path === '/') return critical('the root directory /');
  for (const home of variants(places.home)) {
    if (path === home) return critical(`your home directory ${path}`);
    if (isWithin(home, path)) return critical(`${path}, which holds your home directory`);
  }
  if (dirname(path) === '/') return critical(`the top-level directory ${path}`);
  for (const dir of places.workingDirectories.flatMap(variants)) {
    if (path === dir) return critical(`the working directory ${path}`, true);
    if (isWithin(dir, path)) return critical(`${path}, a parent of the working directory`);
  }
  return { kind: 'safe' };
}

function variants(dir: string): string[] {
  const lexical = resolve(dir);
  return [...new Set([lexical, realPathOf(lexical)])];
}

/**
 * A glob is critical when it takes in the whole contents of a critical directory (`~/*`, `./*`,
 * `/*`), may match a critical directory itself (`/u*`, `../wor*` from `/work/repo`), or may match
 * `..` (`src/.*` in older shells) and so climb to a critical one. Brace alternatives can name any
 * path at all, so they are unknown.
 */
function classifyGlob(word: ShellWord, absolute: string, globAt: number, places: CriticalPlaces): TargetVerdict {
  const { directory: staticDirectory, segments } = splitGlob(absolute, globAt);
  if (segments.some((segment) => segment.includes('{'))) {
    return { kind: 'unknown', why: 'has brace alternatives that may name any path' };
  }
  if (segments.includes('..')) return { kind: 'unknown', why: 'climbs back up out of its matches' };
  const directory = resolvePolicyPath(staticDirectory, '/', places.home);
  const matchers = segments.map((segment) => picomatch(segment, { dot: true }));
  for (const dir of new Set([directory.lexical, directory.real])) {
    const place = criticalPath(dir, places);
    if (place.kind === 'critical' && segments.every(matchesEverything)) {
      return { ...place, what: `everything in ${place.what}`, exactWorkingDirectory: false };
    }
    if (dir === '/' && segments.length === 1) return { kind: 'critical', what: `top-level directories matching /${segments[0]}`, path: '/', exactWorkingDirectory: false };
    for (const target of criticalBelow(dir, places)) {
      const rel = relative(dir, target).split('/');
      const place = criticalPath(target, places);
      if (place.kind === 'critical' && rel.length === segments.length && matchers.every((matches, i) => matches(rel[i] as string))) {
        return { ...place, what: `${place.what} (matched by \`${word.raw}\`)`, exactWorkingDirectory: false };
      }
    }
    if (matchers[0]?.('..')) {
      const parent = criticalPath(resolve(dir, '..'), places);
      if (parent.kind === 'critical') return { ...parent, what: `${parent.what} (\`${word.raw}\` may match \`..\`)` };
    }
  }
  return { kind: 'safe' };
}

/** `*`, `**`, `.*` and the like: a segment that matches every name (hidden ones included or not). */
function matchesEverything(segment: string): boolean {
  return /^\.?\*+$/.test(segment) || segment === '.[!.]*' || segment === '.[^.]*' || segment === '.??*';
}

/** Critical directories strictly below `dir`: the home directory, the working directories and their parents. */
function criticalBelow(dir: string, places: CriticalPlaces): string[] {
  const found = new Set<string>();
  for (const place of [places.home, ...places.workingDirectories].flatMap(variants)) {
    for (let path = place; path !== '/' && path !== dir; path = dirname(path)) {
      if (isWithin(path, dir)) found.add(path);
    }
  }
  return [...found];
}
