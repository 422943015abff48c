/**
 * A command-line word as the path it names: `~`, `~+`, `$HOME` and `$PWD` filled in, made absolute
 * against the directory the command runs in, or the reason it cannot be known before it runs.
 */
import type { ShellWord } from './bashTokens.js';
import { expandHome } from './pathResolution.js';

export type WordPath = { path: string } | { unknown: string };

export function expandWordPath(word: ShellWord, cwd: string | undefined, home: string): WordPath {
  let value = word.value;
  if (word.startsWithTilde) {
    if (value === '~+' || value.startsWith('~+/')) {
      if (cwd === undefined) return { unknown: 'is a directory only known when it runs' };
      value = cwd + value.slice(2);
    } else if (value === '~' || value.startsWith('~/')) {
      value = expandHome(value, home);
    } else {
      return { unknown: "names another user's home or a directory from the shell's stack" };
    }
  }
  if (word.hasExpansion) {
    value = value.replace(/\$\{HOME\}|\$HOME(?![A-Za-z0-9_])/g, home);
    if (cwd !== undefined) value = value.replace(/\$\{PWD\}|\$PWD(?![A-Za-z0-9_])/g, cwd);
    if (/[$`]/.test(value)) return { unknown: 'is only known when it runs' };
  }
  if (value.startsWith('/')) return { path: value };
  if (cwd === undefined) return { unknown: 'is relative to a directory only known when it runs' };
  return { path: `${cwd}/${value}` };
}

/** Where the first glob character is in a path from a word that has one, or -1. */
export function globStart(word: ShellWord, path: string): number {
  return word.hasGlob ? path.search(/[*?[{]/) : -1;
}

/** A glob path split into the fixed directory before it and the glob's segments. */
export function splitGlob(path: string, globAt: number): { directory: string; segments: string[] } {
  const directory = path.slice(0, path.lastIndexOf('/', globAt) + 1) || '/';
  return { directory, segments: path.slice(directory.length).split('/').filter((segment) => segment !== '') };
}
