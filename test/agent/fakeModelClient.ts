// An in-process ModelClient for unit tests of the query loop: each call plays the next scripted
// response as Anthropic-shaped stream events. End-to-end tests use the HTTP scripted server instead.
import { EventStream } from '../../src/model/eventStream.js';
import {
  emptyUsage,
  ModelError,
  type AssistantMessage,
  type ContentBlock,
  type ModelClient,
  type ModelRequest,
  type ModelResponseStream,
  type StreamEvent,
} from '../../src/model/types.js';

export type FakeResponse =
  | { content: ContentBlock[]; usage?: Partial<AssistantMessage['usage']>; holdUntilAborted?: boolean }
  | { error: ModelError };

export class FakeModelClient implements ModelClient {
  readonly provider = 'anthropic' as const;
  readonly requests: ModelRequest[] = [];

  constructor(private readonly responses: FakeResponse[]) {}

  stream(request: ModelRequest): ModelResponseStream {
    this.requests.push(structuredClone({ ...request, signal: undefined }));
    const next = this.responses.shift();
    const stream = new EventStream<StreamEvent, AssistantMessage>();
    queueMicrotask(() => play(stream, next, request.signal));
    return stream;
  }
}

function play(stream: EventStream<StreamEvent, AssistantMessage>, response: FakeResponse | undefined, signal?: AbortSignal): void {
  if (!response) return stream.fail(new ModelError('invalid_request', 'fake model: no response scripted'));
  if ('error' in response) return stream.fail(response.error);
  const message: AssistantMessage = {
    id: `msg_${Math.random().toString(36).slice(2)}`,
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-5-5',
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...emptyUsage(), ...response.usage },
  };
  stream.push({ type: 'message_start', message: { ...message } });
  response.content.forEach((block, index) => {
    if (block.type === 'text') {
      stream.push({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } });
      stream.push({ type: 'content_block_delta', index, delta: { type: 'text_delta', text: block.text } });
      stream.push({ type: 'content_block_stop', index });
    }
  });
  if (response.holdUntilAborted) {
    const abort = () => stream.fail(new ModelError('aborted', 'Request was aborted.'));
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    return;
  }
  const stopReason = response.content.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
  stream.push({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: {} });
  stream.push({ type: 'message_stop' });
  stream.end({ ...message, content: response.content, stop_reason: stopReason });
}
