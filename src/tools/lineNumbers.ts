/** One line in `cat -n` style: the number right-aligned in six columns, a tab, then the text. */
export function numberedLine(lineNumber: number, text: string): string {
  return `${String(lineNumber).padStart(6, ' ')}\t${text}`;
}

export function numberLines(lines: readonly string[], firstLineNumber: number): string {
  return lines.map((text, index) => numberedLine(firstLineNumber + index, text)).join('\n');
}

/** Splits text into lines the way `wc -l`/`cat -n` see them: a final newline does not start a new line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** 1-based number of the line holding the character at `offset`. */
export function lineNumberAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
