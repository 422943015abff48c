// Asks the model for the compaction summary: the conversation as it would be sent (same system
// prompt and tools, so a cached prefix is reused) plus the summary instruction. A request that is
// itself too long is retried with the oldest turns left out of what is summarised.
import { compactionInstruction, summaryFromAnswer } from '../context/compaction/compactionPrompt.js';
import { isPromptTooLong } from '../model/promptTooLong.js';
import type { AssistantMessage, ContentBlock, Message, ModelClient, ToolDefinition } from '../model/types.js';
import { withoutOldestTurns } from './conversationTrim.js';

export interface SummaryRequest {
  model: ModelClient;
  modelId: string;
  system: string;
  tools: ToolDefinition[];
  maxTokens: number;
  /** The conversation as the next request would carry it (context reminders included). */
  messages: Message[];
  userInstructions?: string;
  memoryInstructions: string[];
  promptCaching?: boolean;
  signal: AbortSignal;
}

export interface Summary {
  summary: string;
  /** The answer, for its usage and cost. */
  message: AssistantMessage;
}

const MAX_TRIMS = 3;

export async function summarizeConversation(request: SummaryRequest): Promise<Summary> {
  const instruction = compactionInstruction({
    ...(request.userInstructions !== undefined ? { userInstructions: request.userInstructions } : {}),
    memoryInstructions: request.memoryInstructions,
  });
  let messages = request.messages;
  for (let attempt = 0; ; attempt++) {
    try {
      const message = await request.model
        .stream({
          model: request.modelId,
          system: request.system,
          messages: withInstruction(messages, instruction),
          tools: request.tools,
          maxTokens: request.maxTokens,
          // The conversation's prefix is already cached: the summary request reads it.
          ...(request.promptCaching ? { promptCaching: true } : {}),
          signal: request.signal,
        })
        .final();
      const answer = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      const summary = summaryFromAnswer(answer);
      if (!summary) throw new Error('The model answered the summary request without a summary.');
      return { summary, message };
    } catch (error) {
      const shorter = withoutOldestTurns(messages, 0.25);
      if (!isPromptTooLong(error) || attempt >= MAX_TRIMS || shorter.length >= messages.length) throw error;
      messages = shorter;
    }
  }
}

/** Adds the instruction as the last user text: a message of its own after an answer, else appended. */
function withInstruction(messages: Message[], instruction: string): Message[] {
  const last = messages.at(-1);
  if (last?.role !== 'user') return [...messages, { role: 'user', content: [{ type: 'text', text: instruction }] }];
  const content: ContentBlock[] = typeof last.content === 'string' ? [{ type: 'text', text: last.content }] : last.content;
  return [...messages.slice(0, -1), { role: 'user', content: [...content, { type: 'text', text: instruction }] }];
}
