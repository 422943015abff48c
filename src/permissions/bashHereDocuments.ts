/**
 * Here-documents. The body is read the way bash reads it (lines up to one equal to the unquoted
 * delimiter, `<<-` ignoring leading tabs), then checked against where tree-sitter ended it: if the
 * two disagree, text one of them takes for data the other may run, and the command is unanalysable.
 */
import { readHeredocBody } from './bashDelimitedText.js';
import type { SyntaxNode } from './bashSyntaxTree.js';
import type { ShellRedirect, ShellWord } from './bashTokens.js';

export interface HereDocument {
  redirect: ShellRedirect;
  /** Where tree-sitter and bash disagree about the body. */
  mismatch: boolean;
}

export function readHereDocument(source: string, node: SyntaxNode): HereDocument {
  const operator = node.children.find((child) => child.type === '<<' || child.type === '<<-')?.type ?? '<<';
  const start = node.children.find((child) => child.type === 'heredoc_start');
  const body = node.children.find((child) => child.type === 'heredoc_body');
  const end = node.children.find((child) => child.type === 'heredoc_end');
  const raw = start === undefined ? '' : source.slice(start.start, start.end);
  const delimiter = unquoteDelimiter(raw);
  const target: ShellWord = { raw, value: delimiter, hasExpansion: false, hasGlob: false, startsWithTilde: false };
  const expands = !/['"\\]/.test(raw);
  if (end === undefined) {
    return { redirect: { operator, target, heredoc: { body: '', expands } }, mismatch: true };
  }
  const from = lineStart(source, body?.start ?? end.start);
  const read = readHeredocBody(source, from, delimiter, operator === '<<-');
  const endsTogether = read.end === end.end || (read.end === end.end + 1 && source[end.end] === '\n');
  const mismatch = delimiter === '' || !endsTogether || (body !== undefined && body.start < from);
  return { redirect: { operator, target, heredoc: { body: read.body, expands } }, mismatch };
}

/** Quote removal on a delimiter word: `'EOF'`, `"EOF"`, `\EOF` and `E"O"F` all mean `EOF`. */
function unquoteDelimiter(raw: string): string {
  let value = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char === '\\') value += raw[++i] ?? '';
    else if (char === "'" || char === '"') {
      const close = raw.indexOf(char, i + 1);
      if (close === -1) return value + raw.slice(i + 1);
      value += raw.slice(i + 1, close);
      i = close;
    } else value += char;
  }
  return value;
}

function lineStart(source: string, index: number): number {
  return source.lastIndexOf('\n', index - 1) + 1;
}
