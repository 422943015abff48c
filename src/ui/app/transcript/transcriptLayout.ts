// The whole session as transcript lines: every finished item, then what is still live (the answer being
// streamed, the tools still running). Each item's lines are cached per width, so a long session is
// laid out once and a new item or a new width costs only what changed.
import type { Line } from '../../markdown/styledText.js';
import type { ConversationItem, ConversationState } from '../conversationState.js';
import { itemLines, type ItemLineOptions } from './itemLines.js';

export interface TranscriptLayout {
  lines: readonly Line[];
  /** Each item's first line, in item order (an item has at least one line). */
  starts: readonly number[];
}

/** The items the transcript shows, in order: finished, then streaming text, then running tools. */
export function transcriptItems(conversation: ConversationState): ConversationItem[] {
  const streaming: ConversationItem[] = [];
  conversation.streaming.forEach((block, index) => {
    if (block === undefined) return;
    const text = block.kind === 'text' ? block.text.slice(block.committed) : block.text;
    if (text.trim() === '') return;
    const id = `streaming-${index}`;
    streaming.push(block.kind === 'text' ? { kind: 'assistant', id, text, ...(block.committed > 0 ? { continued: true } : {}) } : { kind: 'thinking', id, text });
  });
  return [...conversation.finished, ...streaming, ...conversation.running];
}

export function layoutTranscript(items: readonly ConversationItem[], linesOf: (item: ConversationItem) => readonly Line[]): TranscriptLayout {
  const lines: Line[] = [];
  const starts: number[] = [];
  for (const item of items) {
    let own = linesOf(item);
    // Nothing to separate the first item from.
    if (lines.length === 0 && own.length > 1 && own[0]!.length === 0) own = own.slice(1);
    starts.push(lines.length);
    if (own.length === 0) lines.push([]);
    for (const line of own) lines.push(line);
  }
  return { lines, starts };
}

/**
 * Item lines by item and width. Items are immutable (the conversation reducer replaces what changes),
 * so an item object is its own cache key; the options other than width and colour are fixed for a session.
 */
export class ItemLineCache {
  private readonly cache = new WeakMap<ConversationItem, { width: number; color: boolean; lines: readonly Line[] }>();

  constructor(private readonly options: Omit<ItemLineOptions, 'width' | 'color'>) {}

  linesOf(item: ConversationItem, width: number, color: boolean): readonly Line[] {
    const cached = this.cache.get(item);
    if (cached && cached.width === width && cached.color === color) return cached.lines;
    const lines = itemLines(item, { ...this.options, width, color });
    this.cache.set(item, { width, color, lines });
    return lines;
  }

  layout(conversation: ConversationState, width: number, color: boolean): TranscriptLayout {
    return layoutTranscript(transcriptItems(conversation), (item) => this.linesOf(item, width, color));
  }
}
