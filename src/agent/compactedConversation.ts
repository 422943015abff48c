// What a conversation becomes when it is compacted: one user message holding the summary the model
// wrote, what is carried over (the approved plan, the todo list, the skills loaded, the files read
// last, as they are now) and, when compacting on its own, the prompt still waiting for an answer
// word for word — or, in the middle of a task, the instruction to carry on.
import { attachmentBlocks, approvedPlan } from '../context/compaction/compactionAttachments.js';
import { invokedSkills } from '../context/compaction/invokedSkills.js';
import { compactInstructionsFromMemory, CONTINUE_WITHOUT_ASKING, continuationText } from '../context/compaction/compactionPrompt.js';
import type { AssistantMessage, ContentBlock, Message, ModelClient, ToolDefinition } from '../model/types.js';
import type { FileReadLedger } from '../tools/fileReadLedger.js';
import type { TodoItem } from '../tools/types.js';
import { summarizeConversation } from './conversationSummarizer.js';
import { withContextReminder } from './requestReminders.js';
import { recentFiles } from './recentFiles.js';

export type CompactTrigger = 'manual' | 'auto';

export interface CompactionInput {
  trigger: CompactTrigger;
  instructions?: string;
  messages: readonly Message[];
  /** The memory context sent ahead of the conversation (its Compact Instructions shape the summary). */
  contextReminder: string | null;
  model: ModelClient;
  modelId: string;
  system: string;
  tools: ToolDefinition[];
  maxTokens: number;
  promptCaching: boolean;
  todos: readonly TodoItem[];
  readLedger: FileReadLedger;
  contextWindow: number;
  signal: AbortSignal;
}

/** Asks for the summary and builds the message that replaces the conversation; throws when no summary can be had. */
export async function compactedConversation(input: CompactionInput): Promise<{ content: ContentBlock[]; summaryMessage: AssistantMessage }> {
  const pending = input.trigger === 'auto' ? pendingPrompt(input.messages) : null;
  const summarised = pending ? input.messages.slice(0, -1) : [...input.messages];
  const { summary, message } = await summarizeConversation({
    model: input.model,
    modelId: input.modelId,
    system: input.system,
    tools: input.tools,
    maxTokens: input.maxTokens,
    messages: withContextReminder(summarised, input.contextReminder),
    ...(input.instructions?.trim() ? { userInstructions: input.instructions } : {}),
    memoryInstructions: compactInstructionsFromMemory(input.contextReminder),
    promptCaching: input.promptCaching,
    signal: input.signal,
  });
  const content: ContentBlock[] = [
    { type: 'text', text: continuationText(summary) },
    ...attachmentBlocks({
      todos: input.todos,
      plan: approvedPlan(input.messages),
      skills: invokedSkills(input.messages, input.contextWindow),
      files: recentFiles(input.readLedger, input.contextWindow),
    }),
    ...(input.trigger === 'auto' ? (pending ?? [{ type: 'text' as const, text: CONTINUE_WITHOUT_ASKING }]) : []),
  ];
  return { content, summaryMessage: message };
}

/** The user's newest prompt when it is still unanswered and holds no tool results: kept verbatim by auto-compaction. */
function pendingPrompt(messages: readonly Message[]): ContentBlock[] | null {
  const last = messages.at(-1);
  if (messages.length < 2 || last?.role !== 'user') return null;
  const content: ContentBlock[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
  return content.some((block) => block.type === 'tool_result') ? null : content;
}
