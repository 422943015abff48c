// GFM tables drawn with box characters. Columns keep their natural width when the table fits; when
// it does not, the widest columns give way and their cells wrap. When even narrow columns cannot fit,
// each row is listed as `header: value` lines instead.
import type { Tokens } from 'marked';
import { renderInline, type InlineOptions } from './inline.js';
import { lineWidth, withStyle, type Line, type Style } from './styledText.js';
import { wrapLine } from './wrap.js';

const MIN_COLUMN = 3;
const BORDER: Style = { dim: true };

type Align = 'left' | 'center' | 'right' | null;

/** Caps the widest columns at one level (water-filling), so narrow columns keep their natural width. */
function fitColumns(natural: number[], available: number): number[] | undefined {
  const widths = natural.map((w) => Math.max(1, w));
  const sumCapped = (cap: number) => widths.reduce((sum, w) => sum + Math.min(w, cap), 0);
  if (sumCapped(Infinity) <= available) return widths;
  if (sumCapped(MIN_COLUMN) > available) return undefined;
  let cap = MIN_COLUMN;
  while (sumCapped(cap + 1) <= available) cap++;
  let spare = available - sumCapped(cap);
  return widths.map((w) => {
    if (w <= cap) return w;
    const extra = spare > 0 ? 1 : 0;
    spare -= extra;
    return cap + extra;
  });
}

function pad(line: Line, width: number, align: Align): Line {
  const room = width - lineWidth(line);
  if (room <= 0) return line;
  const left = align === 'right' ? room : align === 'center' ? Math.floor(room / 2) : 0;
  return [{ text: ' '.repeat(left), style: {} }, ...line, { text: ' '.repeat(room - left), style: {} }];
}

function rule(widths: number[], left: string, middle: string, right: string): Line {
  return [{ text: left + widths.map((w) => '─'.repeat(w + 2)).join(middle) + right, style: BORDER }];
}

function recordLayout(header: Line[], rows: Line[][], width: number): Line[] {
  const lines: Line[] = [];
  rows.forEach((row, r) => {
    if (r > 0) lines.push([]);
    row.forEach((cell, c) => {
      lines.push(...wrapLine([...withStyle(header[c] ?? [], { bold: true }), { text: ': ', style: {} }, ...cell], width));
    });
  });
  return lines;
}

export function renderTable(token: Tokens.Table, width: number, options: InlineOptions): Line[] {
  const columns = token.header.length;
  const header = token.header.map((cell) => renderInline(cell.tokens, options, { bold: true }));
  const rows = token.rows.map((row) => Array.from({ length: columns }, (_, c) => renderInline(row[c]?.tokens, options)));
  const natural = header.map((cell, c) => Math.max(lineWidth(cell), ...rows.map((row) => lineWidth(row[c]!))));
  const widths = fitColumns(natural, width - (3 * columns + 1));
  if (!widths) return recordLayout(header, rows, width);
  const align = token.align as Align[];
  const renderRow = (cells: Line[]): Line[] => {
    const wrapped = cells.map((cell, c) => wrapLine(cell, widths[c]!));
    const height = Math.max(...wrapped.map((w) => w.length));
    const lines: Line[] = [];
    for (let i = 0; i < height; i++) {
      const line: Line = [{ text: '│ ', style: BORDER }];
      wrapped.forEach((cellLines, c) => {
        if (c > 0) line.push({ text: ' │ ', style: BORDER });
        line.push(...pad(cellLines[i] ?? [], widths[c]!, align[c] ?? null));
      });
      line.push({ text: ' │', style: BORDER });
      lines.push(line);
    }
    return lines;
  };
  return [
    rule(widths, '┌', '┬', '┐'),
    ...renderRow(header),
    rule(widths, '├', '┼', '┤'),
    ...rows.flatMap(renderRow),
    rule(widths, '└', '┴', '┘'),
  ];
}
