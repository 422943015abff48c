// A short piece of a message around its first match, on one line, with the matches' positions in the
// snippet so each front end marks them its own way (bold in a terminal, **…** for the model).
import type { MatchRange } from './searchQuery.js';

export interface Snippet {
  text: string;
  /** Ranges in `text` to mark, in order, not overlapping. */
  marks: MatchRange[];
}

export function makeSnippet(text: string, matches: MatchRange[], width = 200): Snippet {
  const first = matches[0] ?? { start: 0, end: 0 };
  const lead = Math.floor(width / 3);
  let from = Math.max(0, first.start - lead);
  let to = Math.min(text.length, Math.max(from + width, first.end));
  from = Math.max(0, Math.min(from, to - width));
  from = wordStart(text, from);
  to = wordEnd(text, to);
  // Collapse whitespace while mapping every original offset to its place in the snippet.
  let out = from > 0 ? '…' : '';
  const position = new Map<number, number>();
  let inSpace = false;
  for (let i = from; i < to; i++) {
    position.set(i, out.length);
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (!inSpace && out.length > 0 && !out.endsWith('…')) out += ' ';
      inSpace = true;
    } else {
      out += ch;
      inSpace = false;
    }
  }
  position.set(to, out.length);
  const trimmed = out.trimEnd();
  const marks = matches
    .filter((m) => m.start >= from && m.end <= to)
    .map((m) => ({ start: position.get(m.start)!, end: Math.min(position.get(m.end)!, trimmed.length) }))
    .filter((m) => m.end > m.start);
  return { text: to < text.length ? `${trimmed}…` : trimmed, marks };
}

/** Moves a cut back to the start of the word it falls in, unless that word is very long. */
function wordStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && at - i < 20 && /\S/.test(text[i - 1]!)) i--;
  return i > 0 && /\S/.test(text[i - 1]!) ? at : i;
}

function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && i - at < 20 && /\S/.test(text[i]!)) i++;
  return i < text.length && /\S/.test(text[i]!) ? at : i;
}

/** The snippet with its marks written in: `**match**` by default. */
export function markSnippet(snippet: Snippet, open = '**', close = open): string {
  let out = '';
  let at = 0;
  for (const mark of snippet.marks) {
    out += snippet.text.slice(at, mark.start) + open + snippet.text.slice(mark.start, mark.end) + close;
    at = mark.end;
  }
  return out + snippet.text.slice(at);
}
