// Line diff of two file contents, grouped into hunks with context, as data (rendering is separate).
import { editScript, Interner } from './myers.js';

export interface DiffLine {
  kind: 'context' | 'add' | 'remove';
  text: string;
  oldNo?: number;
  newNo?: number;
  /** The file's last line, without a newline after it. */
  noEol?: boolean;
}

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
  lines: DiffLine[];
}

export interface LineDiff {
  hunks: Hunk[];
  added: number;
  removed: number;
  /** Set when the file's dominant line ending changed, e.g. 'CRLF → LF'. */
  eolChange?: string;
}

interface FileLines {
  lines: string[];
  noEol: boolean;
  eol: 'LF' | 'CRLF';
}

function splitFile(text: string): FileLines {
  if (text === '') return { lines: [], noEol: false, eol: 'LF' };
  const lines = text.split('\n');
  const noEol = lines[lines.length - 1] !== '';
  if (!noEol) lines.pop();
  let crlf = 0;
  const stripped = lines.map((line) => {
    if (!line.endsWith('\r')) return line;
    crlf++;
    return line.slice(0, -1);
  });
  return { lines: stripped, noEol, eol: crlf > 0 && crlf * 2 >= lines.length ? 'CRLF' : 'LF' };
}

export function diffLines(before: string, after: string, contextLines: number): LineDiff {
  const a = splitFile(before);
  const b = splitFile(after);
  const interner = new Interner<string>();
  // A last line without its newline differs from the same text with one, as in git.
  const key = (file: FileLines, i: number) => interner.id(file.noEol && i === file.lines.length - 1 ? `${file.lines[i]}\0` : file.lines[i]!);
  const ops = editScript(a.lines.map((_, i) => key(a, i)), b.lines.map((_, i) => key(b, i)));
  const all: DiffLine[] = ops.map((op) => {
    if (op.op === 'equal') return { kind: 'context', text: b.lines[op.b]!, oldNo: op.a + 1, newNo: op.b + 1, noEol: b.noEol && op.b === b.lines.length - 1 };
    if (op.op === 'delete') return { kind: 'remove', text: a.lines[op.a]!, oldNo: op.a + 1, noEol: a.noEol && op.a === a.lines.length - 1 };
    return { kind: 'add', text: b.lines[op.b]!, newNo: op.b + 1, noEol: b.noEol && op.b === b.lines.length - 1 };
  });
  const changed = all.flatMap((line, i) => (line.kind === 'context' ? [] : [i]));
  const hunks: Hunk[] = [];
  const context = Math.max(0, Math.floor(contextLines));
  let g = 0;
  while (g < changed.length) {
    let end = g;
    // Changes closer than two contexts apart share one hunk.
    while (end + 1 < changed.length && changed[end + 1]! - changed[end]! - 1 <= 2 * context) end++;
    const from = Math.max(0, changed[g]! - context);
    const to = Math.min(all.length, changed[end]! + context + 1);
    const lines = all.slice(from, to);
    const olds = lines.filter((l) => l.kind !== 'add');
    const news = lines.filter((l) => l.kind !== 'remove');
    const firstOld = all.slice(from).find((l) => l.oldNo !== undefined)?.oldNo ?? a.lines.length + 1;
    const firstNew = all.slice(from).find((l) => l.newNo !== undefined)?.newNo ?? b.lines.length + 1;
    hunks.push({
      oldStart: olds.length > 0 ? olds[0]!.oldNo! : firstOld - 1,
      oldCount: olds.length,
      newStart: news.length > 0 ? news[0]!.newNo! : firstNew - 1,
      newCount: news.length,
      lines,
    });
    g = end + 1;
  }
  return {
    hunks,
    added: all.filter((l) => l.kind === 'add').length,
    removed: all.filter((l) => l.kind === 'remove').length,
    ...(before !== '' && after !== '' && a.eol !== b.eol ? { eolChange: `${a.eol} → ${b.eol}` } : {}),
  };
}
