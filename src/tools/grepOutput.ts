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
