/**
 * Lays the buffer out as screen rows: hard-wrapped to the width, with the cursor's row and column, and
 * a window of at most `maxRows` rows kept around the cursor so a huge buffer cannot outgrow the screen.
 */
export interface Row {
  readonly text: string;
  /** Index into `text` of the character under the cursor (== text.length at the end), or undefined when the cursor is elsewhere. */
  readonly cursorIndex?: number;
  /** True for a row that starts a logical line (gets the prompt marker, not the continuation indent). */
  readonly startsLine: boolean;
  readonly firstLine: boolean;
}

export interface Layout {
  readonly rows: readonly Row[];
  readonly hiddenAbove: number;
  readonly hiddenBelow: number;
}

/** Terminal cell width of a code point: 2 for wide East Asian characters and emoji, 0 for combining marks. */
export function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (/\p{Mn}|\p{Me}|\u200d/u.test(char)) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Tabs and other controls are shown as one space so the layout matches what the terminal draws. */
function displayChar(char: string): string {
  return char < ' ' ? ' ' : char;
}

export function layoutBuffer(text: string, cursor: number, width: number, maxRows = Number.POSITIVE_INFINITY): Layout {
  const columns = Math.max(1, width);
  const rows: Row[] = [];
  let cursorRow = 0;
  let offset = 0;
  text.split('\n').forEach((line, lineIndex) => {
    let row = '';
    let rowWidth = 0;
    let rowCursor: number | undefined;
    let startsLine = true;
    const flush = () => {
      if (rowCursor !== undefined) cursorRow = rows.length;
      rows.push({ text: row, cursorIndex: rowCursor, startsLine, firstLine: lineIndex === 0 && startsLine });
      row = '';
      rowWidth = 0;
      rowCursor = undefined;
      startsLine = false;
    };
    for (const char of line) {
      const cellWidth = charWidth(char);
      if (rowWidth + cellWidth > columns && rowWidth > 0) flush();
      if (offset === cursor) rowCursor = row.length;
      row += displayChar(char);
      rowWidth += cellWidth;
      offset += char.length;
    }
    if (offset === cursor) {
      // The cursor after the last character needs a cell of its own.
      if (rowWidth >= columns) flush();
      rowCursor = row.length;
    }
    flush();
    offset += 1; // the '\n'
  });
  if (rows.length <= maxRows) return { rows, hiddenAbove: 0, hiddenBelow: 0 };
  const first = Math.max(0, Math.min(cursorRow - Math.floor(maxRows / 2), rows.length - maxRows));
  return { rows: rows.slice(first, first + maxRows), hiddenAbove: first, hiddenBelow: rows.length - first - maxRows };
}
