import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ModelError, type ContentBlock } from '../../src/model/types.js';
import { fault, reply, text, thinking, toolUse } from '../support/script.js';
import { eventTypes, request, run, startHarness, type Harness } from './adapterHarness.js';

describe('Anthropic adapter through the real SDK', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness('anthropic');
  });
  after(() => harness.close());

  it('streams thinking, text and tool_use and assembles the final message', async () => {
    harness.server.push(reply([thinking('Consider the file.', 'sig-xyz'), text('Reading it.'), toolUse('Read', { file_path: 'a.ts' }, 'toolu_1')]));
    const { events, message, notices } = await run(harness.client, request({ thinking: { type: 'enabled', budget_tokens: 1024 } }));
    assert.deepEqual(notices, []);
    const types = eventTypes(events);
    assert.equal(types[0], 'message_start');
    assert.ok(types.includes('delta:thinking_delta') && types.includes('delta:signature_delta'));
    assert.ok(types.includes('delta:input_json_delta'));
    assert.deepEqual(types.slice(-2), ['message_delta', 'message_stop']);
    assert.ok(!types.includes('ping'));
    assert.deepEqual(message?.content, [
      { type: 'thinking', thinking: 'Consider the file.', signature: 'sig-xyz' },
      { type: 'text', text: 'Reading it.' },
      { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'a.ts' } },
    ]);
    assert.equal(message?.stop_reason, 'tool_use');
    assert.ok((message?.usage.input_tokens ?? 0) > 0 && (message?.usage.output_tokens ?? 0) > 0);
  });

  it('sends system, tools, thinking and max_tokens, authenticating with x-api-key', async () => {
    const recorded = harness.server.requests.at(-1)!;
    assert.equal(recorded.protocol, 'anthropic');
    assert.equal(recorded.headers['x-api-key'], 'test-key');
    assert.equal(recorded.headers['authorization'], undefined);
    assert.equal(recorded.body.model, 'test-model');
    assert.equal(recorded.body.system, 'You are a test.');
    assert.equal(recorded.body.max_tokens, 2048);
    assert.equal(recorded.body.stream, true);
    assert.deepEqual(recorded.body.thinking, { type: 'enabled', budget_tokens: 1024 });
    assert.deepEqual(recorded.body.tools, [
      { name: 'Read', description: 'Reads a file', input_schema: { type: 'object', properties: { file_path: { type: 'string' } }, required: ['file_path'] } },
    ]);
    assert.deepEqual(recorded.body.messages, [{ role: 'user', content: 'Read a.ts' }]);
  });

  it('passes thinking blocks back unchanged in the next request', async () => {
    const assistant: ContentBlock[] = [
      { type: 'thinking', thinking: 'Consider the file.', signature: 'sig-xyz' },
      { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: 'a.ts' } },
    ];
    harness.server.push(reply([text('Done.')]));
    const { message } = await run(
      harness.client,
      request({
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [
          { role: 'user', content: 'Read a.ts' },
          { role: 'assistant', content: assistant },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'export {}' }] },
        ],
      }),
    );
    assert.deepEqual(message?.content, [{ type: 'text', text: 'Done.' }]);
    assert.deepEqual(harness.server.requests.at(-1)!.body.messages[1], { role: 'assistant', content: assistant });
  });

  const recoveries = [
    { name: '429 with retry-after', turn: fault({ type: 'status', status: 429, retryAfterSeconds: 2 }), status: 429, error: 'rate_limit', delayMs: 2000 },
    { name: '529 overloaded', turn: fault({ type: 'status', status: 529 }), status: 529, error: 'overloaded', delayMs: 250 },
    { name: '500', turn: fault({ type: 'status', status: 500 }), status: 500, error: 'server_error', delayMs: 250 },
    { name: 'reset mid-stream', turn: fault({ type: 'reset_mid_stream', afterEvents: 3, reply: reply([text('partial text here')]) }), status: null, error: 'connection_error', delayMs: 250 },
    { name: 'overloaded SSE error', turn: fault({ type: 'sse_error', errorType: 'overloaded_error' }), status: null, error: 'overloaded', delayMs: 250 },
    { name: 'api_error SSE error', turn: fault({ type: 'sse_error', errorType: 'api_error' }), status: null, error: 'server_error', delayMs: 250 },
    { name: 'malformed event', turn: fault({ type: 'malformed_event' }), status: null, error: 'malformed_response', delayMs: 250 },
  ];
  for (const recovery of recoveries) {
    it(`recovers from ${recovery.name}`, async () => {
      harness.server.push(recovery.turn, reply([text('Recovered.')]));
      harness.sleeps.length = 0;
      const { message, notices, events, failure } = await run(harness.client, request());
      assert.equal(failure, null);
      assert.deepEqual(message?.content, [{ type: 'text', text: 'Recovered.' }]);
      assert.equal(notices.length, 1);
      assert.deepEqual(
        { attempt: notices[0]!.attempt, maxRetries: notices[0]!.maxRetries, errorStatus: notices[0]!.errorStatus, error: notices[0]!.error, delayMs: notices[0]!.delayMs },
        { attempt: 1, maxRetries: 3, errorStatus: recovery.status, error: recovery.error, delayMs: recovery.delayMs },
      );
      assert.deepEqual(harness.sleeps, [recovery.delayMs]);
      const starts = events.filter((event) => event.type === 'message_start').length;
      assert.ok(starts >= 1 && starts <= 2);
      assert.equal(harness.server.remaining(), 0);
    });
  }

  it('recovers from a stall once idleTimeoutMs passes', async () => {
    const stalling = await startHarness('anthropic', { idleTimeoutMs: 200 });
    try {
      stalling.server.push(fault({ type: 'stall', ms: 5000 }), reply([text('Awake.')]));
      const started = Date.now();
      const { message, notices } = await run(stalling.client, request());
      assert.deepEqual(message?.content, [{ type: 'text', text: 'Awake.' }]);
      assert.equal(notices[0]?.error, 'stream_stalled');
      assert.ok(Date.now() - started < 4000);
    } finally {
      await stalling.close();
    }
  });

  it('gives up after maxRetries with the status, type and message', async () => {
    harness.server.push(...Array.from({ length: 4 }, () => fault({ type: 'status', status: 529 })));
    const { failure, notices } = await run(harness.client, request());
    assert.ok(failure instanceof ModelError);
    assert.equal(failure.kind, 'overloaded');
    assert.equal(failure.status, 529);
    assert.equal(failure.message, 'Anthropic API returned 529 overloaded_error: Overloaded (after 3 retries)');
    assert.equal(notices.length, 3);
  });

  it('does not retry a 400', async () => {
    const before = harness.server.requests.length;
    harness.server.push(fault({ type: 'status', status: 400, message: 'prompt is too long: 300000 tokens > 200000 maximum' }));
    const { failure, notices } = await run(harness.client, request());
    assert.ok(failure instanceof ModelError);
    assert.equal(failure.kind, 'invalid_request');
    assert.match(failure.message, /prompt is too long/);
    assert.deepEqual(notices, []);
    assert.equal(harness.server.requests.length, before + 1);
    assert.equal(harness.server.remaining(), 0);
  });

  it('stops when the request is aborted mid-stream', async () => {
    const controller = new AbortController();
    harness.server.push(reply([text('a slow reply in many pieces')], { eventDelayMs: 50 }));
    const stream = harness.client.stream(request({ signal: controller.signal }));
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const event of stream) {
          seen.push(event.type);
          if (seen.length === 2) controller.abort();
        }
      })(),
      { name: 'ModelError', kind: 'aborted' },
    );
    await assert.rejects(stream.final(), { kind: 'aborted' });
    assert.equal(seen[0], 'message_start');
  });
});

