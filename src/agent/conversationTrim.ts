// The last resort when even a summary cannot be had: the oldest part of the conversation is dropped.
// The cut is made before an assistant message and a short user note takes the dropped part's place,
// so the conversation still starts with the user and every tool result keeps its tool call.
import type { Message } from '../model/types.js';

export const OMITTED_NOTE = '[The earliest part of this conversation was dropped to fit the context window.]';

/** The conversation without roughly its oldest `share` (0–1) of messages; unchanged when nothing can go. */
export function withoutOldestTurns(messages: readonly Message[], share: number): Message[] {
  // At least two messages go, or the note that replaces them would leave the conversation no shorter.
  const target = Math.max(2, Math.floor(messages.length * share));
  for (let index = target; index < messages.length; index++) {
    if (messages[index]!.role === 'assistant') return [{ role: 'user', content: [{ type: 'text', text: OMITTED_NOTE }] }, ...messages.slice(index)];
  }
  return [...messages];
}
