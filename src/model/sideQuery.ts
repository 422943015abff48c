// One-shot requests made on the side of the conversation (a small model reading a fetched page, a
// web search run by the provider): no tools of ours, no history, just the final message. Failures
// come back as values, so the caller can fall back to something useful.
import { ModelError, type AssistantMessage, type ContentBlock, type Message, type ModelClient, type ServerToolDefinition, type Usage } from './types.js';

export interface SideRequest {
  model: string;
  system: string;
  prompt: string;
  maxTokens: number;
  serverTools?: ServerToolDefinition[];
  signal: AbortSignal;
}

export type SideResponse = { ok: true; message: AssistantMessage } | { ok: false; message: string; aborted: boolean };

/**
 * Sends one request through `client` (retries included) and waits for the whole answer.
 * `answerSoFar` continues a response the provider paused (stop reason `pause_turn`).
 */
export async function completeSideRequest(client: ModelClient, request: SideRequest, answerSoFar: ContentBlock[] = []): Promise<SideResponse> {
  const messages: Message[] = [{ role: 'user', content: request.prompt }];
  if (answerSoFar.length > 0) messages.push({ role: 'assistant', content: answerSoFar });
  try {
    const message = await client
      .stream({
        model: request.model,
        system: request.system,
        messages,
        tools: [],
        ...(request.serverTools ? { serverTools: request.serverTools } : {}),
        maxTokens: request.maxTokens,
        signal: request.signal,
      })
      .final();
    return { ok: true, message };
  } catch (error) {
    const aborted = request.signal.aborted || (error instanceof ModelError && error.kind === 'aborted');
    return { ok: false, message: error instanceof Error ? error.message : String(error), aborted };
  }
}

/** The question a tool puts to the small fast model, and what it answered. */
export interface SideQuestion {
  system: string;
  prompt: string;
  maxTokens?: number;
  signal: AbortSignal;
}

export type SideAnswer = { ok: true; text: string; model: string; usage: Usage } | { ok: false; message: string; aborted: boolean };

export type SideQuery = (question: SideQuestion) => Promise<SideAnswer>;

export const SIDE_QUERY_MAX_TOKENS = 4096;

/** A SideQuery answered by `model` through the session's client: the text of its reply. */
export function createSideQuery(client: ModelClient, model: string): SideQuery {
  return async (question) => {
    const response = await completeSideRequest(client, {
      model,
      system: question.system,
      prompt: question.prompt,
      maxTokens: question.maxTokens ?? SIDE_QUERY_MAX_TOKENS,
      signal: question.signal,
    });
    if (!response.ok) return response;
    const text = textOf(response.message);
    return { ok: true, text, model: response.message.model || model, usage: response.message.usage };
  };
}

export function textOf(message: AssistantMessage): string {
  return message.content
    .flatMap((block) => (block.type === 'text' ? [block.text] : []))
    .join('')
    .trim();
}
