// Renders scripted replies in the Anthropic Messages wire format: the SSE event sequence the real
// API streams (message_start, ping, per-block start/delta/stop, message_delta, message_stop) or
// one message object, plus Anthropic's error bodies.
import type { AssistantMessage, ContentBlock, StreamEvent, Usage } from '../../../src/model/types.js';
import type { SseEvent } from './http.js';
import { validateAnthropicRequest } from './requestValidation.js';
import { randomId, splitIntoChunks, type ResolvedBlock, type ResolvedReply } from './resolvedReply.js';
import { sseErrorMessages, type ProtocolWire, type RenderContext, type SseErrorType, type WireError } from './wire.js';

const errorTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The `ping` event is not part of StreamEvent (clients skip it) but the real API sends it. */
type WireEvent = StreamEvent | { type: 'ping' } | { type: 'error'; error: { type: string; message: string } };

const sse = (event: WireEvent): SseEvent => ({ event: event.type, data: JSON.stringify(event) });

function startingMessage(context: RenderContext, usage: Usage): AssistantMessage {
  return {
    id: randomId('msg_'),
    type: 'message',
    role: 'assistant',
    model: context.model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    // The real API reports the prompt up front and a token or so of output until message_delta.
    usage: { ...usage, output_tokens: Math.min(1, usage.output_tokens) },
  };
}

function blockEvents(block: ResolvedBlock, index: number): StreamEvent[] {
  const stop: StreamEvent = { type: 'content_block_stop', index };
  switch (block.type) {
    case 'text':
      return [
        { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
        ...splitIntoChunks(block.text).map(
          (text): StreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }),
        ),
        stop,
      ];
    case 'tool_use':
      return [
        { type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } },
        ...splitIntoChunks(block.json, 4).map(
          (partial_json): StreamEvent => ({
            type: 'content_block_delta',
            index,
            delta: { type: 'input_json_delta', partial_json },
          }),
        ),
        stop,
      ];
    case 'thinking':
      return [
        { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } },
        ...splitIntoChunks(block.thinking).map(
          (thinking): StreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }),
        ),
        { type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } },
        stop,
      ];
    case 'server_tool_use':
      return [
        { type: 'content_block_start', index, content_block: { type: 'server_tool_use', id: block.id, name: block.name, input: {} } },
        ...splitIntoChunks(block.json, 2).map(
          (partial_json): StreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }),
        ),
        stop,
      ];
    case 'web_search_tool_result':
      // The real API sends the whole result in the start event and no deltas.
      return [{ type: 'content_block_start', index, content_block: { ...block } }, stop];
  }
}

const promptOnlyUsage = (context: RenderContext): Usage => ({
  input_tokens: context.inputTokens,
  output_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

/** A non-streamed reply carries the input as an object; `json` is only the streamed text form. */
const toContentBlock = (block: ResolvedBlock): ContentBlock => {
  if (block.type !== 'tool_use' && block.type !== 'server_tool_use') return { ...block };
  const { json: _streamedForm, ...rest } = block;
  return rest;
};

export const anthropicWire: ProtocolWire = {
  protocol: 'anthropic',
  toolIdPrefix: 'toolu_',
  requestIdHeader: 'request-id',
  requestIdPrefix: 'req_',

  validate: validateAnthropicRequest,

  errorBody(error: WireError, requestId: string) {
    const type = error.type ?? errorTypeByStatus[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
    return { type: 'error', error: { type, message: error.message }, request_id: requestId };
  },

  streamEvents(reply: ResolvedReply, context: RenderContext): SseEvent[] {
    const events: WireEvent[] = [
      { type: 'message_start', message: startingMessage(context, reply.usage) },
      { type: 'ping' },
      ...reply.blocks.flatMap(blockEvents),
      {
        type: 'message_delta',
        delta: { stop_reason: reply.stopReason, stop_sequence: null },
        usage: { ...reply.usage },
      },
      { type: 'message_stop' },
    ];
    return events.map(sse);
  },

  messageJson(reply: ResolvedReply, context: RenderContext): AssistantMessage {
    return {
      ...startingMessage(context, reply.usage),
      content: reply.blocks.map(toContentBlock),
      stop_reason: reply.stopReason,
      usage: reply.usage,
    };
  },

  malformedEvents(context: RenderContext): SseEvent[] {
    return [
      sse({ type: 'message_start', message: startingMessage(context, promptOnlyUsage(context)) }),
      { event: 'content_block_start', data: '{"type":"content_block_start","index":0,"content_block":{"type":"te' },
    ];
  },

  sseErrorEvents(errorType: SseErrorType, context: RenderContext): SseEvent[] {
    return [
      sse({ type: 'message_start', message: startingMessage(context, promptOnlyUsage(context)) }),
      sse({ type: 'error', error: { type: errorType, message: sseErrorMessages[errorType] } }),
    ];
  },
};
