// A file change as a coloured unified diff for the terminal: the conversation view and the permission
// dialog show edits with it.
import { expandTabs, lineWidth, sanitize, serializeLines, type Line, type Span, type Style } from '../markdown/styledText.js';
import { sliceLine, wrapLine } from '../markdown/wrap.js';
import { diffLines, type DiffLine, type Hunk } from './lineDiff.js';
import { wordDiff } from './wordDiff.js';

export interface FileChange {
  path: string;
  /** Content before the change; '' for a new file. */
  before: string;
  /** Content after the change; '' for a deleted file. */
  after: string;
}

export interface DiffOptions {
  width: number;
  color: boolean;
  /** Unchanged lines shown around each change (default 3). */
  contextLines?: number;
  /** Diff lines shown before the rest is summarised as `… N more lines` (default 400). */
  maxLines?: number;
  /** Old and new line numbers in a gutter, when they leave room for the code (default true). */
  lineNumbers?: boolean;
}

const KIND: Record<DiffLine['kind'], { sign: string; style: Style }> = {
  context: { sign: ' ', style: { dim: true } },
  add: { sign: '+', style: { fg: 'green' } },
  remove: { sign: '-', style: { fg: 'red' } },
};
const NUMBER: Style = { fg: 'gray' };

function header(change: FileChange, added: number, removed: number, eolChange: string | undefined): Line {
  const line: Line = [{ text: sanitize(change.path), style: { bold: true } }];
  if (change.before === '' && change.after !== '') line.push({ text: ' (new file)', style: { dim: true } });
  if (change.after === '' && change.before !== '') line.push({ text: ' (deleted)', style: { dim: true } });
  line.push({ text: ` +${added}`, style: { fg: 'green' } }, { text: ` −${removed}`, style: { fg: 'red' } });
  if (eolChange) line.push({ text: ` (line endings ${eolChange})`, style: { fg: 'yellow' } });
  return line;
}

function clean(text: string): string {
  return expandTabs(sanitize(text));
}

/** Body spans of each line; paired removed/added lines get their changed words emphasised. */
function bodies(hunk: Hunk, color: boolean): Span[][] {
  const out = hunk.lines.map((line) => [{ text: clean(line.text), style: KIND[line.kind].style }]);
  if (!color) return out;
  let i = 0;
  while (i < hunk.lines.length) {
    if (hunk.lines[i]!.kind !== 'remove') {
      i++;
      continue;
    }
    let r = i;
    while (r < hunk.lines.length && hunk.lines[r]!.kind === 'remove') r++;
    let e = r;
    while (e < hunk.lines.length && hunk.lines[e]!.kind === 'add') e++;
    for (let p = 0; p < Math.min(r - i, e - r); p++) {
      const pieces = wordDiff(clean(hunk.lines[i + p]!.text), clean(hunk.lines[r + p]!.text));
      if (!pieces) continue;
      out[i + p] = pieces.before.map((piece) => ({ text: piece.text, style: { fg: 'red', inverse: piece.changed } }));
      out[r + p] = pieces.after.map((piece) => ({ text: piece.text, style: { fg: 'green', inverse: piece.changed } }));
    }
    i = e;
  }
  return out;
}

export function renderDiff(change: FileChange, options: DiffOptions): string {
  return serializeLines(renderDiffLines(change, options), options.color);
}

/** The diff as styled lines, each at most `width` columns. */
export function renderDiffLines(change: FileChange, options: DiffOptions): Line[] {
  const width = Math.max(1, Math.floor(options.width));
  const maxLines = Math.max(1, options.maxLines ?? 400);
  const diff = diffLines(change.before, change.after, options.contextLines ?? 3);
  const lines: Line[] = wrapLine(header(change, diff.added, diff.removed, diff.eolChange), width);
  if (diff.hunks.length === 0) {
    lines.push([{ text: '(no changes)', style: { dim: true } }]);
    return lines;
  }
  const largest = Math.max(...diff.hunks.map((h) => Math.max(h.oldStart + h.oldCount, h.newStart + h.newCount)));
  const digits = String(largest).length;
  // Line numbers only when they leave room for the code.
  const numbered = options.lineNumbers !== false && width - (2 * digits + 4) >= 20;
  const gutter = numbered ? 2 * digits + 2 : 0;
  const textWidthLeft = Math.max(1, width - gutter - 2);
  const total = diff.hunks.reduce((n, h) => n + h.lines.length, 0);
  let shown = 0;
  for (const hunk of diff.hunks) {
    if (shown >= maxLines) break;
    const range = `@@ -${hunk.oldStart},${hunk.oldCount} +${hunk.newStart},${hunk.newCount} @@`;
    lines.push(...sliceLine([{ text: range, style: { fg: 'cyan' } }], width));
    const body = bodies(hunk, options.color);
    for (let i = 0; i < hunk.lines.length && shown < maxLines; i++, shown++) {
      const line = hunk.lines[i]!;
      const { sign, style } = KIND[line.kind];
      sliceLine(body[i]!, textWidthLeft).forEach((row, r) => {
        const numbers = numbered
          ? r === 0
            ? `${String(line.oldNo ?? '').padStart(digits)} ${String(line.newNo ?? '').padStart(digits)} `
            : ' '.repeat(gutter)
          : '';
        lines.push([{ text: numbers, style: NUMBER }, { text: `${sign} `, style }, ...row]);
      });
      if (line.noEol) lines.push([{ text: ' '.repeat(gutter) + '\\ No newline at end of file', style: { dim: true } }]);
    }
  }
  if (shown < total) lines.push([{ text: `… ${total - shown} more lines`, style: { dim: true } }]);
  return lines.map((line) => (lineWidth(line) > width ? sliceLine(line, width)[0]! : line));
}
