import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ModelError, type ContentBlock } from '../../src/model/types.js';
import { fault, reply, text, thinking, toolUse } from '../support/script.js';
import { eventTypes, readTool, request, run, startHarness, type Harness } from './adapterHarness.js';

describe('OpenAI-compatible adapter through the real SDK', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness('openai');
  });
  after(() => harness.close());

  it('emits Anthropic-shaped events for reasoning, text and tool calls', async () => {
    harness.server.push(
      reply([thinking('Consider the file.'), text('Reading both.'), toolUse('Read', { file_path: 'a.ts' }, 'call_a'), toolUse('Read', { file_path: 'b.ts' }, 'call_b')], {
        usage: { input_tokens: 30, cache_read_input_tokens: 12, output_tokens: 9 },
      }),
    );
    const { events, message, notices } = await run(harness.client, request());
    assert.deepEqual(notices, []);
    const types = eventTypes(events);
    assert.equal(types[0], 'message_start');
    assert.deepEqual(types.slice(-2), ['message_delta', 'message_stop']);
    assert.deepEqual(
      types.filter((type) => type.startsWith('start:')),
      ['start:thinking', 'start:text', 'start:tool_use', 'start:tool_use'],
    );
    assert.ok(types.includes('delta:input_json_delta'));
    assert.deepEqual(message?.content, [
      { type: 'thinking', thinking: 'Consider the file.', signature: '' },
      { type: 'text', text: 'Reading both.' },
      { type: 'tool_use', id: 'call_a', name: 'Read', input: { file_path: 'a.ts' } },
      { type: 'tool_use', id: 'call_b', name: 'Read', input: { file_path: 'b.ts' } },
    ]);
    assert.equal(message?.stop_reason, 'tool_use');
    assert.equal(message?.model, 'test-model');
    assert.match(message?.id ?? '', /^chatcmpl-/);
    assert.deepEqual(message?.usage, { input_tokens: 30, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 12 });
  });

  it('sends a chat completions request with a system message, function tools and streamed usage', async () => {
    const recorded = harness.server.requests.at(-1)!;
    assert.equal(recorded.protocol, 'openai');
    assert.equal(recorded.headers['authorization'], 'Bearer test-key');
    assert.equal(recorded.body.model, 'test-model');
    assert.equal(recorded.body.stream, true);
    assert.deepEqual(recorded.body.stream_options, { include_usage: true });
    assert.equal(recorded.body.max_tokens, 2048);
    assert.deepEqual(recorded.body.messages, [
      { role: 'system', content: 'You are a test.' },
      { role: 'user', content: 'Read a.ts' },
    ]);
    assert.deepEqual(recorded.body.tools, [
      { type: 'function', function: { name: 'Read', description: 'Reads a file', parameters: readTool.input_schema } },
    ]);
  });

  it('sends tool calls and tool results back as OpenAI messages, leaving thinking behind', async () => {
    const assistant: ContentBlock[] = [
      { type: 'thinking', thinking: 'Consider the file.', signature: '' },
      { type: 'text', text: 'Reading both.' },
      { type: 'tool_use', id: 'call_a', name: 'Read', input: { file_path: 'a.ts' } },
      { type: 'tool_use', id: 'call_b', name: 'Read', input: { file_path: 'b.ts' } },
    ];
    harness.server.push(reply([text('Both are empty.')]));
    const { message } = await run(
      harness.client,
      request({
        messages: [
          { role: 'user', content: 'Read a.ts and b.ts' },
          { role: 'assistant', content: assistant },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'call_b', content: 'B body' },
              { type: 'tool_result', tool_use_id: 'call_a', content: [{ type: 'text', text: 'A body' }] },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(message?.content, [{ type: 'text', text: 'Both are empty.' }]);
    assert.equal(message?.stop_reason, 'end_turn');
    assert.deepEqual(harness.server.requests.at(-1)!.body.messages.slice(1), [
      { role: 'user', content: 'Read a.ts and b.ts' },
      {
        role: 'assistant',
        content: 'Reading both.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'Read', arguments: '{"file_path":"a.ts"}' } },
          { id: 'call_b', type: 'function', function: { name: 'Read', arguments: '{"file_path":"b.ts"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: 'A body' },
      { role: 'tool', tool_call_id: 'call_b', content: 'B body' },
    ]);
  });

  const recoveries = [
    { name: '429 with retry-after', turn: fault({ type: 'status', status: 429, retryAfterSeconds: 3 }), status: 429, error: 'rate_limit', delayMs: 3000 },
    { name: '529', turn: fault({ type: 'status', status: 529 }), status: 529, error: 'overloaded', delayMs: 250 },
    { name: '500', turn: fault({ type: 'status', status: 500 }), status: 500, error: 'server_error', delayMs: 250 },
    { name: 'reset mid-stream', turn: fault({ type: 'reset_mid_stream', afterEvents: 3, reply: reply([text('partial text here')]) }), status: null, error: 'connection_error', delayMs: 250 },
    { name: 'overloaded error chunk', turn: fault({ type: 'sse_error', errorType: 'overloaded_error' }), status: null, error: 'overloaded', delayMs: 250 },
    { name: 'api_error error chunk', turn: fault({ type: 'sse_error', errorType: 'api_error' }), status: null, error: 'server_error', delayMs: 250 },
    { name: 'malformed chunk', turn: fault({ type: 'malformed_event' }), status: null, error: 'malformed_response', delayMs: 250 },
  ];
  for (const recovery of recoveries) {
    it(`recovers from ${recovery.name}`, async () => {
      harness.server.push(recovery.turn, reply([text('Recovered.')]));
      harness.sleeps.length = 0;
      const { message, notices, failure } = await run(harness.client, request());
      assert.equal(failure, null);
      assert.deepEqual(message?.content, [{ type: 'text', text: 'Recovered.' }]);
      assert.equal(notices.length, 1);
      assert.deepEqual(
        { attempt: notices[0]!.attempt, errorStatus: notices[0]!.errorStatus, error: notices[0]!.error, delayMs: notices[0]!.delayMs },
        { attempt: 1, errorStatus: recovery.status, error: recovery.error, delayMs: recovery.delayMs },
      );
      assert.deepEqual(harness.sleeps, [recovery.delayMs]);
      assert.equal(harness.server.remaining(), 0);
    });
  }

  it('recovers from a stall once idleTimeoutMs passes', async () => {
    const stalling = await startHarness('openai', { idleTimeoutMs: 200 });
    try {
      stalling.server.push(fault({ type: 'stall', ms: 5000 }), reply([text('Awake.')]));
      const { message, notices } = await run(stalling.client, request());
      assert.deepEqual(message?.content, [{ type: 'text', text: 'Awake.' }]);
      assert.equal(notices[0]?.error, 'stream_stalled');
    } finally {
      await stalling.close();
    }
  });

  it('names the server in the error after the last retry', async () => {
    harness.server.push(...Array.from({ length: 4 }, () => fault({ type: 'status', status: 503, message: 'model is loading' })));
    const { failure } = await run(harness.client, request());
    assert.ok(failure instanceof ModelError);
    assert.equal(failure.kind, 'server');
    assert.equal(failure.message, `OpenAI-compatible server at ${harness.server.openaiBaseUrl} returned 503 server_error: model is loading (after 3 retries)`);
  });
});

describe('OpenAI-compatible adapter without a key', () => {
  it('sends a placeholder key to a local server that needs none', async () => {
    const harness = await startHarness('openai', { credential: null }, { apiKey: '' });
    try {
      harness.server.push(reply([text('local')]));
      const { message } = await run(harness.client, request());
      assert.deepEqual(message?.content, [{ type: 'text', text: 'local' }]);
      assert.match(String(harness.server.requests[0]!.headers['authorization']), /^Bearer \S+/);
    } finally {
      await harness.close();
    }
  });

  it('says to set OPENAI_API_KEY when the server wants one', async () => {
    const harness = await startHarness('openai', { credential: null });
    try {
      const { failure, notices } = await run(harness.client, request());
      assert.ok(failure instanceof ModelError);
      assert.equal(failure.kind, 'authentication');
      assert.match(failure.message, /requires a credential and none was set .*Set OPENAI_API_KEY\.$/);
      assert.deepEqual(notices, []);
    } finally {
      await harness.close();
    }
  });

  it('reports a rejected OPENAI_API_KEY by name', async () => {
    const harness = await startHarness('openai', { credential: { kind: 'api_key', value: 'sk-wrong-key', source: 'OPENAI_API_KEY' } });
    try {
      const { failure } = await run(harness.client, request());
      assert.ok(failure instanceof ModelError);
      assert.match(failure.message, /rejected the credential from OPENAI_API_KEY \(401 invalid_request_error: Incorrect API key provided/);
    } finally {
      await harness.close();
    }
  });
});
