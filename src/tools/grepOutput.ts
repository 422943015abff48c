import { stat } from 'node:fs/promises';

/** Sorting needs one stat per file; a bounded number at a time keeps huge result sets from exhausting fds. */
const STAT_CONCURRENCY = 64;

/** Newest first, so the files the user is working on come before old ones; ties sorted by path. */
export async function sortByModifiedTimeDescending(paths: string[]): Promise<string[]> {
  const mtimes = new Map<string, number>();
  for (let start = 0; start < paths.length; start += STAT_CONCURRENCY) {
    const batch = paths.slice(start, start + STAT_CONCURRENCY);
    const stats = await Promise.all(batch.map((path) => stat(path).catch(() => undefined)));
    batch.forEach((path, index) => mtimes.set(path, stats[index]?.mtimeMs ?? 0));
  }
  return [...paths].sort((a, b) => mtimes.get(b)! - mtimes.get(a)! || a.localeCompare(b));
}

/** `path:count` as printed by `rg --count --with-filename`; the path itself may contain colons. */
export function parseCountLine(line: string): { path: string; count: number } | undefined {
  const separator = line.lastIndexOf(':');
  if (separator === -1) return undefined;
  const count = Number(line.slice(separator + 1));
  return Number.isInteger(count) ? { path: line.slice(0, separator), count } : undefined;
}

/** Keeps whole lines while they fit in `maxChars`; reports how many were left out. */
export function takeLinesWithinChars(lines: string[], maxChars: number): { kept: string[]; omitted: number } {
  let used = 0;
  let index = 0;
  for (; index < lines.length; index++) {
    const cost = lines[index]!.length + 1;
    if (index > 0 && used + cost > maxChars) break;
    used += cost;
  }
  return { kept: lines.slice(0, index), omitted: lines.length - index };
}

export function splitOutputLines(stdout: string): string[] {
  const lines = stdout.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** One output line and the file it is about (undefined when the line names no file of its own). */
export interface FileLine {
  file: string | undefined;
  text: string;
}

const GROUP_SEPARATOR = '--';

/**
 * Lines of `rg --with-filename --null --line-number` back in ripgrep's usual shape (`path:3:match`,
 * `path-4-context`, or `path:match` without line numbers), each tagged with its file. The NUL makes
 * the file name unambiguous even when it contains ':' or '-'. Lines without one are the `--` between
 * context groups, or a warning about the file above (binary files).
 */
export function parseContentLines(lines: readonly string[], showLineNumbers: boolean): FileLine[] {
  return lines.map((line) => {
    const nul = line.indexOf('\0');
    if (nul === -1) return { file: undefined, text: line };
    const file = line.slice(0, nul);
    const rest = line.slice(nul + 1);
    const numbered = /^(\d+)([:-])/.exec(rest);
    if (numbered === null) return { file, text: `${file}:${rest}` };
    const [prefix, lineNumber = '', separator = ':'] = numbered;
    const shownNumber = showLineNumbers ? `${lineNumber}${separator}` : '';
    return { file, text: `${file}${separator}${shownNumber}${rest.slice(prefix.length)}` };
  });
}

/**
 * Drops every line about a file `isDenied` rejects. A line that names no file belongs to the file of
 * the line above (or to `searchPath` when it comes first), so a warning about a hidden file goes with
 * it; `--` separators survive only between two kept groups.
 */
export function withoutDeniedFiles(
  lines: readonly FileLine[],
  isDenied: (path: string) => boolean,
  searchPath: string,
): { lines: string[]; hiddenFiles: number } {
  const kept: string[] = [];
  const hidden = new Set<string>();
  let previousFile = searchPath;
  for (const line of lines) {
    if (line.file === undefined && line.text === GROUP_SEPARATOR) {
      if (kept.length > 0 && kept[kept.length - 1] !== GROUP_SEPARATOR) kept.push(line.text);
      continue;
    }
    const file = line.file ?? previousFile;
    previousFile = file;
    if (isDenied(file)) hidden.add(file);
    else kept.push(line.text);
  }
  if (kept[kept.length - 1] === GROUP_SEPARATOR) kept.pop();
  return { lines: kept, hiddenFiles: hidden.size };
}
