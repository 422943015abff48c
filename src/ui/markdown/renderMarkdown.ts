// Markdown → terminal text. Pure: the UI calls it for finished messages (once) and for the streaming
// tail (on every delta), see splitStableMarkdown.
import { Lexer } from 'marked';
import { renderBlocks } from './blocks.js';
import { lineWidth, serializeLines, type Line } from './styledText.js';
import { sliceLine } from './wrap.js';

export interface MarkdownOptions {
  /** Terminal columns available; no rendered line is wider. */
  width: number;
  /** false (NO_COLOR, pipes): plain text, no escape sequences at all. */
  color: boolean;
}

export function lexMarkdown(markdown: string) {
  return Lexer.lex(markdown.replace(/\r\n?/g, '\n'), { gfm: true });
}

export function renderMarkdown(markdown: string, options: MarkdownOptions): string {
  return serializeLines(renderMarkdownLines(markdown, options), options.color);
}

/** The rendered Markdown as styled lines, each at most `width` columns. */
export function renderMarkdownLines(markdown: string, options: MarkdownOptions): Line[] {
  const width = Math.max(1, Math.floor(options.width));
  const lines = renderBlocks(lexMarkdown(markdown), width, { color: options.color, listDepth: 0 });
  // Containers can only narrow their content so far: at very small widths a bullet or quote bar plus one
  // column is already too wide, so such rows are cut (never dropped) to the width.
  return lines.flatMap((line) => (lineWidth(line) > width ? sliceLine(line, width) : [line]));
}
