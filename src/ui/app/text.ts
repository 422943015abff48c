// The one function assistant text goes through on its way to the screen. Today: plain text wrapped
// to the terminal width. The Markdown renderer replaces the body of `renderAssistantText` and keeps
// its signature, so nothing else in the app changes when it lands.

/** Assistant text as terminal lines (joined with `\n`), at most `width` columns each. */
export function renderAssistantText(text: string, width: number): string {
  return wrapText(text.replace(/\r\n?/g, '\n').replace(/\s+$/, ''), Math.max(10, width));
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
