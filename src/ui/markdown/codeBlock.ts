// Fenced and indented code: a dimmed language label, then the code indented two columns. Lines are
// never re-flowed; one wider than the screen continues on the next row behind a `↪` marker.
import { highlightCode } from './highlight.js';
import { expandTabs, sanitize, type Line } from './styledText.js';
import { sliceLine } from './wrap.js';

const INDENT = '  ';
const CONTINUATION = '↪ ';

export function renderCodeBlock(code: string, language: string, width: number, color: boolean): Line[] {
  const lang = language.trim().split(/\s+/)[0] ?? '';
  const source = expandTabs(sanitize(code.replace(/\n$/, '')));
  const highlighted = color ? highlightCode(source, lang.toLowerCase()) : source.split('\n').map((text) => [{ text, style: {} }]);
  const lines: Line[] = [];
  if (lang !== '') lines.push([{ text: `── ${sanitize(lang)}`, style: { dim: true } }]);
  // A fence just opened has no lines yet (not one empty line).
  if (source === '') return lines;
  const inner = Math.max(1, width - INDENT.length);
  for (const codeLine of highlighted) {
    sliceLine(codeLine, inner).forEach((row, i) => {
      lines.push([{ text: i === 0 ? INDENT : CONTINUATION, style: { dim: i > 0 } }, ...row]);
    });
  }
  return lines;
}
