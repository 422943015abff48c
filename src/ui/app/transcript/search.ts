// Searching the transcript: which lines contain the query (case-insensitive unless the query has a
// capital letter, as `less` and vim's smartcase do), and a line with its matches highlighted.
import type { Line, Span } from '../../markdown/styledText.js';

const plainTexts = new WeakMap<Line, string>();

export function plainText(line: Line): string {
  let text = plainTexts.get(line);
  if (text === undefined) {
    text = line.map((span) => span.text).join('');
    plainTexts.set(line, text);
  }
  return text;
}

const caseSensitive = (query: string) => query !== query.toLowerCase();

/** Where `query` occurs in `text`, as [start, end) offsets, without overlaps. */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  if (query === '') return [];
  const sensitive = caseSensitive(query);
  const haystack = sensitive ? text : text.toLowerCase();
  const needle = sensitive ? query : query.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) ranges.push([at, at + needle.length]);
  return ranges;
}

/** Indices of the lines that contain `query`, in order. */
export function matchingLines(lines: readonly Line[], query: string): number[] {
  const found: number[] = [];
  if (query === '') return found;
  const sensitive = caseSensitive(query);
  const needle = sensitive ? query : query.toLowerCase();
  lines.forEach((line, index) => {
    const text = plainText(line);
    if ((sensitive ? text : text.toLowerCase()).includes(needle)) found.push(index);
  });
  return found;
}

/** The next (or previous) matching line after (before) `from`, wrapping around the ends. */
export function nextMatch(matches: readonly number[], from: number, direction: 1 | -1): number | undefined {
  if (matches.length === 0) return undefined;
  if (direction === 1) return matches.find((line) => line > from) ?? matches[0];
  return [...matches].reverse().find((line) => line < from) ?? matches[matches.length - 1];
}

/** The line with every occurrence of `query` shown in reverse video (the current match also in yellow). */
export function highlightMatches(line: Line, query: string, current = false): Line {
  const ranges = matchRanges(plainText(line), query);
  if (ranges.length === 0) return line;
  const out: Span[] = [];
  let offset = 0;
  for (const span of line) {
    const end = offset + span.text.length;
    let cursor = offset;
    for (const [start, stop] of ranges) {
      if (stop <= cursor || start >= end) continue;
      const from = Math.max(start, cursor);
      const to = Math.min(stop, end);
      if (from > cursor) out.push({ text: span.text.slice(cursor - offset, from - offset), style: span.style });
      out.push({ text: span.text.slice(from - offset, to - offset), style: { ...span.style, inverse: !span.style.inverse, ...(current ? { fg: 'yellow' as const } : {}) } });
      cursor = to;
    }
    if (cursor < end) out.push({ text: span.text.slice(cursor - offset), style: span.style });
    offset = end;
  }
  return out;
}
