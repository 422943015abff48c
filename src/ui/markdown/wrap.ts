// Fitting styled lines to a width: word wrapping for prose, hard slicing for code and diffs.
import { textWidth, type Line, type Span } from './styledText.js';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  if (/^[\x20-\x7e]*$/.test(text)) return text.split('');
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * Cuts a line into rows of at most `width` columns, breaking anywhere (between graphemes). A wide
 * grapheme that does not fit at the end of a row starts the next one.
 */
export function sliceLine(line: Line, width: number): Line[] {
  const rows: Line[] = [];
  let row: Line = [];
  let used = 0;
  const limit = Math.max(1, width);
  for (const s of line) {
    const whole = textWidth(s.text);
    if (used + whole <= limit) {
      if (s.text !== '') row.push(s);
      used += whole;
      continue;
    }
    let chunk = '';
    for (const g of graphemes(s.text)) {
      const w = textWidth(g);
      if (used + w > limit && used > 0) {
        if (chunk) row.push({ text: chunk, style: s.style });
        rows.push(row);
        row = [];
        chunk = '';
        used = 0;
      }
      chunk += g;
      used += w;
    }
    if (chunk) row.push({ text: chunk, style: s.style });
  }
  rows.push(row);
  return rows;
}

interface Atom {
  spans: Span[];
  width: number;
  space: boolean;
}

function atomsOf(line: Line): Atom[] {
  const atoms: Atom[] = [];
  let current: Atom | undefined;
  for (const s of line) {
    for (const part of s.text.split(/( +)/)) {
      if (part === '') continue;
      const space = part.startsWith(' ');
      if (!current || current.space !== space) {
        current = { spans: [], width: 0, space };
        atoms.push(current);
      }
      current.spans.push({ text: part, style: s.style });
      current.width += textWidth(part);
    }
  }
  return atoms;
}

/**
 * Word-wraps a line to `width` columns. Spaces at a break are dropped; a word longer than a whole row
 * is sliced. `\n` inside span text forces a break (hard line breaks in Markdown).
 */
export function wrapLine(line: Line, width: number): Line[] {
  const limit = Math.max(1, width);
  const paragraphs: Line[] = [[]];
  for (const s of line) {
    const parts = s.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) paragraphs.push([]);
      if (part !== '') paragraphs[paragraphs.length - 1]!.push({ text: part, style: s.style });
    });
  }
  const rows: Line[] = [];
  for (const paragraph of paragraphs) {
    let row: Line = [];
    let used = 0;
    let pending: Atom | undefined;
    for (const atom of atomsOf(paragraph)) {
      if (atom.space) {
        pending = used > 0 ? atom : undefined;
        continue;
      }
      const gap = pending ? pending.width : 0;
      if (used + gap + atom.width <= limit) {
        if (pending) row.push(...pending.spans);
        row.push(...atom.spans);
        used += gap + atom.width;
      } else if (atom.width <= limit) {
        rows.push(row);
        row = [...atom.spans];
        used = atom.width;
      } else {
        if (used > 0) rows.push(row);
        const pieces = sliceLine(atom.spans, limit);
        rows.push(...pieces.slice(0, -1));
        row = pieces[pieces.length - 1]!;
        used = row.reduce((n, s) => n + textWidth(s.text), 0);
      }
      pending = undefined;
    }
    rows.push(row);
  }
  return rows;
}
