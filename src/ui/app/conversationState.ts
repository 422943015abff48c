// What the conversation view shows, as data: finished items (written once to scrollback through
// Ink's <Static>) and the live region (the message being streamed, the tools still running).
// `applyAgentEvent` is a pure reducer from one AgentEvent to the next state.
// Only the latest finished items are kept: once written, the scrollback shows them, and the session's
// whole content stays in the agent's history and the transcript on disk. So the state of a long session
// does not grow with its length.
import type { TodoItem } from '../../tools/types.js';
import type { AgentEvent } from '../../agent/events.js';
import { splitStableMarkdown } from '../markdown/splitStableMarkdown.js';
import type { ContentBlock, ToolResultBlock, ToolUseBlock, Usage } from '../../model/types.js';

export type ToolStatus = 'running' | 'done' | 'error' | 'interrupted';

export type ConversationItem =
  | { kind: 'user'; id: string; text: string }
  /** `continued`: a later part of an answer whose earlier blocks were written while it streamed. */
  | { kind: 'assistant'; id: string; text: string; continued?: boolean }
  | { kind: 'thinking'; id: string; text: string }
  | {
      kind: 'tool';
      id: string;
      name: string;
      input: Record<string, unknown>;
      status: ToolStatus;
      startedAt: number;
      durationMs?: number;
      result?: ToolResultBlock['content'];
    }
  | { kind: 'notice'; id: string; text: string; tone: 'info' | 'warning' | 'error' };

export type ToolItem = Extract<ConversationItem, { kind: 'tool' }>;

/** An item before it has an id. */
type NewItem = ConversationItem extends infer Item ? (Item extends ConversationItem ? Omit<Item, 'id'> : never) : never;

/** A block of the response being streamed. */
export interface StreamingBlock {
  kind: 'text' | 'thinking';
  text: string;
  /**
   * How much of `text` is already finished: complete Markdown blocks go to the scrollback as they
   * arrive, so only the block still being written stays in the live region.
   */
  committed: number;
}

/** How many finished items the state keeps (the view writes new ones at once; Ctrl+O looks for the latest tool). */
export const FINISHED_KEPT = 100;

export interface ConversationState {
  /** The latest finished items, at most FINISHED_KEPT, oldest first. */
  finished: ConversationItem[];
  /** How many items have finished in all: the view tells new ones from those it has written by it. */
  finishedCount: number;
  /** The response being streamed, by content-block index. */
  streaming: StreamingBlock[];
  running: ToolItem[];
  /** Output tokens of the current run (estimated from streamed characters until the usage arrives). */
  outputTokens: number;
  /** The estimated part of `outputTokens`: the response still streaming. */
  estimatedTokens: number;
  /** Input plus cache tokens of the last response: how much of the context window is in use. */
  contextTokens: number;
  costUsd: number;
  nextId: number;
  /** The todo list as TodoWrite last set it (Ctrl+T shows it). */
  todos: TodoItem[];
  /** What the agent is busy with besides answering (the spinner says so). */
  activity: 'compacting' | null;
}

export const emptyConversation = (): ConversationState => ({
  finished: [],
  finishedCount: 0,
  streaming: [],
  running: [],
  outputTokens: 0,
  estimatedTokens: 0,
  contextTokens: 0,
  costUsd: 0,
  nextId: 1,
  todos: [],
  activity: null,
});

const CHARS_PER_TOKEN = 4;

function appendFinished(state: ConversationState, ...items: NewItem[]): ConversationState {
  let nextId = state.nextId;
  const added = items.map((item) => ({ ...item, id: `item-${nextId++}` }) as ConversationItem);
  return withFinished({ ...state, nextId }, added);
}

function withFinished(state: ConversationState, added: ConversationItem[]): ConversationState {
  if (added.length === 0) return state;
  const finished = [...state.finished, ...added];
  return {
    ...state,
    finished: finished.length > FINISHED_KEPT ? finished.slice(finished.length - FINISHED_KEPT) : finished,
    finishedCount: state.finishedCount + added.length,
  };
}

