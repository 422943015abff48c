// The one event stream every front end consumes. Each event's JSON form is a `stream-json` line,
// so the shapes follow Claude Code's (reference §1.4); consumers ignore types they don't know.
import type { AssistantMessage, Message, StreamEvent, Usage } from '../model/types.js';
import type { PermissionMode } from '../permissions/types.js';

interface Envelope {
  uuid: string;
  session_id: string;
}

export interface InitEvent extends Envelope {
  type: 'system';
  subtype: 'init';
  cwd: string;
  model: string;
  tools: string[];
  mcp_servers: Array<{ name: string; status: string }>;
  permissionMode: PermissionMode;
  apiKeySource: string;
  slash_commands: string[];
  output_style: string;
  /** The session's plugins (Claude Code's field). */
  plugins: Array<{ name: string; path: string }>;
  wright_version: string;
}

export interface AssistantEvent extends Envelope {
  type: 'assistant';
  message: AssistantMessage;
  parent_tool_use_id: string | null;
}

export interface UserEvent extends Envelope {
  type: 'user';
  message: Message;
  parent_tool_use_id: string | null;
  tool_use_result?: unknown;
}

export interface PartialMessageEvent extends Envelope {
  type: 'stream_event';
  event: StreamEvent;
  parent_tool_use_id: string | null;
}

export interface ApiRetryEvent extends Envelope {
  type: 'system';
  subtype: 'api_retry';
  attempt: number;
  max_retries: number;
  retry_delay_ms: number;
  error_status: number | null;
  error: string;
}

/** A tool call is about to run (after permission); front ends show progress with it. */
export interface ToolStartEvent extends Envelope {
  type: 'system';
  subtype: 'tool_start';
  tool_use_id: string;
  tool_name: string;
  tool_input: Record<string, unknown>;
}

/** Something the agent is busy with besides answering (Claude Code's `status` message); null when done. */
export interface StatusEvent extends Envelope {
  type: 'system';
  subtype: 'status';
  status: 'compacting' | null;
}

/** The conversation before this point was replaced by a summary. */
export interface CompactBoundaryEvent extends Envelope {
  type: 'system';
  subtype: 'compact_boundary';
  compact_metadata: {
    trigger: 'manual' | 'auto';
    /** Estimated input tokens of the conversation before and after. */
    pre_tokens: number;
    post_tokens: number;
  };
}

/** Compaction did not work; after repeated failures auto-compaction stops for the session. */
export interface CompactFailedEvent extends Envelope {
  type: 'system';
  subtype: 'compact_failed';
  trigger: 'manual' | 'auto';
  error: string;
  auto_compact_disabled: boolean;
}

/** What a hook wants the user to see: a systemMessage, an error, a warning; `verbose` is plain output. */
export interface HookMessageEvent extends Envelope {
  type: 'system';
  subtype: 'hook_message';
  hook_event: string;
  level: 'info' | 'warning' | 'error' | 'verbose';
  message: string;
  /** The command (or prompt) of the hook. */
  hook?: string;
}

export interface PermissionDenial {
  tool_name: string;
  tool_use_id: string;
  tool_input: Record<string, unknown>;
}

export type ResultSubtype =
  | 'success'
  | 'error_max_turns'
  | 'error_max_budget_usd'
  | 'error_during_execution';

export interface ModelUsageEntry {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  cacheCreationInputTokens: number;
  costUSD: number;
}

export interface ResultEvent extends Envelope {
  type: 'result';
  subtype: ResultSubtype;
  is_error: boolean;
  duration_ms: number;
  duration_api_ms: number;
  num_turns: number;
  /** The final assistant text (success), or the last text there was. */
  result: string;
  stop_reason: string | null;
  total_cost_usd: number;
  usage: Usage;
  modelUsage: Record<string, ModelUsageEntry>;
  permission_denials: PermissionDenial[];
  /** Why the run failed, for error subtypes. */
  errors?: string[];
  /** True when the run ended because the caller aborted it (SIGINT). */
  interrupted?: boolean;
  /** The `/context` command's figures: the context window's use by category. */
  context_usage?: {
    categories: Array<{ name: string; tokens: number }>;
    used_tokens: number;
    context_window: number;
    percent_used: number;
  };
}

export type AgentEvent =
  | InitEvent
  | AssistantEvent
  | UserEvent
  | PartialMessageEvent
  | ApiRetryEvent
  | ToolStartEvent
  | StatusEvent
  | CompactBoundaryEvent
  | CompactFailedEvent
  | HookMessageEvent
  | ResultEvent;
