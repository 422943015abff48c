// Small builders the transcript's item renderers share: text made safe for the terminal, and blocks of
// rows hung after a prefix (`> `, `⎿ `) with the continuation rows indented to match.
import { expandTabs, sanitize, textWidth, type Line, type Span, type Style } from '../../markdown/styledText.js';
import { sliceLine, wrapLine } from '../../markdown/wrap.js';

const ANSI_ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Text from a model or a command as it may reach the terminal: colour codes dropped, tabs expanded, other controls replaced. */
export function cleanText(text: string): string {
  return sanitize(expandTabs(text.replace(/\r\n?/g, '\n').replace(ANSI_ESCAPES, ''))).replace(/\s+$/, '');
}

/** Prose: word-wrapped after `prefix`, continuation rows indented by its width. */
export function hangingProse(prefix: Span, text: string, style: Style, width: number): Line[] {
  return hang(prefix, wrapLine([{ text, style }], width - textWidth(prefix.text)));
}

/** Verbatim text (commands, output, file content): each source line cut at the width, never re-flowed. */
export function hangingVerbatim(prefix: Span, text: string, style: Style, width: number): Line[] {
  const inner = width - textWidth(prefix.text);
  return hang(prefix, text.split('\n').flatMap((line) => sliceLine([{ text: line, style }], inner)));
}

/** `prefix` before the first row, as many spaces before the others. */
export function hang(prefix: Span, rows: Line[], restPrefix = ' '.repeat(textWidth(prefix.text))): Line[] {
  return rows.map((row, index) => [index === 0 ? prefix : { text: restPrefix, style: {} }, ...row]);
}

/** Rows indented by `columns` spaces (the rows were laid out `columns` narrower). */
export function indent(rows: Line[], columns: number): Line[] {
  const pad: Span = { text: ' '.repeat(columns), style: {} };
  return rows.map((row) => [pad, ...row]);
}
