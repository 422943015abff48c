// Every scripted fault, as the official SDKs report it: the errors our model adapters must classify.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startModelServer, type ModelServer } from './modelServer.js';
import { anthropicClient, collect, openaiClient, openaiUserSays, userSays } from './modelServer/sdkClients.js';
import { fault, reply, text, type Fault } from './script.js';

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());
beforeEach(() => {
  assert.equal(server.remaining(), 0, 'a previous test left scripted turns unconsumed');
  server.requests.length = 0;
});

const anthropicStream = (options: Anthropic.RequestOptions = {}) =>
  anthropicClient(server).messages.create({ ...userSays('hi'), stream: true }, options).then(collect);
const openaiStream = (options: OpenAI.RequestOptions = {}) =>
  openaiClient(server).chat.completions.create({ ...openaiUserSays('hi'), stream: true }, options).then(collect);

/** Runs the same fault against both protocols. */
async function onBothProtocols(scripted: Fault, check: (protocol: 'anthropic' | 'openai', run: () => Promise<unknown>) => Promise<void>) {
  server.push(fault(scripted));
  await check('anthropic', anthropicStream);
  server.push(fault(scripted));
  await check('openai', openaiStream);
}

describe('status faults', () => {
  test('429 carries the retry-after header and a rate limit error body', async () => {
    await onBothProtocols({ type: 'status', status: 429, retryAfterSeconds: 7 }, (protocol, run) =>
      assert.rejects(run, (error) => {
        assert.ok(error instanceof (protocol === 'anthropic' ? Anthropic.RateLimitError : OpenAI.RateLimitError));
        assert.equal(error.status, 429);
        assert.equal(error.headers?.get('retry-after'), '7');
        if (protocol === 'anthropic') assert.equal((error.error as any).error.type, 'rate_limit_error');
        else assert.equal((error.error as any).code, 'rate_limit_exceeded');
        return true;
      }),
    );
  });

  test('the SDK honours retry-after and succeeds on the next turn', async () => {
    server.push(fault({ type: 'status', status: 429, retryAfterSeconds: 0 }), reply([text('after the wait')]));
    const message = await anthropicClient(server, { maxRetries: 1 }).messages.create(userSays('hi'));
    assert.deepEqual(message.content, [{ type: 'text', text: 'after the wait' }]);
    assert.equal(server.requests.length, 2);
    assert.equal(server.requests[1]?.headers['x-stainless-retry-count'], '1');
  });

  test('529 is overloaded_error, 500 is api_error, other statuses keep their status and message', async () => {
    server.push(
      fault({ type: 'status', status: 529 }),
      fault({ type: 'status', status: 500 }),
      fault({ type: 'status', status: 403, message: 'no access' }),
    );
    const client = anthropicClient(server);
    const errorOf = (request: Promise<unknown>) => request.then(() => assert.fail('expected an error'), (error: unknown) => error);
    const overloaded = await errorOf(client.messages.create(userSays('a')));
    assert.ok(overloaded instanceof Anthropic.APIError);
    assert.equal(overloaded.status, 529);
    assert.deepEqual((overloaded.error as any).error, { type: 'overloaded_error', message: 'Overloaded' });
    const serverError = await errorOf(client.messages.create(userSays('b')));
    assert.ok(serverError instanceof Anthropic.InternalServerError);
    assert.equal((serverError.error as any).error.type, 'api_error');
    const denied = await errorOf(client.messages.create(userSays('c')));
    assert.ok(denied instanceof Anthropic.PermissionDeniedError);
    assert.deepEqual((denied.error as any).error, { type: 'permission_error', message: 'no access' });
  });

  test('OpenAI errors use the {"error":{message,type,code}} body', async () => {
    server.push(fault({ type: 'status', status: 500 }));
    await assert.rejects(openaiClient(server).chat.completions.create(openaiUserSays('hi')), (error) => {
      assert.ok(error instanceof OpenAI.InternalServerError);
      assert.deepEqual(error.error, { message: 'Internal server error', type: 'server_error', param: null, code: null });
      return true;
    });
  });
});