export function addUserPrompt(state: ConversationState, text: string): ConversationState {
  return appendFinished({ ...state, outputTokens: 0, estimatedTokens: 0 }, { kind: 'user', text });
}

export function addNotice(state: ConversationState, text: string, tone: 'info' | 'warning' | 'error' = 'info'): ConversationState {
  return appendFinished(state, { kind: 'notice', text, tone });
}

export function applyAgentEvent(state: ConversationState, event: AgentEvent, now: number): ConversationState {
  switch (event.type) {
    case 'stream_event':
      return event.parent_tool_use_id === null ? applyStreamEvent(state, event.event) : state;
    case 'assistant':
      return event.parent_tool_use_id === null ? finishResponse(withUsage(state, event.message.usage), event.message.content, now) : state;
    case 'user': {
      const applied = applyToolResults(state, event.message.content, now);
      const todos = todosFrom(event.tool_use_result);
      return todos ? { ...applied, todos } : applied;
    }
    case 'system':
      if (event.subtype === 'api_retry') {
        return addNotice(state, `API error (${event.error_status ?? 'connection'}): retrying in ${Math.round(event.retry_delay_ms / 1000)}s (${event.attempt}/${event.max_retries})`, 'warning');
      }
      if (event.subtype === 'status') return { ...state, activity: event.status };
      if (event.subtype === 'hook_message' && event.level !== 'verbose') {
        return addNotice(state, event.message, event.level === 'info' ? 'info' : event.level);
      }
      if (event.subtype === 'compact_boundary') {
        const { trigger, pre_tokens, post_tokens } = event.compact_metadata;
        const how = trigger === 'auto' ? 'Context was nearly full: compacted the conversation' : 'Compacted the conversation';
        return addNotice({ ...state, contextTokens: post_tokens }, `${how} (${kTokens(pre_tokens)} → ${kTokens(post_tokens)} tokens). Ctrl+O shows the full transcript.`);
      }
      // A manual /compact reports its failure in its result.
      if (event.subtype === 'compact_failed' && event.trigger === 'auto') {
        const off = event.auto_compact_disabled ? ' Auto-compaction is now off for this session: use /compact, or /clear to start afresh.' : '';
        return addNotice(state, `${event.error}${off}`, 'warning');
      }
      return state;
    case 'result':
      return finishRun(state, event, now);
  }
}

function applyStreamEvent(state: ConversationState, event: Extract<AgentEvent, { type: 'stream_event' }>['event']): ConversationState {
  switch (event.type) {
    case 'message_start': {
      const usage = event.message.usage;
      const context = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
      return { ...state, streaming: [], ...(context > 0 ? { contextTokens: context } : {}) };
    }
    case 'content_block_start': {
      const block = event.content_block;
      if (block.type !== 'text' && block.type !== 'thinking') return state;
      const streaming = [...state.streaming];
      streaming[event.index] = { kind: block.type, text: block.type === 'text' ? block.text : block.thinking, committed: 0 };
      return { ...state, streaming };
    }
    case 'content_block_delta': {
      const delta = event.delta;
      const added = delta.type === 'text_delta' ? delta.text : delta.type === 'thinking_delta' ? delta.thinking : undefined;
      const current = state.streaming[event.index];
      if (added === undefined || current === undefined) return state;
      const streaming = [...state.streaming];
      const grown = { ...current, text: current.text + added };
      const stable = grown.kind === 'text' ? splitStableMarkdown(grown.text.slice(grown.committed)).stable : '';
      streaming[event.index] = stable.trim() === '' ? grown : { ...grown, committed: grown.committed + stable.length };
      const estimate = added.length / CHARS_PER_TOKEN;
      const next = { ...state, streaming, outputTokens: state.outputTokens + estimate, estimatedTokens: state.estimatedTokens + estimate };
      return stable.trim() === '' ? next : appendFinished(next, { kind: 'assistant', text: stable.replace(/\s+$/, ''), continued: current.committed > 0 });
    }
    default:
      return state;
  }
}

