// Turns a ScriptedReply into the fully decided reply both protocols render: every tool call has
// an id, the stop reason and usage are settled. Deciding these once keeps a turn's stream and
// its recorded ids consistent.
import { randomBytes } from 'node:crypto';
import type { StopReason, Usage, WebSearchToolResultBlock } from '../../../src/model/types.js';
import type { ScriptedBlock, ScriptedReply, ScriptedSearchResult } from '../script.js';

export type ResolvedBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown>; json: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'server_tool_use'; id: string; name: string; input: Record<string, unknown>; json: string }
  | { type: 'web_search_tool_result'; tool_use_id: string; content: WebSearchToolResultBlock['content'] };

export interface ResolvedReply {
  blocks: ResolvedBlock[];
  stopReason: StopReason;
  usage: Usage;
  eventDelayMs: number;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `prefix` followed by 24 random base-62 characters, like the real APIs' ids. */
export function randomId(prefix: string): string {
  const bytes = randomBytes(24);
  let suffix = '';
  for (const byte of bytes) suffix += ID_ALPHABET[byte % ID_ALPHABET.length];
  return prefix + suffix;
}

/** Estimates prompt tokens the way the scripted server promises: JSON length of the prompt / 4. */
export function estimateInputTokens(body: Record<string, unknown>): number {
  let length = 0;
  for (const field of ['system', 'messages', 'tools'] as const) {
    if (body[field] !== undefined) length += JSON.stringify(body[field]).length;
  }
  return Math.ceil(length / 4);
}

function blockLength(block: ScriptedBlock): number {
  switch (block.type) {
    case 'text':
      return block.text.length;
    case 'thinking':
      return block.thinking.length;
    case 'tool_use':
    case 'server_tool_use':
      return block.name.length + JSON.stringify(block.input).length;
    case 'web_search_tool_result':
      // Search results are billed as input on the next sampling step, not as output.
      return 0;
  }
}

export function resolveReply(reply: ScriptedReply, toolIdPrefix: string, inputTokens: number): ResolvedReply {
  let lastServerToolId = '';
  const blocks = reply.blocks.map((block): ResolvedBlock => {
    switch (block.type) {
      case 'tool_use':
        return { type: 'tool_use', id: block.id ?? randomId(toolIdPrefix), name: block.name, input: block.input, json: block.rawInput ?? JSON.stringify(block.input) };
      case 'server_tool_use':
        lastServerToolId = block.id ?? randomId('srvtoolu_');
        return { type: 'server_tool_use', id: lastServerToolId, name: block.name, input: block.input, json: JSON.stringify(block.input) };
      case 'web_search_tool_result':
        return { type: 'web_search_tool_result', tool_use_id: block.tool_use_id ?? lastServerToolId, content: searchContent(block.content) };
      default:
        return block;
    }
  });
  const hasToolUse = blocks.some((block) => block.type === 'tool_use');
  const outputLength = reply.blocks.reduce((sum, block) => sum + blockLength(block), 0);
  return {
    blocks,
    stopReason: reply.stopReason ?? (hasToolUse ? 'tool_use' : 'end_turn'),
    usage: {
      input_tokens: inputTokens,
      output_tokens: Math.max(1, Math.ceil(outputLength / 4)),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      ...reply.usage,
    },
    eventDelayMs: reply.eventDelayMs ?? 0,
  };
}

/** Scripted results get the opaque `encrypted_content` the real API attaches to each one. */
function searchContent(content: ScriptedSearchResult[] | { error_code: string }): WebSearchToolResultBlock['content'] {
  if (!Array.isArray(content)) return { type: 'web_search_tool_result_error', error_code: content.error_code };
  return content.map((result) => ({
    type: 'web_search_result',
    title: result.title,
    url: result.url,
    page_age: result.page_age ?? null,
    encrypted_content: randomId('Eo'),
  }));
}

/**
 * Splits text into up to `pieces` consecutive non-empty parts, never inside a surrogate pair,
 * so clients must really concatenate deltas. Empty text gives no parts.
 */
export function splitIntoChunks(text: string, pieces = 3): string[] {
  const characters = Array.from(text);
  if (characters.length === 0) return [];
  const size = Math.ceil(characters.length / pieces);
  const parts: string[] = [];
  for (let start = 0; start < characters.length; start += size) {
    parts.push(characters.slice(start, start + size).join(''));
  }
  return parts;
}
