import type { ContentBlock, Message, ToolResultBlock, ToolUseBlock } from '../model/types.js';
import type { TranscriptEntry } from './transcriptEntry.js';

export const INTERRUPTED_TOOL_RESULT =
  'The tool call was interrupted before it completed; its effects, if any, are unknown. Check the state before retrying.';

const blocksOf = (message: Message): ContentBlock[] =>
  typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;

/**
 * Rebuilds the API conversation from transcript lines. Tool results are stored one line each (so
 * a crash keeps every completed one); here consecutive user lines merge into one message with the
 * tool_result blocks first, as the API requires. A compaction boundary starts the conversation afresh. A tool call left without a result (the process
 * died while it ran) gets an "interrupted" result, so the conversation can continue.
 */
export function conversationFromTranscript(entries: TranscriptEntry[]): Message[] {
  const messages: Message[] = [];
  for (const entry of entries) {
    if (entry.type === 'system') {
      // Everything before a compaction lives on in the summary line that follows it.
      if (entry.subtype === 'compact_boundary') messages.length = 0;
      continue;
    }
    const blocks = blocksOf(entry.message);
    const last = messages[messages.length - 1];
    if (entry.type === 'user' && last?.role === 'user') {
      last.content = orderToolResultsFirst([...(last.content as ContentBlock[]), ...blocks]);
      continue;
    }
    if (entry.type === 'assistant') closeDanglingToolUses(messages);
    messages.push({ role: entry.message.role, content: [...blocks] });
  }
  closeDanglingToolUses(messages);
  return messages;
}

function orderToolResultsFirst(blocks: ContentBlock[]): ContentBlock[] {
  return [...blocks.filter((b) => b.type === 'tool_result'), ...blocks.filter((b) => b.type !== 'tool_result')];
}

/** Gives every tool_use of the last assistant message a result, adding an interrupted one where missing. */
function closeDanglingToolUses(messages: Message[]): void {
  const assistantIndex = findLastIndex(messages, (m) => m.role === 'assistant');
  if (assistantIndex < 0) return;
  const toolUses = blocksOf(messages[assistantIndex]!).filter((b): b is ToolUseBlock => b.type === 'tool_use');
  if (toolUses.length === 0) return;
  const next = messages[assistantIndex + 1];
  const answered = new Set(
    next ? blocksOf(next).flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : [])) : [],
  );
  const missing: ToolResultBlock[] = toolUses
    .filter((use) => !answered.has(use.id))
    .map((use) => ({ type: 'tool_result', tool_use_id: use.id, content: INTERRUPTED_TOOL_RESULT, is_error: true }));
  if (missing.length === 0) return;
  if (next) next.content = orderToolResultsFirst([...blocksOf(next), ...missing]);
  else messages.push({ role: 'user', content: missing });
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}
