// The script the scripted model server plays: one entry per model request, in order. The same
// entry is rendered as Anthropic Messages (SSE or JSON) or OpenAI chat completions (SSE or JSON),
// whichever endpoint the request arrived at.
import type { StopReason, Usage } from '../../src/model/types.js';

export type ScriptedBlock =
  | { type: 'text'; text: string }
  | {
      type: 'tool_use';
      id?: string;
      name: string;
      input: Record<string, unknown>;
      /** Sent instead of `input` as the arguments' JSON text, e.g. cut short like a max_tokens stop. */
      rawInput?: string;
    }
  | { type: 'thinking'; thinking: string; signature: string }
  /** Anthropic only (OpenAI renders nothing for it): a call of the provider's own web search. */
  | { type: 'server_tool_use'; id?: string; name: string; input: Record<string, unknown> }
  /**
   * Anthropic only: the web search's results, or an error code. Without `tool_use_id` it answers
   * the closest server_tool_use before it in the same reply.
   */
  | { type: 'web_search_tool_result'; tool_use_id?: string; content: ScriptedSearchResult[] | { error_code: string } };

export interface ScriptedSearchResult {
  title: string;
  url: string;
  page_age?: string;
}

export interface ScriptedReply {
  kind: 'reply';
  blocks: ScriptedBlock[];
  /** Defaults to `tool_use` when a tool_use block is present, else `end_turn`. */
  stopReason?: StopReason;
  usage?: Partial<Usage>;
  /** Delay before each streamed event, to make interrupts testable. */
  eventDelayMs?: number;
}

export type Fault =
  /** An HTTP error response with the provider's error body; `retryAfterSeconds` sets `retry-after`. */
  | { type: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  /** Streams the first `afterEvents` events of `reply` (HTTP 200), then destroys the socket. */
  | { type: 'reset_mid_stream'; afterEvents: number; reply: ScriptedReply }
  /** Accepts the request and sends headers, then sends nothing for `ms` (then closes). */
  | { type: 'stall'; ms: number }
  /** HTTP 200, then a data line that is not JSON. */
  | { type: 'malformed_event' }
  /** HTTP 200, a `message_start`, then an SSE `error` event (Anthropic) / error chunk (OpenAI). */
  | { type: 'sse_error'; errorType: 'overloaded_error' | 'api_error' };

export interface ScriptedFault {
  kind: 'fault';
  fault: Fault;
}

/**
 * A reply written when its request arrives, from what the request carries (e.g. a path that only an
 * earlier tool result revealed). In-process servers only: it cannot be written to a script file.
 */
export interface ScriptedReplyFrom {
  kind: 'reply_from';
  build: (request: RecordedRequest) => ScriptedReply | ScriptedFault;
}

export type ScriptedTurn = ScriptedReply | ScriptedFault | ScriptedReplyFrom;

export const replyFrom = (build: ScriptedReplyFrom['build']): ScriptedReplyFrom => ({ kind: 'reply_from', build });

export const reply = (blocks: ScriptedBlock[], extra: Partial<Omit<ScriptedReply, 'kind' | 'blocks'>> = {}): ScriptedReply => ({
  kind: 'reply',
  blocks,
  ...extra,
});
export const text = (value: string): ScriptedBlock => ({ type: 'text', text: value });
export const toolUse = (name: string, input: Record<string, unknown>, id?: string): ScriptedBlock => ({
  type: 'tool_use',
  name,
  input,
  ...(id ? { id } : {}),
});
export const thinking = (value: string, signature = 'sig-' + value.length): ScriptedBlock => ({
  type: 'thinking',
  thinking: value,
  signature,
});
export const fault = (value: Fault): ScriptedFault => ({ kind: 'fault', fault: value });
export const serverToolUse = (name: string, input: Record<string, unknown>, id?: string): ScriptedBlock => ({
  type: 'server_tool_use',
  name,
  input,
  ...(id ? { id } : {}),
});
export const webSearchResult = (content: ScriptedSearchResult[] | { error_code: string }, toolUseId?: string): ScriptedBlock => ({
  type: 'web_search_tool_result',
  content,
  ...(toolUseId ? { tool_use_id: toolUseId } : {}),
});

export interface RecordedRequest {
  protocol: 'anthropic' | 'openai' | 'anthropic_count_tokens';
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}
