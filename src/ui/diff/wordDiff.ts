// Which parts of a changed line actually changed: a token-level diff between a removed line and the
// added line that replaces it.
import { editScript, Interner } from './myers.js';

export interface Piece {
  text: string;
  changed: boolean;
}

const TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;

/**
 * Splits both lines into pieces marked changed/unchanged, or returns undefined when the lines share
 * too little for a word-level highlight to help (it would light up almost everything).
 */
export function wordDiff(before: string, after: string): { before: Piece[]; after: Piece[] } | undefined {
  const a = before.match(TOKEN) ?? [];
  const b = after.match(TOKEN) ?? [];
  const interner = new Interner<string>();
  const ops = editScript(a.map((t) => interner.id(t)), b.map((t) => interner.id(t)));
  const left: Piece[] = [];
  const right: Piece[] = [];
  let common = 0;
  const push = (pieces: Piece[], text: string, changed: boolean) => {
    const last = pieces[pieces.length - 1];
    if (last && last.changed === changed) last.text += text;
    else pieces.push({ text, changed });
  };
  for (const op of ops) {
    if (op.op === 'equal') {
      common += a[op.a]!.trim() === '' ? 0 : a[op.a]!.length;
      push(left, a[op.a]!, false);
      push(right, b[op.b]!, false);
    } else if (op.op === 'delete') push(left, a[op.a]!, true);
    else push(right, b[op.b]!, true);
  }
  const size = before.replace(/\s/g, '').length + after.replace(/\s/g, '').length;
  if (size === 0 || (2 * common) / size < 0.4) return undefined;
  return { before: left, after: right };
}
