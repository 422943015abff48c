// Anthropic prompt-cache breakpoints. The request prefix is tools → system → messages, and each turn
// only appends to it, so three breakpoints cover everything: the system prompt (tools and system),
// the end of the previous user message (what the last request cached, found again even when a turn
// appended many blocks), and the end of the newest message (what the next request will read).
import type Anthropic from '@anthropic-ai/sdk';
import type { ContentBlock, Message } from './types.js';

const EPHEMERAL = { type: 'ephemeral' } as const;

/** Blocks the API lets carry `cache_control` (not thinking blocks). */
const CACHEABLE = new Set<ContentBlock['type']>(['text', 'image', 'document', 'tool_use', 'tool_result', 'server_tool_use', 'web_search_tool_result']);

export function cachedSystem(system: string): Anthropic.TextBlockParam[] {
  return [{ type: 'text', text: system, cache_control: EPHEMERAL }];
}

export function withCacheBreakpoints(messages: Message[]): Message[] {
  const marked = new Set<number>();
  const last = messages.length - 1;
  if (last >= 0) marked.add(last);
  for (let index = last - 1; index >= 0; index--) {
    if (messages[index]!.role === 'user') {
      marked.add(index);
      break;
    }
  }
  return messages.map((message, index) => (marked.has(index) ? withBreakpointAtEnd(message) : message));
}

function withBreakpointAtEnd(message: Message): Message {
  const blocks: ContentBlock[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
  for (let index = blocks.length - 1; index >= 0; index--) {
    const block = blocks[index]!;
    if (!CACHEABLE.has(block.type) || (block.type === 'text' && block.text === '')) continue;
    const content = [...blocks];
    // Only the wire shape knows cache_control; our block types stay free of it.
    content[index] = { ...block, cache_control: EPHEMERAL } as unknown as ContentBlock;
    return { ...message, content };
  }
  return message;
}