function withUsage(state: ConversationState, usage: Usage): ConversationState {
  const context = usage.input_tokens + usage.cache_creation_input_tokens + usage.cache_read_input_tokens;
  const counted = usage.output_tokens > 0 ? usage.output_tokens : state.estimatedTokens;
  return {
    ...state,
    outputTokens: state.outputTokens - state.estimatedTokens + counted,
    estimatedTokens: 0,
    ...(context > 0 ? { contextTokens: context } : {}),
  };
}

/** A complete response: its text and thinking become finished items, its tool calls start running. */
function finishResponse(state: ConversationState, content: ContentBlock[], now: number): ConversationState {
  const items: NewItem[] = [];
  const running = [...state.running];
  for (const [index, block] of content.entries()) {
    if (block.type === 'text') {
      // What streaming already wrote to the scrollback is not written again.
      const streamed = state.streaming[index];
      const committed = streamed?.kind === 'text' && block.text.startsWith(streamed.text.slice(0, streamed.committed)) ? streamed.committed : 0;
      const rest = block.text.slice(committed);
      if (rest.trim() !== '') items.push({ kind: 'assistant', text: rest, ...(committed > 0 ? { continued: true } : {}) });
    }
    if (block.type === 'thinking' && block.thinking.trim() !== '') items.push({ kind: 'thinking', text: block.thinking });
    if (block.type === 'tool_use') running.push(toolItem(block, now));
  }
  return appendFinished({ ...state, streaming: [], running }, ...items);
}

function toolItem(block: ToolUseBlock, now: number): ToolItem {
  return { kind: 'tool', id: block.id, name: block.name, input: block.input ?? {}, status: 'running', startedAt: now };
}

function applyToolResults(state: ConversationState, content: ContentBlock[] | string, now: number): ConversationState {
  if (typeof content === 'string') return state;
  let next = state;
  for (const block of content) {
    if (block.type !== 'tool_result') continue;
    const tool = next.running.find((item) => item.id === block.tool_use_id);
    if (!tool) continue;
    const done: ToolItem = {
      ...tool,
      status: block.is_error ? 'error' : 'done',
      durationMs: now - tool.startedAt,
      result: block.content,
    };
    next = withFinished({ ...next, running: next.running.filter((item) => item !== tool) }, [done]);
  }
  return next;
}

function finishRun(state: ConversationState, event: Extract<AgentEvent, { type: 'result' }>, now: number): ConversationState {
  // A partial answer cut short by an interrupt stays on screen, as the agent keeps it in the history.
  const partial = state.streaming
    .filter((block): block is StreamingBlock => block !== undefined && block.text.slice(block.committed).trim() !== '')
    .map((block) =>
      block.kind === 'text'
        ? { kind: 'assistant' as const, text: block.text.slice(block.committed), ...(block.committed > 0 ? { continued: true } : {}) }
        : { kind: 'thinking' as const, text: block.text },
    );
  const stopped = state.running.map((tool): ToolItem => ({ ...tool, status: 'interrupted', durationMs: now - tool.startedAt }));
  let next: ConversationState = {
    ...state,
    streaming: [],
    running: [],
    costUsd: state.costUsd + event.total_cost_usd,
  };
  next = appendFinished(next, ...partial);
  next = withFinished(next, stopped);
  if (event.interrupted) return addNotice(next, 'Interrupted · what do you want to do instead?', 'warning');
  if (event.is_error) return addNotice(next, (event.errors ?? [event.subtype]).join('\n'), 'error');
  return next;
}

const kTokens = (tokens: number) => (tokens >= 1000 ? `${(tokens / 1000).toFixed(1)}k` : String(tokens));

/** TodoWrite's structured result carries the whole new list. */
function todosFrom(result: unknown): TodoItem[] | undefined {
  const todos = (result as { newTodos?: unknown } | undefined)?.newTodos;
  return Array.isArray(todos) ? (todos as TodoItem[]) : undefined;
}
