// The cheapest rung of the compaction ladder: large tool results far behind the current work are
// replaced by a short stub that says what they were and how to get them again. No model call, and
// the conversation's shape (every tool call keeps its result) is unchanged.
import type { ContentBlock, Message, ToolResultBlock, ToolUseBlock } from '../../model/types.js';
import { estimateBlockTokens } from '../tokenEstimate.js';

/** Results of the most recent calls stay whole: the model is likely still working with them. */
export const KEEP_RECENT_RESULTS = 6;
/** Results smaller than this (estimated tokens) are not worth a stub. */
export const MIN_CLEARED_TOKENS = 500;

export const CLEARED_MARK = '[Old tool result cleared to save context';

export interface MicroCompaction {
  messages: Message[];
  cleared: number;
  savedTokens: number;
}

export function microCompact(messages: readonly Message[]): MicroCompaction {
  const calls = new Map<string, ToolUseBlock>();
  const results: Array<{ message: number; block: number }> = [];
  messages.forEach((message, messageIndex) => {
    if (typeof message.content === 'string') return;
    message.content.forEach((block, blockIndex) => {
      if (block.type === 'tool_use') calls.set(block.id, block);
      if (block.type === 'tool_result') results.push({ message: messageIndex, block: blockIndex });
    });
  });
  const old = results.slice(0, Math.max(0, results.length - KEEP_RECENT_RESULTS));
  const next = messages.map((message) => (typeof message.content === 'string' ? message : { ...message, content: [...message.content] }));
  let cleared = 0;
  let savedTokens = 0;
  for (const { message, block } of old) {
    const content = next[message]!.content as ContentBlock[];
    const result = content[block] as ToolResultBlock;
    if (isStub(result)) continue;
    const before = estimateBlockTokens(result);
    if (before < MIN_CLEARED_TOKENS) continue;
    const stubbed: ToolResultBlock = { ...result, content: stubText(calls.get(result.tool_use_id), before) };
    content[block] = stubbed;
    cleared++;
    savedTokens += before - estimateBlockTokens(stubbed);
  }
  return { messages: cleared > 0 ? next : [...messages], cleared, savedTokens };
}

const isStub = (result: ToolResultBlock) => typeof result.content === 'string' && result.content.startsWith(CLEARED_MARK);

function stubText(call: ToolUseBlock | undefined, tokens: number): string {
  const size = `about ${tokens.toLocaleString('en-US')} tokens`;
  if (!call) return `${CLEARED_MARK}: ${size}. Run the tool again if you need it.]`;
  const input = call.input;
  const what =
    typeof input.file_path === 'string'
      ? `${call.name} of ${input.file_path}`
      : typeof input.command === 'string'
        ? `${call.name}: ${truncate(input.command, 120)}`
        : typeof input.pattern === 'string'
          ? `${call.name} for ${truncate(input.pattern, 80)}${typeof input.path === 'string' ? ` in ${input.path}` : ''}`
          : typeof input.url === 'string'
            ? `${call.name} of ${input.url}`
            : call.name;
  return `${CLEARED_MARK}: ${what} (${size}). Call the tool again if you need it.]`;
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
