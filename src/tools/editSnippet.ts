import { lineNumberAt, numberLines, splitLines } from './lineNumbers.js';

const CONTEXT_LINES = 4;
const MAX_SNIPPET_LINES = 40;
/** Minified or generated files can hold megabyte lines; the snippet shows a window of such a line. */
export const MAX_SHOWN_LINE_CHARS = 400;

/**
 * A line cut to at most about `MAX_SHOWN_LINE_CHARS`, keeping the part around `focusColumn` and
 * marking what was left out on either side.
 */
export function clipLine(line: string, focusColumn = 0, maxChars = MAX_SHOWN_LINE_CHARS): string {
  if (line.length <= maxChars) return line;
  const start = Math.max(0, Math.min(focusColumn - Math.floor(maxChars / 4), line.length - maxChars));
  const end = start + maxChars;
  const before = start > 0 ? `[… ${start} chars] ` : '';
  const after = end < line.length ? ` [… ${line.length - end} more chars]` : '';
  return `${before}${line.slice(start, end)}${after}`;
}

/**
 * The lines around an edit, numbered like Read output, so the model can check the result without
 * reading the file again.
 */
export function editSnippet(updatedText: string, editStart: number, insertedText: string): string {
  const lines = splitLines(updatedText);
  if (lines.length === 0) return '(the file is now empty)';
  const firstChangedLine = lineNumberAt(updatedText, editStart);
  const changeColumn = editStart - (updatedText.lastIndexOf('\n', editStart - 1) + 1);
  const insertedLineBreaks = insertedText.split('\n').length - 1;
  const firstLine = Math.max(1, firstChangedLine - CONTEXT_LINES);
  const wantedLast = Math.min(lines.length, firstChangedLine + insertedLineBreaks + CONTEXT_LINES);
  const lastLine = Math.min(wantedLast, firstLine + MAX_SNIPPET_LINES - 1);
  const shown = lines
    .slice(firstLine - 1, lastLine)
    .map((line, index) => clipLine(line, firstLine + index === firstChangedLine ? changeColumn : 0));
  const snippet = numberLines(shown, firstLine);
  return lastLine < wantedLast ? `${snippet}\n…` : snippet;
}

/**
 * Where `after` differs from `before`: the start offset in `after` and the text that differs there.
 * Found from the common prefix and suffix, so it works for any number of edits in one go.
 */
export function changedRegion(before: string, after: string): { start: number; changedText: string } {
  const shorter = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return { start: prefix, changedText: after.slice(prefix, after.length - suffix) };
}

export function snippetOfChange(before: string, after: string): string {
  const region = changedRegion(before, after);
  return editSnippet(after, region.start, region.changedText);
}
