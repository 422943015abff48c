import { lineNumberAt, numberLines, splitLines } from './lineNumbers.js';

const CONTEXT_LINES = 4;
const MAX_SNIPPET_LINES = 40;

/**
 * The lines around an edit, numbered like Read output, so the model can check the result without
 * reading the file again.
 */
export function editSnippet(updatedText: string, editStart: number, insertedText: string): string {
  const lines = splitLines(updatedText);
  if (lines.length === 0) return '(the file is now empty)';
  const firstChangedLine = lineNumberAt(updatedText, editStart);
  const insertedLineBreaks = insertedText.split('\n').length - 1;
  const firstLine = Math.max(1, firstChangedLine - CONTEXT_LINES);
  const wantedLast = Math.min(lines.length, firstChangedLine + insertedLineBreaks + CONTEXT_LINES);
  const lastLine = Math.min(wantedLast, firstLine + MAX_SNIPPET_LINES - 1);
  const snippet = numberLines(lines.slice(firstLine - 1, lastLine), firstLine);
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
