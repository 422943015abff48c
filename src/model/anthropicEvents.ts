// Normalises the Anthropic SDK's raw stream events to our StreamEvent: fields we do not model are
// dropped, and blocks of kinds we do not model (code execution, MCP connector results…) are skipped
// whole, deltas and stop included, so the rest of the message still assembles.
import type { AssistantMessage, StopReason, StreamEvent, Usage, WebSearchResult, WebSearchToolResultBlock } from './types.js';

type RawEvent = { type?: unknown; [field: string]: unknown };

const USAGE_FIELDS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;

/** Returns a normaliser for one response; it remembers which block indices it skipped. */
export function createAnthropicEventNormaliser(): (raw: unknown) => StreamEvent | null {
  const skipped = new Set<number>();
  return (raw) => {
    const event = raw as RawEvent;
    switch (event.type) {
      case 'message_start':
        skipped.clear();
        return { type: 'message_start', message: normaliseMessage(event['message']) };
      case 'content_block_start': {
        const index = Number(event['index']);
        const block = normaliseStartBlock(event['content_block']);
        if (!block) {
          skipped.add(index);
          return null;
        }
        return { type: 'content_block_start', index, content_block: block };
      }
      case 'content_block_delta': {
        const index = Number(event['index']);
        const delta = normaliseDelta(event['delta']);
        return delta && !skipped.has(index) ? { type: 'content_block_delta', index, delta } : null;
      }
      case 'content_block_stop': {
        const index = Number(event['index']);
        return skipped.has(index) ? null : { type: 'content_block_stop', index };
      }
      case 'message_delta': {
        const delta = (event['delta'] ?? {}) as { stop_reason?: StopReason | null; stop_sequence?: string | null };
        return {
          type: 'message_delta',
          delta: { stop_reason: delta.stop_reason ?? null, stop_sequence: delta.stop_sequence ?? null },
          usage: pickUsage(event['usage']),
        };
      }
      case 'message_stop':
        return { type: 'message_stop' };
      default:
        return null;
    }
  };
}

function normaliseMessage(raw: unknown): AssistantMessage {
  const message = (raw ?? {}) as Partial<AssistantMessage> & { usage?: unknown };
  return {
    id: message.id ?? '',
    type: 'message',
    role: 'assistant',
    model: message.model ?? '',
    content: [],
    stop_reason: message.stop_reason ?? null,
    stop_sequence: message.stop_sequence ?? null,
    usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, ...pickUsage(message.usage) },
  };
}

function normaliseStartBlock(raw: unknown): Extract<StreamEvent, { type: 'content_block_start' }>['content_block'] | null {
  const block = (raw ?? {}) as Record<string, unknown>;
  switch (block['type']) {
    case 'text':
      return { type: 'text', text: String(block['text'] ?? '') };
    case 'thinking':
      return { type: 'thinking', thinking: String(block['thinking'] ?? ''), signature: String(block['signature'] ?? '') };
    case 'redacted_thinking':
      return { type: 'redacted_thinking', data: String(block['data'] ?? '') };
    case 'tool_use':
    case 'server_tool_use':
      return {
        type: block['type'],
        id: String(block['id'] ?? ''),
        name: String(block['name'] ?? ''),
        input: (block['input'] ?? {}) as Record<string, unknown>,
      };
    case 'web_search_tool_result':
      return { type: 'web_search_tool_result', tool_use_id: String(block['tool_use_id'] ?? ''), content: webSearchContent(block['content']) };
    default:
      return null;
  }
}

/** The results (kept field for field: continuing a conversation must send them back), or the error. */
function webSearchContent(raw: unknown): WebSearchToolResultBlock['content'] {
  if (!Array.isArray(raw)) {
    const error = (raw ?? {}) as Record<string, unknown>;
    return { type: 'web_search_tool_result_error', error_code: String(error['error_code'] ?? 'unknown') };
  }
  return raw.map((item): WebSearchResult => {
    const result = (item ?? {}) as Record<string, unknown>;
    const pageAge = result['page_age'];
    return {
      type: 'web_search_result',
      url: String(result['url'] ?? ''),
      title: String(result['title'] ?? ''),
      ...(typeof pageAge === 'string' ? { page_age: pageAge } : {}),
      encrypted_content: String(result['encrypted_content'] ?? ''),
    };
  });
}

function normaliseDelta(raw: unknown): Extract<StreamEvent, { type: 'content_block_delta' }>['delta'] | null {
  const delta = (raw ?? {}) as Record<string, unknown>;
  switch (delta['type']) {
    case 'text_delta':
      return { type: 'text_delta', text: String(delta['text'] ?? '') };
    case 'input_json_delta':
      return { type: 'input_json_delta', partial_json: String(delta['partial_json'] ?? '') };
    case 'thinking_delta':
      return { type: 'thinking_delta', thinking: String(delta['thinking'] ?? '') };
    case 'signature_delta':
      return { type: 'signature_delta', signature: String(delta['signature'] ?? '') };
    default:
      return null;
  }
}

/** The four counters we track, leaving out the ones the server sent as null or not at all. */
function pickUsage(raw: unknown): Partial<Usage> {
  const usage = (raw ?? {}) as Record<string, unknown>;
  const picked: Partial<Usage> = {};
  for (const field of USAGE_FIELDS) {
    const value = usage[field];
    if (typeof value === 'number' && Number.isFinite(value)) picked[field] = value;
  }
  return picked;
}
