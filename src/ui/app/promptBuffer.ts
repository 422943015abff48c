// The prompt's text and cursor as a value, with the editing operations the simple prompt input
// binds to keys. Pure: every operation returns a new buffer.

export interface PromptBuffer {
  text: string;
  /** Offset into `text`, in UTF-16 units, always on a code point boundary. */
  cursor: number;
}

export const emptyBuffer = (): PromptBuffer => ({ text: '', cursor: 0 });
export const bufferOf = (text: string): PromptBuffer => ({ text, cursor: text.length });

export function insert(buffer: PromptBuffer, added: string): PromptBuffer {
  const { text, cursor } = buffer;
  return { text: text.slice(0, cursor) + added + text.slice(cursor), cursor: cursor + added.length };
}

const previousBoundary = (text: string, cursor: number) =>
  cursor >= 2 && /[\uDC00-\uDFFF]/.test(text[cursor - 1]!) && /[\uD800-\uDBFF]/.test(text[cursor - 2]!) ? cursor - 2 : Math.max(0, cursor - 1);
const nextBoundary = (text: string, cursor: number) =>
  /[\uD800-\uDBFF]/.test(text[cursor] ?? '') && /[\uDC00-\uDFFF]/.test(text[cursor + 1] ?? '') ? cursor + 2 : Math.min(text.length, cursor + 1);

export function backspace(buffer: PromptBuffer): PromptBuffer {
  if (buffer.cursor === 0) return buffer;
  const start = previousBoundary(buffer.text, buffer.cursor);
  return { text: buffer.text.slice(0, start) + buffer.text.slice(buffer.cursor), cursor: start };
}

export const left = (buffer: PromptBuffer): PromptBuffer => ({ ...buffer, cursor: previousBoundary(buffer.text, buffer.cursor) });
export const right = (buffer: PromptBuffer): PromptBuffer => ({ ...buffer, cursor: nextBoundary(buffer.text, buffer.cursor) });

const lineStart = (buffer: PromptBuffer) => buffer.text.lastIndexOf('\n', buffer.cursor - 1) + 1;
const lineEnd = (buffer: PromptBuffer) => {
  const end = buffer.text.indexOf('\n', buffer.cursor);
  return end === -1 ? buffer.text.length : end;
};

/** Ctrl+A: start of the current line. */
export const home = (buffer: PromptBuffer): PromptBuffer => ({ ...buffer, cursor: lineStart(buffer) });
/** Ctrl+E: end of the current line. */
export const end = (buffer: PromptBuffer): PromptBuffer => ({ ...buffer, cursor: lineEnd(buffer) });

/** Ctrl+U: deletes from the start of the line to the cursor. */
export function killToStart(buffer: PromptBuffer): PromptBuffer {
  const start = lineStart(buffer);
  return { text: buffer.text.slice(0, start) + buffer.text.slice(buffer.cursor), cursor: start };
}

/** Ctrl+K: deletes from the cursor to the end of the line. */
export function killToEnd(buffer: PromptBuffer): PromptBuffer {
  return { text: buffer.text.slice(0, buffer.cursor) + buffer.text.slice(lineEnd(buffer)), cursor: buffer.cursor };
}

/** Up/Down move between lines first; only on the first/last line do they mean history. */
export function isOnFirstLine(buffer: PromptBuffer): boolean {
  return !buffer.text.slice(0, buffer.cursor).includes('\n');
}

export function isOnLastLine(buffer: PromptBuffer): boolean {
  return !buffer.text.slice(buffer.cursor).includes('\n');
}

/** Moves the cursor one line up or down, keeping the column where the line is long enough. */
export function verticalMove(buffer: PromptBuffer, direction: -1 | 1): PromptBuffer {
  const start = lineStart(buffer);
  const column = buffer.cursor - start;
  if (direction === -1) {
    if (start === 0) return buffer;
    const previousStart = buffer.text.lastIndexOf('\n', start - 2) + 1;
    return { ...buffer, cursor: Math.min(previousStart + column, start - 1) };
  }
  const end = lineEnd(buffer);
  if (end === buffer.text.length) return buffer;
  const nextEnd = buffer.text.indexOf('\n', end + 1);
  return { ...buffer, cursor: Math.min(end + 1 + column, nextEnd === -1 ? buffer.text.length : nextEnd) };
}
