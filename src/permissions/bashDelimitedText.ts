/** Readers for stretches of shell text whose end is found by a delimiter rather than by parsing. */

/**
 * A here-document body: the lines after the command line, up to one equal to the delimiter
 * (`<<-` ignores leading tabs on each line). Returns the body and where reading stopped.
 */
export function readHeredocBody(src: string, start: number, delimiter: string, stripTabs: boolean): { body: string; end: number } {
  const lines: string[] = [];
  let pos = start;
  while (pos < src.length) {
    let lineEnd = src.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = src.length;
    const line = src.slice(pos, lineEnd);
    pos = Math.min(lineEnd + 1, src.length);
    if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
    lines.push(stripTabs ? line.replace(/^\t+/, '') : line);
  }
  return { body: lines.join('\n'), end: pos };
}

/**
 * The command inside backticks, starting just after the opening one. Inside, a backslash escapes
 * only `\\`, `` ` `` and `$`; `end` is just past the closing backtick.
 */
export function readBacktickBody(src: string, start: number): { body: string; end: number; closed: boolean } {
  let body = '';
  let i = start;
  for (; i < src.length && src[i] !== '`'; i++) {
    const next = src[i + 1];
    if (src[i] === '\\' && next !== undefined && '\\`$'.includes(next)) {
      body += next;
      i++;
    } else body += src[i];
  }
  return { body, end: Math.min(i + 1, src.length), closed: i < src.length };
}
