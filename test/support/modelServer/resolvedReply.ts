// Turns a ScriptedReply into the fully decided reply both protocols render: every tool call has
// an id, the stop reason and usage are settled. Deciding these once keeps a turn's stream and
// its recorded ids consistent.
import { randomBytes } from 'node:crypto';
import type { StopReason, Usage } from '../../../src/model/types.js';
import type { ScriptedBlock, ScriptedReply } from '../script.js';

export type ResolvedBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown>; json: string }
  | { type: 'thinking'; thinking: string; signature: string };

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
      return block.name.length + JSON.stringify(block.input).length;
  }
}

export function resolveReply(reply: ScriptedReply, toolIdPrefix: string, inputTokens: number): ResolvedReply {
  const blocks = reply.blocks.map((block): ResolvedBlock =>
    block.type === 'tool_use'
      ? { type: 'tool_use', id: block.id ?? randomId(toolIdPrefix), name: block.name, input: block.input, json: block.rawInput ?? JSON.stringify(block.input) }
      : block,
  );
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
