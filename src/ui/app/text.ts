// The one function assistant text goes through on its way to the screen: Markdown rendered for the
// terminal (headings, lists, highlighted code, tables), at most `width` columns a line.
import { renderMarkdown } from '../markdown/renderMarkdown.js';

/** Assistant text as terminal lines (joined with `\n`), at most `width` columns each. */
export function renderAssistantText(text: string, width: number, color = true): string {
  return renderMarkdown(text.replace(/\r\n?/g, '\n').replace(/\s+$/, ''), { width: Math.max(10, width), color });
}

/** Wraps each line at word boundaries; words longer than the width are broken. */
export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line.replace(/\t/g, '  '), width))
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  if ([...line].length <= width) return [line];
  const indent = /^\s*/.exec(line)![0];
  const words = line.slice(indent.length).split(/ +/);
  const lines: string[] = [];
  let current = indent;
  const flush = () => {
    lines.push(current.replace(/ +$/, ''));
    current = '';
  };
  for (const word of words) {
    let rest = [...word];
    const used = [...current].length;
    const separator = used > indent.length || (used > 0 && lines.length > 0) ? 1 : 0;
    if (used + separator + rest.length <= width) {
      current += (separator ? ' ' : '') + word;
      continue;
    }
    if (current.trim() !== '') flush();
    while (rest.length > width) {
      lines.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    current = rest.join('');
  }
  if (current !== '' || lines.length === 0) flush();
  return lines;
}
