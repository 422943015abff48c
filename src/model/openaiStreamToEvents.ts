// Turns an OpenAI Chat Completions chunk stream into the same Anthropic-shaped events the Anthropic
// adapter yields. Written for the looser OpenAI-compatible servers too (Ollama, vLLM, LM Studio,
// llama.cpp): ids and usage may be missing, tool-call chunks after the first may carry no id, an
// older server may reuse index 0 for every call, and reasoning arrives as `reasoning_content` or
// `reasoning`.
import { randomUUID } from 'node:crypto';
import { MalformedStreamError } from './messageAssembler.js';
import type { StopReason, StreamEvent, Usage } from './types.js';

interface ChunkToolCall {
  index?: number;
  id?: string | null;
  function?: { name?: string | null; arguments?: unknown } | null;
}

interface Chunk {
  id?: string | null;
  model?: string | null;
  choices?: Array<{
    index?: number;
    delta?: {
      content?: string | null;
      refusal?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      tool_calls?: ChunkToolCall[] | null;
    } | null;
    finish_reason?: string | null;
  }> | null;
  usage?: {
    prompt_tokens?: number | null;
    completion_tokens?: number | null;
    prompt_tokens_details?: { cached_tokens?: number | null } | null;
  } | null;
}

type OpenBlock = { kind: 'text' | 'thinking'; index: number } | { kind: 'tool_use'; index: number; key: string };

export class OpenAIStreamTranslator {
  private started = false;
  private nextIndex = 0;
  private open: OpenBlock | null = null;
  private readonly toolCalls = new Map<string, { id: string; fromServer: boolean; blockIndex: number }>();
  private finishReason: string | null = null;
  private usage: Chunk['usage'] = null;

  constructor(private readonly requestedModel: string) {}

  accept(raw: unknown): StreamEvent[] {
    const chunk = raw as Chunk;
    const events: StreamEvent[] = [];
    if (!this.started) {
      this.started = true;
      events.push(this.messageStart(chunk));
    }
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.find((candidate) => (candidate.index ?? 0) === 0);
    if (!choice) return events;

    const delta = choice.delta ?? {};
    const reasoning = delta.reasoning_content || delta.reasoning;
    if (reasoning) {
      this.ensureOpen('thinking', events);
      events.push({ type: 'content_block_delta', index: this.nextIndex - 1, delta: { type: 'thinking_delta', thinking: reasoning } });
    }
    const text = delta.content || delta.refusal;
    if (text) {
      this.ensureOpen('text', events);
      events.push({ type: 'content_block_delta', index: this.nextIndex - 1, delta: { type: 'text_delta', text } });
    }
    for (const call of delta.tool_calls ?? []) this.acceptToolCall(call, events);
    if (choice.finish_reason) {
      this.finishReason = choice.finish_reason;
      this.closeOpen(events);
    }
    return events;
  }

  /**
   * The closing events once the stream ended. Without a finish reason the response was cut off, so
   * nothing is emitted and the missing `message_stop` marks the attempt as incomplete.
   */
  finish(): StreamEvent[] {
    if (!this.started || this.finishReason === null) return [];
    const events: StreamEvent[] = [];
    this.closeOpen(events);
    events.push(
      {
        type: 'message_delta',
        delta: { stop_reason: mapFinishReason(this.finishReason, this.toolCalls.size > 0), stop_sequence: null },
        usage: toUsage(this.usage),
      },
      { type: 'message_stop' },
    );
    return events;
  }

  private messageStart(chunk: Chunk): StreamEvent {
    return {
      type: 'message_start',
      message: {
        id: chunk.id || `msg_${randomUUID().replaceAll('-', '')}`,
        type: 'message',
        role: 'assistant',
        model: chunk.model || this.requestedModel,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    };
  }

  private acceptToolCall(call: ChunkToolCall, events: StreamEvent[]): void {
    const openTool = this.open?.kind === 'tool_use' ? this.open : null;
    const key = call.index !== undefined ? String(call.index) : call.id ? `id:${call.id}` : (openTool?.key ?? '0');
    const known = this.toolCalls.get(key);
    // A new id under a known index is a new call from a server that numbers every call 0.
    const isNewCall = !known || (Boolean(call.id) && known.fromServer && call.id !== known.id);
    if (isNewCall) {
      this.closeOpen(events);
      const id = call.id || `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      const index = this.nextIndex++;
      this.toolCalls.set(key, { id, fromServer: Boolean(call.id), blockIndex: index });
      this.open = { kind: 'tool_use', index, key };
      events.push({
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id, name: call.function?.name ?? '', input: {} },
      });
    } else if (openTool?.key !== key) {
      throw new MalformedStreamError(`arguments for tool call ${key} arrived after that call had ended`);
    }
    const args = call.function?.arguments;
    const fragment = typeof args === 'string' ? args : args != null ? JSON.stringify(args) : '';
    if (fragment) {
      events.push({
        type: 'content_block_delta',
        index: this.toolCalls.get(key)!.blockIndex,
        delta: { type: 'input_json_delta', partial_json: fragment },
      });
    }
  }

  private ensureOpen(kind: 'text' | 'thinking', events: StreamEvent[]): void {
    if (this.open?.kind === kind) return;
    this.closeOpen(events);
    const index = this.nextIndex++;
    this.open = { kind, index };
    events.push({
      type: 'content_block_start',
      index,
      content_block: kind === 'text' ? { type: 'text', text: '' } : { type: 'thinking', thinking: '', signature: '' },
    });
  }

  private closeOpen(events: StreamEvent[]): void {
    if (!this.open) return;
    events.push({ type: 'content_block_stop', index: this.open.index });
    this.open = null;
  }
}

export function mapFinishReason(reason: string, usedTools: boolean): StopReason {
  switch (reason) {
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'refusal';
    default:
      // Some local servers finish a tool-calling turn with 'stop'.
      return usedTools ? 'tool_use' : 'end_turn';
  }
}

/** OpenAI counts cached tokens inside `prompt_tokens`; Anthropic counts them apart from `input_tokens`. */
export function toUsage(usage: Chunk['usage']): Usage {
  const prompt = usage?.prompt_tokens ?? 0;
  const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    input_tokens: Math.max(0, prompt - cached),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: cached,
  };
}
