import type { ContentBlock, Message } from '../model/types.js';

// Context the model needs on a request but that is never stored in the conversation: it is
// rebuilt for every request, so the transcript stays what was actually said.

export const PLAN_MODE_REMINDER =
  '<system-reminder>Plan mode is active: the user wants a plan before any change. Do not edit files, run commands that change anything, or commit; ' +
  'tools that would are denied. Explore with read-only tools, then present your plan with ExitPlanMode and wait for approval.</system-reminder>';

/** Puts the memory context ahead of the first user message, without changing the stored history. */
export function withContextReminder(messages: Message[], reminder: string | null): Message[] {
  if (!reminder || messages.length === 0 || messages[0]!.role !== 'user') return messages;
  const [first, ...rest] = messages;
  const content = typeof first!.content === 'string' ? [{ type: 'text' as const, text: first!.content }] : first!.content;
  return [{ role: 'user', content: [...orderedReminder(content, reminder)] }, ...rest];
}

function orderedReminder(content: ContentBlock[], reminder: string): ContentBlock[] {
  const results = content.filter((block) => block.type === 'tool_result');
  const others = content.filter((block) => block.type !== 'tool_result');
  return [...results, { type: 'text', text: reminder }, ...others];
}

/** Adds the plan-mode reminder to the newest user message. */
export function withPlanModeReminder(messages: Message[]): Message[] {
  const last = messages.at(-1);
  if (last?.role !== 'user') return messages;
  const content = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
  return [...messages.slice(0, -1), { role: 'user', content: [...content, { type: 'text', text: PLAN_MODE_REMINDER }] }];
}
