// Styled text as plain data: a line is a list of spans, each with its own style. Lines are serialised
// one at a time, so every line opens and closes its own escape codes: a line can be written to
// scrollback, sliced by the terminal or copied with the mouse without styles leaking into the next.
import stringWidth from 'string-width';

export type Color = 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'gray';

export interface Style {
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  inverse?: boolean;
  fg?: Color;
  bg?: Color;
  /** Target of an OSC 8 hyperlink. */
  link?: string;
}

export interface Span {
  text: string;
  style: Style;
}

export type Line = Span[];

const FG: Record<Color, number> = { black: 30, red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, white: 37, gray: 90 };

export function span(text: string, style: Style = {}): Span {
  return { text, style };
}

export function withStyle(spans: readonly Span[], extra: Style): Span[] {
  return spans.map((s) => ({ text: s.text, style: { ...s.style, ...extra } }));
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;
// Printable ASCII runs, less their last character (which may start a grapheme with what follows, e.g. a
// keycap `1️⃣`), and everything else.
const RUNS = /[\x20-\x7e]+(?=[\x20-\x7e])|[^]/gy;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// string-width costs microseconds per call; a text has few distinct non-ASCII graphemes, so cache them.
const graphemeWidths = new Map<string, number>();

function graphemeWidth(grapheme: string): number {
  let width = graphemeWidths.get(grapheme);
  if (width === undefined) {
    if (graphemeWidths.size > 10_000) graphemeWidths.clear();
    graphemeWidths.set(grapheme, (width = stringWidth(grapheme)));
  }
  return width;
}

/** Terminal columns taken by text (wide CJK and emoji count two). */
export function textWidth(text: string): number {
  if (ASCII_PRINTABLE.test(text)) return text.length;
  let width = 0;
  let rest = '';
  for (const [run] of text.matchAll(RUNS)) {
    if (run.length > 1) {
      width += graphemeWidthOf(rest) + run.length;
      rest = '';
    } else rest += run;
  }
  return width + graphemeWidthOf(rest);
}

// Characters that can join their neighbours into one grapheme (marks, joiners, variation selectors,
// emoji and flags, surrogate pairs, Hangul jamo); text without them can be measured char by char.
const JOINING = /[\p{M}\u200c\u200d\ufe00-\ufe0f\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\ud800-\udfff\p{Extended_Pictographic}]/u;

function graphemeWidthOf(text: string): number {
  if (text === '') return 0;
  let width = 0;
  if (!JOINING.test(text)) {
    for (let i = 0; i < text.length; i++) width += graphemeWidth(text[i]!);
    return width;
  }
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

export function lineWidth(line: Line): number {
  let width = 0;
  for (const s of line) width += textWidth(s.text);
  return width;
}

// Control characters in model output or file content must never reach the terminal as escapes.
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

export function sanitize(text: string): string {
  return text.replace(CONTROL, '\ufffd');
}

export function expandTabs(text: string, tabSize = 4): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  for (const ch of text) {
    if (ch === '\n') {
      out += ch;
      column = 0;
    } else if (ch === '\t') {
      const pad = tabSize - (column % tabSize);
      out += ' '.repeat(pad);
      column += pad;
    } else {
      out += ch;
      column += textWidth(ch);
    }
  }
  return out;
}

function sameStyle(a: Style, b: Style): boolean {
  return (
    !!a.bold === !!b.bold &&
    !!a.dim === !!b.dim &&
    !!a.italic === !!b.italic &&
    !!a.underline === !!b.underline &&
    !!a.strike === !!b.strike &&
    !!a.inverse === !!b.inverse &&
    a.fg === b.fg &&
    a.bg === b.bg &&
    a.link === b.link
  );
}

function sgr(style: Style): { open: string; close: string } {
  const open: number[] = [];
  const close: number[] = [];
  if (style.bold || style.dim) {
    if (style.bold) open.push(1);
    if (style.dim) open.push(2);
    close.push(22);
  }
  if (style.italic) open.push(3), close.push(23);
  if (style.underline) open.push(4), close.push(24);
  if (style.inverse) open.push(7), close.push(27);
  if (style.strike) open.push(9), close.push(29);
  if (style.fg) open.push(FG[style.fg]), close.push(39);
  if (style.bg) open.push(FG[style.bg] + 10), close.push(49);
  if (open.length === 0) return { open: '', close: '' };
  return { open: `\x1b[${open.join(';')}m`, close: `\x1b[${close.join(';')}m` };
}

/** One line as terminal text: with color, each run of equal style is opened and closed in place. */
export function serializeLine(line: Line, color: boolean): string {
  if (!color) return line.map((s) => s.text).join('');
  let out = '';
  let i = 0;
  while (i < line.length) {
    const first = line[i]!;
    let text = first.text;
    let j = i + 1;
    while (j < line.length && sameStyle(line[j]!.style, first.style)) text += line[j++]!.text;
    i = j;
    if (text === '') continue;
    const { open, close } = sgr(first.style);
    const styled = open + text + close;
    out += first.style.link ? `\x1b]8;;${first.style.link}\x07${styled}\x1b]8;;\x07` : styled;
  }
  return out;
}

function visibleBackground(style: Style): boolean {
  return !!(style.bg || style.inverse || style.underline || style.strike);
}

/** Drops trailing blanks that would show nothing (padding, empty code lines), keeping painted ones. */
export function trimLineEnd(line: Line): Line {
  const out = [...line];
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (visibleBackground(last.style)) break;
    const text = last.text.replace(/ +$/, '');
    if (text !== '') {
      out[out.length - 1] = { text, style: last.style };
      break;
    }
    out.pop();
  }
  return out;
}

export function serializeLines(lines: readonly Line[], color: boolean): string {
  return lines.map((line) => serializeLine(trimLineEnd(line), color)).join('\n');
}