describe('Anthropic adapter authentication', () => {
  it('sends ANTHROPIC_AUTH_TOKEN as a bearer token and no x-api-key', async () => {
    const harness = await startHarness('anthropic', { credential: { kind: 'bearer_token', value: 'test-key', source: 'ANTHROPIC_AUTH_TOKEN' } });
    try {
      harness.server.push(reply([text('hi')]));
      const { message } = await run(harness.client, request());
      assert.deepEqual(message?.content, [{ type: 'text', text: 'hi' }]);
      const headers = harness.server.requests[0]!.headers;
      assert.equal(headers['authorization'], 'Bearer test-key');
      assert.equal(headers['x-api-key'], undefined);
    } finally {
      await harness.close();
    }
  });

  it('reports a rejected key by the variable it came from, without retrying', async () => {
    const harness = await startHarness('anthropic', { credential: { kind: 'api_key', value: 'wrong', source: 'ANTHROPIC_API_KEY' } });
    try {
      const { failure, notices } = await run(harness.client, request());
      assert.ok(failure instanceof ModelError);
      assert.equal(failure.kind, 'authentication');
      assert.equal(failure.status, 401);
      assert.match(failure.message, /^Anthropic API rejected the credential from ANTHROPIC_API_KEY \(401 authentication_error: invalid x-api-key\)/);
      assert.deepEqual(notices, []);
      assert.equal(harness.server.requests.length, 1);
    } finally {
      await harness.close();
    }
  });
});

describe('Anthropic adapter connection failures', () => {
  it('retries a refused connection and then names the address', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const harness = await startHarness('anthropic', { baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2 });
    try {
      const { failure, notices } = await run(harness.client, request());
      assert.ok(failure instanceof ModelError);
      assert.equal(failure.kind, 'connection');
      assert.match(failure.message, new RegExp(`^Connection to Anthropic API at http://127\\.0\\.0\\.1:${port} failed: .*ECONNREFUSED.* \\(after 2 retries\\)$`));
      assert.deepEqual(notices.map((notice) => [notice.errorStatus, notice.error]), [[null, 'connection_error'], [null, 'connection_error']]);
    } finally {
      await harness.close();
    }
  });
});
