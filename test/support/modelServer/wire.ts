// What each provider protocol supplies to the scripted server: how to validate a request, how to
// render a reply as a stream or one JSON body, and how its errors look. The server and the fault
// player only talk to this interface, so every fault works on both endpoints.
import type { SseEvent } from './http.js';
import type { ResolvedReply } from './resolvedReply.js';

export type Protocol = 'anthropic' | 'openai';

/** An error answer before any reply is rendered; `type` defaults from the status per provider. */
export interface WireError {
  status: number;
  message: string;
  type?: string;
  /** OpenAI's `error.code` / `error.param`; Anthropic has neither. */
  code?: string | null;
  param?: string | null;
}

export interface RenderContext {
  /** The model the request named, echoed back like the real APIs do. */
  model: string;
  /** The server's estimate of the prompt, used where a fault opens a stream without a reply. */
  inputTokens: number;
  /** OpenAI only: `stream_options.include_usage` was set. */
  includeUsage: boolean;
}

export type SseErrorType = 'overloaded_error' | 'api_error';

export interface ProtocolWire {
  readonly protocol: Protocol;
  /** Generated tool call ids start with this (`toolu_` / `call_`). */
  readonly toolIdPrefix: string;
  /** Every response carries a request id in this header (`request-id` / `x-request-id`). */
  readonly requestIdHeader: string;
  readonly requestIdPrefix: string;
  validate(body: Record<string, unknown>): WireError | null;
  errorBody(error: WireError, requestId: string): unknown;
  streamEvents(reply: ResolvedReply, context: RenderContext): SseEvent[];
  messageJson(reply: ResolvedReply, context: RenderContext): unknown;
  /** A valid opening event, then one whose data is not JSON. */
  malformedEvents(context: RenderContext): SseEvent[];
  /** A valid opening event, then the provider's in-stream error. */
  sseErrorEvents(errorType: SseErrorType, context: RenderContext): SseEvent[];
}

export const sseErrorMessages: Record<SseErrorType, string> = {
  overloaded_error: 'Overloaded',
  api_error: 'Internal server error',
};
