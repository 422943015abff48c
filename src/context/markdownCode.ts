// Where the code is in a Markdown text: fenced blocks and inline code spans. Text inside them is
// quoted, not instructions, so memory imports are not evaluated there.

/** Half-open [start, end) offset ranges, in text order. */
export type TextRange = readonly [start: number, end: number];

export function codeRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  let proseStart = 0;
  for (const fence of fencedBlocks(text)) {
    ranges.push(...inlineCodeSpans(text, proseStart, fence[0]), fence);
    proseStart = fence[1];
  }
  ranges.push(...inlineCodeSpans(text, proseStart, text.length));
  return ranges;
}

export function isInsideRanges(offset: number, ranges: readonly TextRange[]): boolean {
  return ranges.some(([start, end]) => offset >= start && offset < end);
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

// A fence closes at a line of the same character, at least as long as the opener; an unclosed
// fence runs to the end of the text, as CommonMark says.
function fencedBlocks(text: string): TextRange[] {
  const blocks: TextRange[] = [];
  let open: { start: number; marker: string } | null = null;
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const line = text.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
    if (open === null) {
      const marker = FENCE_OPEN.exec(line)?.[1];
      if (marker !== undefined) open = { start: lineStart, marker };
    } else if (closesFence(line, open.marker)) {
      blocks.push([open.start, lineEnd]);
      open = null;
    }
    lineStart = lineEnd;
  }
  if (open !== null) blocks.push([open.start, text.length]);
  return blocks;
}

function closesFence(line: string, marker: string): boolean {
  const match = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
  const closer = match?.[1];
  return closer !== undefined && closer[0] === marker[0] && closer.length >= marker.length;
}

// A span opens at a run of N backticks and closes at the next run of exactly N; a run with no
// partner is literal text.
function inlineCodeSpans(text: string, from: number, to: number): TextRange[] {
  const spans: TextRange[] = [];
  let pos = from;
  while (pos < to) {
    const open = text.indexOf('`', pos);
    if (open === -1 || open >= to) break;
    const length = backtickRunLength(text, open, to);
    const close = findRun(text, open + length, to, length);
    if (close === -1) {
      pos = open + length;
    } else {
      spans.push([open, close + length]);
      pos = close + length;
    }
  }
  return spans;
}

function backtickRunLength(text: string, start: number, to: number): number {
  let end = start;
  while (end < to && text.charAt(end) === '`') end++;
  return end - start;
}

function findRun(text: string, from: number, to: number, length: number): number {
  let pos = from;
  while (pos < to) {
    const start = text.indexOf('`', pos);
    if (start === -1 || start >= to) return -1;
    const runLength = backtickRunLength(text, start, to);
    if (runLength === length) return start;
    pos = start + runLength;
  }
  return -1;
}
