/**
 * Pure operations on a text buffer with a cursor (an offset into the string, 0..text.length).
 * Lines are separated by '\n'; the cursor may sit at the end of a line (before its '\n').
 */
export interface Buffer {
  readonly text: string;
  readonly cursor: number;
}

export const EMPTY_BUFFER: Buffer = { text: '', cursor: 0 };

export function insertText(buffer: Buffer, inserted: string): Buffer {
  const { text, cursor } = buffer;
  return { text: text.slice(0, cursor) + inserted + text.slice(cursor), cursor: cursor + inserted.length };
}

/** Removes [from, to) and puts the cursor at `from`. */
export function deleteRange(buffer: Buffer, from: number, to: number): Buffer {
  const start = Math.max(0, Math.min(from, to));
  const end = Math.min(buffer.text.length, Math.max(from, to));
  return { text: buffer.text.slice(0, start) + buffer.text.slice(end), cursor: start };
}

/** Width in UTF-16 units of the code point ending just before `offset` (keeps surrogate pairs whole). */
function previousCharLength(text: string, offset: number): number {
  if (offset <= 0) return 0;
  const low = text.charCodeAt(offset - 1);
  if (offset >= 2 && low >= 0xdc00 && low <= 0xdfff) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return 2;
  }
  return 1;
}

function nextCharLength(text: string, offset: number): number {
  if (offset >= text.length) return 0;
  const code = text.codePointAt(offset) ?? 0;
  return code > 0xffff ? 2 : 1;
}

export function moveLeft(buffer: Buffer): Buffer {
  return { ...buffer, cursor: buffer.cursor - previousCharLength(buffer.text, buffer.cursor) };
}

export function moveRight(buffer: Buffer): Buffer {
  return { ...buffer, cursor: buffer.cursor + nextCharLength(buffer.text, buffer.cursor) };
}

export function backspace(buffer: Buffer): Buffer {
  return deleteRange(buffer, buffer.cursor - previousCharLength(buffer.text, buffer.cursor), buffer.cursor);
}

export function deleteForward(buffer: Buffer): Buffer {
  return deleteRange(buffer, buffer.cursor, buffer.cursor + nextCharLength(buffer.text, buffer.cursor));
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

export function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline;
}

export function moveLineStart(buffer: Buffer): Buffer {
  return { ...buffer, cursor: lineStart(buffer.text, buffer.cursor) };
}

export function moveLineEnd(buffer: Buffer): Buffer {
  return { ...buffer, cursor: lineEnd(buffer.text, buffer.cursor) };
}

export function isOnFirstLine(buffer: Buffer): boolean {
  return lineStart(buffer.text, buffer.cursor) === 0;
}

export function isOnLastLine(buffer: Buffer): boolean {
  return lineEnd(buffer.text, buffer.cursor) === buffer.text.length;
}

/** Moves to the previous line, keeping the column where the line is long enough; unchanged on the first line. */
export function moveLineUp(buffer: Buffer): Buffer {
  const start = lineStart(buffer.text, buffer.cursor);
  if (start === 0) return buffer;
  const column = buffer.cursor - start;
  const previousStart = lineStart(buffer.text, start - 1);
  return { ...buffer, cursor: Math.min(previousStart + column, start - 1) };
}

export function moveLineDown(buffer: Buffer): Buffer {
  const end = lineEnd(buffer.text, buffer.cursor);
  if (end === buffer.text.length) return buffer;
  const column = buffer.cursor - lineStart(buffer.text, buffer.cursor);
  const nextStart = end + 1;
  return { ...buffer, cursor: Math.min(nextStart + column, lineEnd(buffer.text, nextStart)) };
}

const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** Start of the word before the cursor (Alt+B, Alt+Backspace): skips non-word characters, then word characters. */
export function wordStartBefore(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && !isWordChar(text[index - 1])) index--;
  while (index > 0 && isWordChar(text[index - 1])) index--;
  return index;
}

/** End of the word after the cursor (Alt+F, Alt+D). */
export function wordEndAfter(text: string, offset: number): number {
  let index = offset;
  while (index < text.length && !isWordChar(text[index])) index++;
  while (index < text.length && isWordChar(text[index])) index++;
  return index;
}

/** Start of the whitespace-delimited word before the cursor (Ctrl+W, like readline's unix-word-rubout). */
export function bigWordStartBefore(text: string, offset: number): number {
  let index = offset;
  while (index > 0 && /\s/.test(text[index - 1]!)) index--;
  while (index > 0 && !/\s/.test(text[index - 1]!)) index--;
  return index;
}
