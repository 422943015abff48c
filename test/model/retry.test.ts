import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderEndpoint } from '../../src/model/providerErrors.js';
import { streamWithRetry, type RetryingStreamOptions } from '../../src/model/retry.js';
import { ModelError, type RetryNotice, type StreamEvent } from '../../src/model/types.js';

const endpoint: ProviderEndpoint = { label: 'Anthropic API', credentialSource: 'ANTHROPIC_API_KEY', credentialHint: 'ANTHROPIC_API_KEY' };

const reply = (text: string): StreamEvent[] => [
  {
    type: 'message_start',
    message: {
      id: `msg_${text}`,
      type: 'message',
      role: 'assistant',
      model: 'm',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 1, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 2 } },
  { type: 'message_stop' },
];

const overloaded = () => Anthropic.APIError.generate(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined, new Headers());

/** Resolves when `signal` aborts, even if it already has. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });

type Step = StreamEvent[] | { events?: StreamEvent[]; error?: unknown; hang?: boolean };

/** An attempt function that plays one scripted step per call. */
function scripted(steps: Step[]): { attempt: RetryingStreamOptions['attempt']; calls: () => number } {
  let call = 0;
  return {
    calls: () => call,
    attempt: async function* (signal) {
      const step = steps[call++] ?? [];
      const { events = [], error, hang } = Array.isArray(step) ? { events: step } : step;
      for (const event of events) yield event;
      if (hang) {
        await untilAborted(signal);
        return;
      }
      if (error) throw error;
    },
  };
}

function run(steps: Step[], overrides: Partial<RetryingStreamOptions> = {}) {
  const script = scripted(steps);
  const notices: RetryNotice[] = [];
  const sleeps: number[] = [];
  const stream = streamWithRetry({
    endpoint,
    maxRetries: 10,
    idleTimeoutMs: 60_000,
    dependencies: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    onRetry: (notice) => notices.push(notice),
    attempt: script.attempt,
    ...overrides,
  });
  return { stream, notices, sleeps, calls: script.calls };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe('streamWithRetry', () => {
  it('streams a successful attempt and resolves final()', async () => {
    const { stream, notices } = run([reply('hi')]);
    assert.equal((await collect(stream)).length, 6);
    const message = await stream.final();
    assert.deepEqual(message.content, [{ type: 'text', text: 'hi' }]);
    assert.equal(message.usage.output_tokens, 2);
    assert.deepEqual(notices, []);
  });

  it('retries a retryable failure, tells onRetry first, and restarts from message_start', async () => {
    const { stream, notices, sleeps, calls } = run([{ events: reply('partial').slice(0, 3), error: overloaded() }, reply('whole')]);
    const events = await collect(stream);
    assert.equal(calls(), 2);
    assert.deepEqual(
      events.filter((event) => event.type === 'message_start').map((event) => event.type === 'message_start' && event.message.id),
      ['msg_partial', 'msg_whole'],
    );
    assert.deepEqual((await stream.final()).content, [{ type: 'text', text: 'whole' }]);
    assert.deepEqual(notices, [
      { attempt: 1, maxRetries: 10, delayMs: 250, errorStatus: 529, error: 'overloaded', message: 'Anthropic API returned 529 overloaded_error: Overloaded' },
    ]);
    assert.deepEqual(sleeps, [250]);
  });

  it('backs off exponentially across retries', async () => {
    const { stream, sleeps } = run([{ error: overloaded() }, { error: overloaded() }, { error: overloaded() }, reply('ok')]);
    await stream.final();
    assert.deepEqual(sleeps, [250, 500, 1000]);
  });

  it('gives up after maxRetries with a clear error', async () => {
    const { stream, notices, calls } = run(Array.from({ length: 5 }, () => ({ error: overloaded() })), { maxRetries: 3 });
    await assert.rejects(stream.final(), (error: unknown) => {
      assert.ok(error instanceof ModelError);
      assert.equal(error.kind, 'overloaded');
      assert.equal(error.status, 529);
      assert.equal(error.message, 'Anthropic API returned 529 overloaded_error: Overloaded (after 3 retries)');
      return true;
    });
    assert.equal(calls(), 4);
    assert.deepEqual(notices.map((notice) => notice.attempt), [1, 2, 3]);
  });

  it('fails at once on a client error', async () => {
    const badRequest = Anthropic.APIError.generate(400, { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long' } }, undefined, new Headers());
    const { stream, notices, calls } = run([{ error: badRequest }, reply('never')]);
    await assert.rejects(collect(stream), { name: 'ModelError', kind: 'invalid_request', message: 'Anthropic API returned 400 invalid_request_error: prompt is too long' });
    assert.equal(calls(), 1);
    assert.deepEqual(notices, []);
  });

  it('treats a stream that ends before message_stop as a lost connection', async () => {
    const { stream, notices } = run([reply('cut').slice(0, 4), reply('ok')]);
    await stream.final();
    assert.equal(notices[0]?.error, 'connection_error');
    assert.match(notices[0]?.message ?? '', /closed the stream before the response was complete/);
  });

  it('retries a broken event order as a malformed response', async () => {
    const broken: StreamEvent[] = [reply('x')[0]!, { type: 'content_block_stop', index: 4 }];
    const { stream, notices } = run([broken, reply('ok')]);
    await stream.final();
    assert.equal(notices[0]?.error, 'malformed_response');
  });

  it('abandons an attempt that stalls for idleTimeoutMs and retries it', async () => {
    const { stream, notices } = run([{ events: reply('slow').slice(0, 2), hang: true }, reply('ok')], { idleTimeoutMs: 30 });
    assert.deepEqual((await stream.final()).content, [{ type: 'text', text: 'ok' }]);
    assert.equal(notices[0]?.error, 'stream_stalled');
    assert.equal(notices[0]?.message, 'Anthropic API sent no data for 0 s');
  });

  it('stops with an aborted error when the signal aborts during the backoff wait', async () => {
    const controller = new AbortController();
    const { stream, calls } = run([{ error: overloaded() }, reply('never')], {
      signal: controller.signal,
      dependencies: {
        random: () => 0,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
            controller.abort();
          }),
      },
    });
    await assert.rejects(stream.final(), { name: 'ModelError', kind: 'aborted' });
    assert.equal(calls(), 1);
  });

  it('stops with an aborted error when the signal aborts mid-stream, without retrying', async () => {
    const controller = new AbortController();
    const { stream, notices, calls } = run([{ events: reply('x').slice(0, 2), hang: true }], { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    await assert.rejects(stream.final(), { kind: 'aborted' });
    assert.equal(calls(), 1);
    assert.deepEqual(notices, []);
  });

  it('aborts the attempt when the consumer stops iterating', async () => {
    let aborted = false;
    const stream = streamWithRetry({
      endpoint,
      maxRetries: 10,
      idleTimeoutMs: 60_000,
      dependencies: { sleep: async () => {}, random: () => 0 },
      attempt: async function* (signal) {
        yield reply('x')[0]!;
        await untilAborted(signal);
        aborted = signal.aborted;
      },
    });
    for await (const _ of stream) break;
    await assert.rejects(stream.final(), { kind: 'aborted' });
    assert.equal(aborted, true);
  });
});
