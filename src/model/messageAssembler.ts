// Rebuilds the complete assistant message from the stream events of one response, the way the
// Anthropic API would have returned it without streaming.
import {
  emptyUsage,
  type AssistantMessage,
  type ContentBlock,
  type ServerToolUseBlock,
  type StreamEvent,
  type ToolUseBlock,
  type Usage,
  type WebSearchToolResultBlock,
} from './types.js';

/** The stream broke the protocol (bad order, unknown block, tool input that is not a JSON object). */
export class MalformedStreamError extends Error {
  override readonly name = 'MalformedStreamError';
}

type OpenBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | OpenCall
  | { type: 'complete'; block: WebSearchToolResultBlock };

/** A tool call whose input still arrives as JSON fragments. */
type OpenCall = { type: 'tool_use' | 'server_tool_use'; id: string; name: string; json: string };

export class MessageAssembler {
  private message: AssistantMessage | null = null;
  private readonly open = new Map<number, OpenBlock>();
  private readonly finished = new Map<number, ContentBlock>();
  private stopped = false;

  /** True once `message_stop` arrived. */
  get complete(): boolean {
    return this.stopped;
  }

  apply(event: StreamEvent): void {
    if (event.type === 'message_start') {
      this.start(event.message);
      return;
    }
    const message = this.message;
    if (!message) throw new MalformedStreamError(`'${event.type}' arrived before 'message_start'`);
    switch (event.type) {
      case 'content_block_start':
        if (this.open.has(event.index) || this.finished.has(event.index)) {
          throw new MalformedStreamError(`content block ${event.index} started twice`);
        }
        this.open.set(event.index, openBlockFrom(event.content_block));
        return;
      case 'content_block_delta':
        applyDelta(this.openBlock(event.index), event.delta);
        return;
      case 'content_block_stop':
        this.finished.set(event.index, closeBlock(this.openBlock(event.index)));
        this.open.delete(event.index);
        return;
      case 'message_delta':
        message.stop_reason = event.delta.stop_reason;
        message.stop_sequence = event.delta.stop_sequence ?? null;
        mergeCumulativeUsage(message.usage, event.usage);
        return;
      case 'message_stop':
        this.stopped = true;
        return;
    }
  }

  /** The message as assembled so far; blocks still open are closed as they stand. */
  result(): AssistantMessage {
    if (!this.message) throw new MalformedStreamError('the stream ended before message_start');
    const blocks = new Map(this.finished);
    for (const [index, block] of this.open) blocks.set(index, closeBlock(block));
    const content = [...blocks.entries()].sort(([a], [b]) => a - b).map(([, block]) => block);
    return { ...this.message, content, usage: { ...this.message.usage } };
  }

  private start(started: AssistantMessage): void {
    this.open.clear();
    this.finished.clear();
    this.stopped = false;
    const usage = emptyUsage();
    mergeCumulativeUsage(usage, started.usage ?? {});
    this.message = {
      id: started.id,
      type: 'message',
      role: 'assistant',
      model: started.model,
      content: [],
      stop_reason: started.stop_reason ?? null,
      stop_sequence: started.stop_sequence ?? null,
      usage,
    };
  }

  private openBlock(index: number): OpenBlock {
    const block = this.open.get(index);
    if (!block) throw new MalformedStreamError(`content block ${index} is not open`);
    return block;
  }
}

function openBlockFrom(block: Extract<StreamEvent, { type: 'content_block_start' }>['content_block']): OpenBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text ?? '' };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
    case 'server_tool_use': {
      // The start event carries `input: {}`; the real input follows as JSON fragments.
      const preset = block.input && Object.keys(block.input).length > 0 ? JSON.stringify(block.input) : '';
      return { type: block.type, id: block.id, name: block.name, json: preset };
    }
    case 'web_search_tool_result':
      // Arrives whole in its start event; no deltas follow.
      return { type: 'complete', block };
  }
}

function applyDelta(block: OpenBlock, delta: Extract<StreamEvent, { type: 'content_block_delta' }>['delta']): void {
  if (delta.type === 'text_delta' && block.type === 'text') {
    block.text += delta.text;
  } else if (delta.type === 'thinking_delta' && block.type === 'thinking') {
    block.thinking += delta.thinking;
  } else if (delta.type === 'signature_delta' && block.type === 'thinking') {
    block.signature += delta.signature;
  } else if (delta.type === 'input_json_delta' && (block.type === 'tool_use' || block.type === 'server_tool_use')) {
    block.json += delta.partial_json;
  } else {
    throw new MalformedStreamError(`a ${delta.type} arrived for a ${block.type} block`);
  }
}

function closeBlock(block: OpenBlock): ContentBlock {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'thinking':
      return { type: 'thinking', thinking: block.thinking, signature: block.signature };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: block.data };
    case 'tool_use':
      return toolUseFrom(block);
    case 'server_tool_use':
      return serverToolUseFrom(block);
    case 'complete':
      return block.block;
  }
}

/** The provider ran this call already, so unreadable input is only kept as `{}`. */
function serverToolUseFrom(block: OpenCall): ServerToolUseBlock {
  let input: Record<string, unknown> = {};
  try {
    input = parseToolInput(block.name, block.json);
  } catch {
    // Keep the block: the results that follow it are still worth reading.
  }
  return { type: 'server_tool_use', id: block.id, name: block.name, input };
}

const invalidToolInputs = new WeakMap<ToolUseBlock, string>();

/**
 * A tool call whose input is not a JSON object (cut off by the output token limit, or a local model's
 * slip) is kept with an empty input rather than failing the response: retrying would only produce
 * the same text again. The raw text is remembered so the agent can tell the model what went wrong.
 */
function toolUseFrom(block: OpenCall): ToolUseBlock {
  try {
    return { type: 'tool_use', id: block.id, name: block.name, input: parseToolInput(block.name, block.json) };
  } catch {
    const use: ToolUseBlock = { type: 'tool_use', id: block.id, name: block.name, input: {} };
    invalidToolInputs.set(use, block.json);
    return use;
  }
}

/** The raw input text of a tool call whose input could not be read as a JSON object. */
export function invalidToolInput(use: ToolUseBlock): string | undefined {
  return invalidToolInputs.get(use);
}

export function parseToolInput(toolName: string, json: string): Record<string, unknown> {
  if (json.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new MalformedStreamError(`the input for tool '${toolName}' is not valid JSON: ${abbreviate(json)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedStreamError(`the input for tool '${toolName}' is not a JSON object: ${abbreviate(json)}`);
  }
  return value as Record<string, unknown>;
}

/** Usage numbers in `message_delta` are running totals, so each one present replaces the old. */
function mergeCumulativeUsage(target: Usage, update: Partial<Usage>): void {
  for (const key of Object.keys(target) as Array<keyof Usage>) {
    const value = update[key];
    if (typeof value === 'number' && Number.isFinite(value)) target[key] = value;
  }
}

function abbreviate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
