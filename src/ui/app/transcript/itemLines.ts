// One conversation item as the transcript shows it, in full: styled lines at most `width` columns
// wide. Pure: the same item at the same width always gives the same lines, so they can be cached.
import { renderMarkdownLines } from '../../markdown/renderMarkdown.js';
import type { Line, Style } from '../../markdown/styledText.js';
import type { ConversationItem } from '../conversationState.js';
import { cleanText, hangingProse } from './lineBlocks.js';
import { toolCallLines } from './toolCallLines.js';

export interface ItemLineOptions {
  width: number;
  /** false under NO_COLOR: the Markdown and diff renderers then choose their colourless forms. */
  color: boolean;
  cwd?: string;
  /** Applied to assistant and thinking text, as the live view does for streamed text. */
  redact?: (text: string) => string;
}

const TONE: Record<'info' | 'warning' | 'error', Style> = { info: { dim: true }, warning: { fg: 'yellow' }, error: { fg: 'red' } };
const THINKING: Style = { dim: true, italic: true };
const BLANK: Line = [];

export function itemLines(item: ConversationItem, options: ItemLineOptions): Line[] {
  const width = Math.max(10, options.width);
  const redact = options.redact ?? ((text: string) => text);
  switch (item.kind) {
    case 'user':
      return [BLANK, ...hangingProse({ text: '> ', style: { bold: true, fg: 'cyan' } }, cleanText(item.text), { bold: true }, width)];
    case 'assistant':
      return [BLANK, ...renderMarkdownLines(redact(item.text), { width, color: options.color })];
    case 'thinking':
      return [BLANK, ...hangingProse({ text: '✻ ', style: THINKING }, cleanText(redact(item.text)), THINKING, width)];
    case 'tool':
      return [BLANK, ...toolCallLines(item, { width, color: options.color, ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) })];
    case 'notice':
      return hangingProse({ text: '⎿ ', style: TONE[item.tone] }, cleanText(item.text), TONE[item.tone], width);
  }
}
