// Block-level Markdown (headings, paragraphs, lists, quotes, code, tables, rules) as styled lines.
// Containers render their children at a narrower width and prefix each line, so nesting composes.
import type { Token, Tokens } from 'marked';
import { renderCodeBlock } from './codeBlock.js';
import { renderInline, type InlineOptions } from './inline.js';
import { sanitize, textWidth, type Line, type Span, type Style } from './styledText.js';
import { renderTable } from './table.js';
import { wrapLine } from './wrap.js';

const HEADING_STYLES: Style[] = [
  { bold: true, underline: true, fg: 'magenta' },
  { bold: true, fg: 'magenta' },
  { bold: true },
  { bold: true, italic: true },
  { bold: true, dim: true },
  { bold: true, dim: true },
];
const BULLETS = ['•', '◦', '▪'];

interface Context extends InlineOptions {
  /** Nesting depth of lists, for the bullet shape. */
  listDepth: number;
}

function prefixLines(lines: Line[], first: Span, rest: Span): Line[] {
  return lines.map((line, i) => [i === 0 ? first : rest, ...line]);
}

function renderHeading(token: Tokens.Heading, width: number, ctx: Context): Line[] {
  const style = HEADING_STYLES[token.depth - 1] ?? { bold: true };
  const marker: Span = { text: `${'#'.repeat(token.depth)} `, style: { dim: true } };
  return wrapLine([marker, ...renderInline(token.tokens, ctx, style)], width);
}

function renderList(token: Tokens.List, width: number, ctx: Context): Line[] {
  const start = typeof token.start === 'number' ? token.start : 1;
  const markers = token.items.map((item, i) => {
    const bullet = token.ordered ? `${start + i}.` : BULLETS[ctx.listDepth % BULLETS.length]!;
    return item.task ? `${bullet} [${item.checked ? 'x' : ' '}]` : bullet;
  });
  // Numbers are right-aligned to a common width; bullets (and task boxes) take what they need.
  const numberWidth = Math.max(...markers.map(textWidth));
  const inner: Context = { ...ctx, listDepth: ctx.listDepth + 1 };
  const lines: Line[] = [];
  token.items.forEach((item, i) => {
    if (i > 0 && token.loose) lines.push([]);
    const marker = markers[i]!;
    const bulletStyle: Style = { fg: item.task && item.checked ? 'green' : 'cyan' };
    const padded = token.ordered ? marker.padStart(numberWidth) + ' ' : marker + ' ';
    const markerWidth = textWidth(padded);
    const body = renderBlocks(item.tokens, Math.max(1, width - markerWidth), inner, token.loose);
    const content = body.length > 0 ? body : [[]];
    lines.push(...prefixLines(content, { text: padded, style: bulletStyle }, { text: ' '.repeat(markerWidth), style: {} }));
  });
  return lines;
}

function renderBlock(token: Token, width: number, ctx: Context): Line[] | undefined {
  switch (token.type) {
    case 'heading':
      return renderHeading(token as Tokens.Heading, width, ctx);
    case 'paragraph':
    case 'text': {
      const t = token as Tokens.Paragraph | Tokens.Text;
      const spans = t.tokens ? renderInline(t.tokens, ctx) : [{ text: sanitize(t.text), style: {} }];
      return wrapLine(spans, width);
    }
    case 'code': {
      const code = token as Tokens.Code;
      return renderCodeBlock(code.text, code.lang ?? '', width, ctx.color);
    }
    case 'blockquote': {
      const bar: Span = { text: '│ ', style: { fg: 'gray' } };
      const body = renderBlocks((token as Tokens.Blockquote).tokens, Math.max(1, width - 2), ctx);
      return prefixLines(body.length > 0 ? body : [[]], bar, bar);
    }
    case 'list':
      return renderList(token as Tokens.List, width, ctx);
    case 'table':
      return renderTable(token as Tokens.Table, width, ctx);
    case 'hr':
      return [[{ text: '─'.repeat(Math.max(1, width)), style: { dim: true } }]];
    case 'html': {
      const lines = sanitize(token.raw.replace(/\n+$/, '')).split('\n');
      return lines.flatMap((text) => wrapLine([{ text, style: { dim: true } }], width));
    }
    case 'space':
    case 'def':
    case 'checkbox':
      return undefined;
    default:
      return wrapLine([{ text: sanitize(token.raw.replace(/\n+$/, '')), style: {} }], width);
  }
}

/**
 * Renders a sequence of blocks, separated by one blank line (none between the inline `text` blocks of a
 * tight list item, where `spaced` is false).
 */
export function renderBlocks(tokens: readonly Token[], width: number, ctx: Context, spaced = true): Line[] {
  const lines: Line[] = [];
  let previous: Token | undefined;
  for (const token of tokens) {
    const block = renderBlock(token, width, ctx);
    if (!block || block.length === 0) continue;
    const tight = !spaced || (previous?.type === 'text' && token.type === 'list');
    if (previous && !tight) lines.push([]);
    lines.push(...block);
    previous = token;
  }
  return lines;
}
