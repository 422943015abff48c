// The normalised message and stream-event model. The Anthropic Messages shape is our internal
// shape; other providers translate at their adapter's edge.

export interface TextBlock {
  type: 'text';
  text: string;
}

export interface ImageBlock {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string };
}

export interface DocumentBlock {
  type: 'document';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'text'; media_type: string; data: string };
  title?: string;
}

export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content: string | Array<TextBlock | ImageBlock | DocumentBlock>;
  is_error?: boolean;
}

export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** A call of a tool the provider runs itself (Anthropic's web search); no tool_result follows it. */
export interface ServerToolUseBlock {
  type: 'server_tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export interface WebSearchResult {
  type: 'web_search_result';
  url: string;
  title: string;
  page_age?: string | null;
  /** Opaque; must be sent back unchanged when the conversation continues. */
  encrypted_content: string;
}

export interface WebSearchToolResultError {
  type: 'web_search_tool_result_error';
  error_code: string;
}

/** What the provider's web search returned for the server_tool_use block `tool_use_id`. */
export interface WebSearchToolResultBlock {
  type: 'web_search_tool_result';
  tool_use_id: string;
  content: WebSearchResult[] | WebSearchToolResultError;
}

export type ContentBlock =
  | TextBlock
  | ImageBlock
  | DocumentBlock
  | ToolUseBlock
  | ToolResultBlock
  | ThinkingBlock
  | RedactedThinkingBlock
  | ServerToolUseBlock
  | WebSearchToolResultBlock;

export type Role = 'user' | 'assistant';

export interface Message {
  role: Role;
  content: string | ContentBlock[];
}

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** A complete assistant message, as the Anthropic API returns it. */
export interface AssistantMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason | null;
  stop_sequence: string | null;
  usage: Usage;
}

/** What a provider adapter yields while streaming one response (Anthropic SSE event shapes). */
export type StreamEvent =
  | { type: 'message_start'; message: AssistantMessage }
  | {
      type: 'content_block_start';
      index: number;
      content_block: TextBlock | ToolUseBlock | ThinkingBlock | RedactedThinkingBlock | ServerToolUseBlock | WebSearchToolResultBlock;
    }
  | {
      type: 'content_block_delta';
      index: number;
      delta:
        | { type: 'text_delta'; text: string }
        | { type: 'input_json_delta'; partial_json: string }
        | { type: 'thinking_delta'; thinking: string }
        | { type: 'signature_delta'; signature: string };
    }
  | { type: 'content_block_stop'; index: number }
  | {
      type: 'message_delta';
      delta: { stop_reason: StopReason | null; stop_sequence: string | null };
      usage: Partial<Usage>;
    }
  | { type: 'message_stop' };

export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

/** Anthropic's server-side web search tool, as the Messages API takes it in `tools`. */
export interface WebSearchServerTool {
  type: 'web_search_20250305';
  name: 'web_search';
  max_uses?: number;
  allowed_domains?: string[];
  blocked_domains?: string[];
}

export type ServerToolDefinition = WebSearchServerTool;

export interface ThinkingConfig {
  type: 'enabled';
  budget_tokens: number;
}

export interface ModelRequest {
  model: string;
  system: string;
  messages: Message[];
  tools: ToolDefinition[];
  /** Tools the provider runs itself; only the Anthropic adapter sends them, others leave them out. */
  serverTools?: ServerToolDefinition[];
  maxTokens: number;
  thinking?: ThinkingConfig;
  /**
   * Mark the stable prefix for the provider's prompt cache (Anthropic cache breakpoints). Providers
   * that cache by prefix on their own (OpenAI) ignore it.
   */
  promptCaching?: boolean;
  signal?: AbortSignal;
}

/** Reported before each retry of a failed request; becomes a `system/api_retry` event. */
export interface RetryNotice {
  attempt: number;
  maxRetries: number;
  delayMs: number;
  errorStatus: number | null;
  /** A short category, e.g. 'overloaded', 'rate_limit', 'connection_error'. */
  error: string;
  /** The full description of the failure, for people. */
  message?: string;
}

/**
 * One streaming response. Iterate it for the events; `final()` resolves to the assembled message
 * once the stream completed (and rejects with a ModelError if it failed for good).
 */
export interface ModelResponseStream extends AsyncIterable<StreamEvent> {
  final(): Promise<AssistantMessage>;
}

export interface ModelClient {
  readonly provider: 'anthropic' | 'openai';
  /**
   * Streams one response. Retryable failures (429, 500, 529, overloaded SSE errors, connections
   * reset mid-stream) are retried inside, with `onRetry` told before each wait. A retried attempt
   * starts again from a fresh `message_start`: a consumer must treat every `message_start` as
   * "discard what this response streamed so far".
   */
  stream(request: ModelRequest, onRetry?: (notice: RetryNotice) => void): ModelResponseStream;
  /** The provider's exact count of a request's input tokens, where it offers one (Anthropic). */
  countTokens?(request: Omit<ModelRequest, 'maxTokens'>): Promise<number>;
}

export type ModelErrorKind =
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'invalid_request'
  | 'rate_limit'
  | 'overloaded'
  | 'server'
  | 'connection'
  | 'aborted'
  | 'malformed_response';

/** A provider failure, after retries, described for humans and for the result object. */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export const emptyUsage = (): Usage => ({
  input_tokens: 0,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});