describe('stream faults', () => {
  test('reset_mid_stream delivers exactly the first N events, then the connection drops', async () => {
    const scripted = reply([text('this reply never finishes')]);
    server.push(fault({ type: 'reset_mid_stream', afterEvents: 4, reply: scripted }));
    const seen: string[] = [];
    const stream = await anthropicClient(server).messages.create({ ...userSays('hi'), stream: true });
    await assert.rejects(
      (async () => {
        for await (const event of stream) seen.push(event.type);
      })(),
      /terminated/,
    );
    // Four wire events, one of them the ping the SDK swallows.
    assert.deepEqual(seen, ['message_start', 'content_block_start', 'content_block_delta']);

    server.push(fault({ type: 'reset_mid_stream', afterEvents: 2, reply: scripted }));
    await assert.rejects(openaiStream(), /terminated/);
    server.push(fault({ type: 'reset_mid_stream', afterEvents: 2, reply: scripted }));
    await assert.rejects(anthropicClient(server).messages.stream(userSays('hi')).finalMessage(), /terminated/);
  });

  test('malformed_event surfaces as a JSON parse failure', async () => {
    await onBothProtocols({ type: 'malformed_event' }, (_protocol, run) => assert.rejects(run, /JSON/));
  });

  test('sse_error after HTTP 200 surfaces as the provider error the SDK raises', async () => {
    await onBothProtocols({ type: 'sse_error', errorType: 'overloaded_error' }, (protocol, run) =>
      assert.rejects(run, (error) => {
        if (protocol === 'anthropic') {
          assert.ok(error instanceof Anthropic.APIError);
          assert.deepEqual((error.error as any).error, { type: 'overloaded_error', message: 'Overloaded' });
        } else {
          assert.ok(error instanceof OpenAI.APIError);
          assert.equal((error.error as any).type, 'overloaded_error');
          assert.equal(error.message, 'Overloaded');
        }
        assert.equal(error.status, undefined, 'the HTTP status was 200');
        return true;
      }),
    );
    server.push(fault({ type: 'sse_error', errorType: 'api_error' }));
    await assert.rejects(anthropicStream(), (error) => (error as any).error.error.type === 'api_error');
  });

  test('sse_error on a non-streaming request is the matching HTTP error', async () => {
    server.push(fault({ type: 'sse_error', errorType: 'overloaded_error' }));
    await assert.rejects(
      anthropicClient(server).messages.create(userSays('hi')),
      (error) => error instanceof Anthropic.APIError && error.status === 529,
    );
  });
});

describe('timing', () => {
  // The SDKs' `timeout` covers only the wait for response headers, which a stall sends at once:
  // a stall is silence after HTTP 200, which only an idle timer in the consumer can catch.
  test('stall sends headers, then nothing for the given time, then ends', async () => {
    server.push(fault({ type: 'stall', ms: 300 }));
    const started = Date.now();
    const events = await anthropicStream({ timeout: 100 });
    assert.ok(Date.now() - started >= 290, `ended after ${Date.now() - started}ms`);
    assert.deepEqual(events, []);
  });

  test('a client abort ends a stall', async () => {
    server.push(fault({ type: 'stall', ms: 60_000 }));
    const started = Date.now();
    // Once the stream is open, the SDK treats the caller's abort as a quiet end of iteration.
    const events = await anthropicStream({ signal: AbortSignal.timeout(100) });
    assert.deepEqual(events, []);
    assert.ok(Date.now() - started < 1000, `ended after ${Date.now() - started}ms`);
  });

  test('close() destroys stalled sockets at once', async () => {
    const stalling = await startModelServer({ script: [fault({ type: 'stall', ms: 60_000 })] });
    const pending = fetch(`${stalling.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'test-key' },
      body: JSON.stringify({ ...userSays('hi'), stream: true }),
    }).then((response) => response.text());
    await stalling.waitForRequests(1);
    const closing = Date.now();
    await stalling.close();
    await assert.rejects(pending, /terminated/);
    assert.ok(Date.now() - closing < 1000, `close took ${Date.now() - closing}ms`);
  });

  test('eventDelayMs spaces streamed events out', async () => {
    server.push(reply([text('slow')], { eventDelayMs: 40 }));
    const arrivals: number[] = [];
    const stream = await anthropicClient(server).messages.create({ ...userSays('hi'), stream: true });
    for await (const _event of stream) arrivals.push(Date.now());
    // 7 events after the first (ping included on the wire), 40 ms apart.
    assert.ok(arrivals.at(-1)! - arrivals[0]! >= 6 * 35, `spread ${arrivals.at(-1)! - arrivals[0]!}ms`);
  });
});
