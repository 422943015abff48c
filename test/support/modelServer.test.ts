// The scripted model server, driven through the real Anthropic and OpenAI SDKs: replies, usage,
// auth, request validation, token counting and request recording. Faults: modelServerFaults.test.ts.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startModelServer, type ModelServer } from './modelServer.js';
import { anthropicClient, collect, openaiClient, openaiUserSays, userSays } from './modelServer/sdkClients.js';
import { reply, serverToolUse, text, thinking, toolUse, webSearchResult } from './script.js';

let server: ModelServer;
before(async () => {
  server = await startModelServer();
});
after(() => server.close());
beforeEach(() => {
  assert.equal(server.remaining(), 0, 'a previous test left scripted turns unconsumed');
  server.requests.length = 0;
});

/** A request as any Anthropic client would send it, with the key in `x-api-key`. */
const postAnthropic = (path: string, body: unknown) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { 'x-api-key': 'test-key', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const mixedReply = () =>
  reply([thinking('Let me look at the file first.', 'sig-abc'), text('I will read it now.'), toolUse('Read', { file_path: '/tmp/a.txt', limit: 20 })]);

describe('Anthropic Messages', () => {
  test('a streamed reply is reassembled by the SDK into thinking, text and tool_use', async () => {
    server.push(mixedReply());
    const message = await anthropicClient(server).messages.stream(userSays('read a.txt')).finalMessage();

    assert.equal(message.role, 'assistant');
    assert.equal(message.model, 'scripted-model');
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.content[0], { type: 'thinking', thinking: 'Let me look at the file first.', signature: 'sig-abc' });
    assert.deepEqual(message.content[1], { type: 'text', text: 'I will read it now.' });
    const toolBlock = message.content[2];
    assert.equal(toolBlock?.type, 'tool_use');
    assert.match(toolBlock.id, /^toolu_[A-Za-z0-9]{24}$/);
    assert.deepEqual(toolBlock.input, { file_path: '/tmp/a.txt', limit: 20 });
    assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0);
  });

  test('the raw event stream has the real shape: split deltas, one signature, cumulative usage', async () => {
    server.push(mixedReply());
    const events = await collect(await anthropicClient(server).messages.create({ ...userSays('go'), stream: true }));
    const types = events.map((event) => event.type);

    assert.equal(types[0], 'message_start');
    assert.deepEqual(types.slice(-2), ['message_delta', 'message_stop']);
    const deltas = events.flatMap((event) => (event.type === 'content_block_delta' ? [event.delta] : []));
    const count = (type: string) => deltas.filter((delta) => delta.type === type).length;
    assert.ok(count('thinking_delta') > 1 && count('text_delta') > 1 && count('input_json_delta') > 1);
    assert.equal(count('signature_delta'), 1);
    const start = events[0]?.type === 'message_start' ? events[0].message : undefined;
    const end = events.at(-2)?.type === 'message_delta' ? events.at(-2) : undefined;
    assert.equal(end?.type === 'message_delta' ? end.usage.input_tokens : undefined, start?.usage.input_tokens);
  });

  // The SDK drops `ping` before yielding events, so this one reads the wire itself.
  test('the SSE wire carries a ping and event/data pairs', async () => {
    server.push(reply([text('hi')]));
    const response = await postAnthropic('/v1/messages', { ...userSays('hi'), stream: true });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const wire = await response.text();
    assert.match(wire, /^event: message_start\ndata: \{"type":"message_start"/);
    assert.match(wire, /\nevent: ping\ndata: \{"type":"ping"\}\n\n/);
    assert.match(wire, /event: message_stop\ndata: \{"type":"message_stop"\}\n\n$/);
  });

  test('a non-streamed reply is one message; scripted ids, stop reason and usage are kept', async () => {
    server.push(
      reply([text('Done.'), toolUse('Bash', { command: 'ls' }, 'toolu_fixed')], {
        stopReason: 'max_tokens',
        usage: { input_tokens: 1234, cache_read_input_tokens: 99 },
      }),
    );
    const message = await anthropicClient(server).messages.create(userSays('list'));
    assert.equal(message.stop_reason, 'max_tokens');
    assert.deepEqual(message.content, [
      { type: 'text', text: 'Done.' },
      { type: 'tool_use', id: 'toolu_fixed', name: 'Bash', input: { command: 'ls' } },
    ]);
    assert.equal(message.usage.input_tokens, 1234);
    assert.equal(message.usage.cache_read_input_tokens, 99);
    assert.match(message.id, /^msg_/);
    assert.match(message._request_id ?? '', /^req_/);
  });

  test('the beta form of the endpoint (?beta=true, as Claude Code sends it) is served and recorded', async () => {
    server.push(reply([text('beta ok')]));
    const response = await postAnthropic('/v1/messages?beta=true', userSays('hi'));
    assert.equal(response.status, 200);
    assert.deepEqual(((await response.json()) as Anthropic.Message).content, [{ type: 'text', text: 'beta ok' }]);
    assert.equal(server.requests[0]?.path, '/v1/messages?beta=true');
  });

  test('count_tokens answers the estimate without consuming a turn', async () => {
    server.push(reply([text('after counting')]));
    const body = { model: 'scripted-model', messages: [{ role: 'user' as const, content: 'x'.repeat(400) }] };
    const counted = await anthropicClient(server).messages.countTokens(body);
    assert.equal(counted.input_tokens, Math.ceil(JSON.stringify(body.messages).length / 4));
    assert.equal(server.requests[0]?.protocol, 'anthropic_count_tokens');
    assert.equal(server.remaining(), 1);
    const message = await anthropicClient(server).messages.create(userSays('now reply'));
    assert.deepEqual(message.content, [{ type: 'text', text: 'after counting' }]);
  });
});

describe('Anthropic server tools', () => {
  const searchReply = () =>
    reply([
      serverToolUse('web_search', { query: 'node fetch' }, 'srvtoolu_a'),
      webSearchResult([{ title: 'Fetch API', url: 'https://nodejs.org/api/globals.html', page_age: 'May 2, 2025' }]),
      serverToolUse('web_search', { query: 'undici' }),
      webSearchResult({ error_code: 'max_uses_exceeded' }),
      text('Node has fetch.'),
    ]);

  test('server_tool_use and web_search_tool_result stream as the SDK expects, results linked to their call', async () => {
    server.push(searchReply());
    const message = await anthropicClient(server).messages.stream(userSays('search')).finalMessage();
    assert.equal(message.stop_reason, 'end_turn');
    const [first, results, second, failed, summary] = message.content as any[];
    assert.deepEqual(first, { type: 'server_tool_use', id: 'srvtoolu_a', name: 'web_search', input: { query: 'node fetch' } });
    assert.equal(results.type, 'web_search_tool_result');
    assert.equal(results.tool_use_id, 'srvtoolu_a');
    assert.equal(results.content[0].url, 'https://nodejs.org/api/globals.html');
    assert.equal(results.content[0].page_age, 'May 2, 2025');
    assert.match(results.content[0].encrypted_content, /^Eo/);
    assert.match(second.id, /^srvtoolu_/);
    assert.deepEqual(second.input, { query: 'undici' });
    assert.deepEqual(failed, { type: 'web_search_tool_result', tool_use_id: second.id, content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } });
    assert.deepEqual(summary, { type: 'text', text: 'Node has fetch.' });
  });

  test('the non-streamed form carries the same blocks; chat completions leave them out', async () => {
    server.push(searchReply(), searchReply());
    const message = await anthropicClient(server).messages.create(userSays('search'));
    assert.deepEqual(message.content.map((block) => block.type), ['server_tool_use', 'web_search_tool_result', 'server_tool_use', 'web_search_tool_result', 'text']);
    const completion = await openaiClient(server).chat.completions.create(openaiUserSays('search'));
    assert.equal(completion.choices[0]?.message.content, 'Node has fetch.');
  });
});

describe('OpenAI chat completions', () => {
  test('a streamed reply renders role, reasoning, content, split tool arguments, finish and usage', async () => {
    server.push(mixedReply());
    const stream = await openaiClient(server).chat.completions.create({
      ...openaiUserSays('read a.txt'),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = await collect(stream);
    const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta as Record<string, any>));

    assert.equal(deltas[0]?.role, 'assistant');
    assert.equal(deltas.map((delta) => delta.reasoning_content ?? '').join(''), 'Let me look at the file first.');
    assert.equal(deltas.map((delta) => delta.content ?? '').join(''), 'I will read it now.');
    const toolDeltas = deltas.flatMap((delta) => delta.tool_calls ?? []);
    assert.ok(toolDeltas.length > 2, 'arguments arrive over several chunks');
    assert.match(toolDeltas[0].id, /^call_/);
    assert.equal(toolDeltas[0].function.name, 'Read');
    const args = toolDeltas.map((call) => call.function.arguments ?? '').join('');
    assert.deepEqual(JSON.parse(args), { file_path: '/tmp/a.txt', limit: 20 });
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.ok((chunks.at(-1)?.usage?.prompt_tokens ?? 0) > 0);
  });

  test('the SDK stream helper assembles the completion', async () => {
    server.push(reply([text('two '), text('parts'), toolUse('Glob', { pattern: '*.ts' }), toolUse('Grep', { pattern: 'x' })]));
    const completion = await openaiClient(server)
      .chat.completions.stream({ ...openaiUserSays('find'), stream: true })
      .finalChatCompletion();
    const message = completion.choices[0]?.message;
    assert.equal(message?.content, 'two parts');
    assert.deepEqual(
      message?.tool_calls?.map((call) => (call.type === 'function' ? [call.function.name, JSON.parse(call.function.arguments)] : [])),
      [
        ['Glob', { pattern: '*.ts' }],
        ['Grep', { pattern: 'x' }],
      ],
    );
  });

  test('a non-streamed reply is one chat.completion with mapped finish reason and usage', async () => {
    server.push(reply([text('cut off')], { stopReason: 'max_tokens', usage: { input_tokens: 10, output_tokens: 5, cache_read_input_tokens: 4 } }));
    const completion = await openaiClient(server).chat.completions.create(openaiUserSays('hi'));
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.choices[0]?.message.content, 'cut off');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
    assert.deepEqual(completion.usage, { prompt_tokens: 14, completion_tokens: 5, total_tokens: 19, prompt_tokens_details: { cached_tokens: 4 } });
  });

  test('a tool call without a tool message is rejected like OpenAI does', async () => {
    const messages = [
      { role: 'user' as const, content: 'go' },
      { role: 'assistant' as const, content: null, tool_calls: [{ id: 'call_1', type: 'function' as const, function: { name: 'Bash', arguments: '{}' } }] },
      { role: 'user' as const, content: 'well?' },
    ];
    await assert.rejects(openaiClient(server).chat.completions.create({ model: 'scripted-model', messages }), (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /did not have response messages: call_1/);
      return true;
    });
  });
});

describe('auth', () => {
  test('a wrong key is a 401 authentication error on both protocols', async () => {
    await assert.rejects(anthropicClient(server, { apiKey: 'wrong' }).messages.create(userSays('hi')), Anthropic.AuthenticationError);
    await assert.rejects(openaiClient(server, { apiKey: 'wrong' }).chat.completions.create(openaiUserSays('hi')), OpenAI.AuthenticationError);
  });

  // SDK 1.12 sends both `apiKey` and `authToken` as `Authorization: Bearer`; x-api-key needs fetch.
  test('x-api-key and Bearer are each accepted, but both together are rejected', async () => {
    server.push(reply([text('key ok')]), reply([text('bearer ok')]));
    assert.equal((await postAnthropic('/v1/messages', userSays('hi'))).status, 200);
    const viaToken = anthropicClient(server, { apiKey: null, authToken: 'test-key' });
    assert.deepEqual((await viaToken.messages.create(userSays('hi'))).content, [{ type: 'text', text: 'bearer ok' }]);
    const both = anthropicClient(server, { defaultHeaders: { 'x-api-key': 'test-key' } });
    await assert.rejects(both.messages.create(userSays('hi')), (error) => {
      assert.ok(error instanceof Anthropic.AuthenticationError);
      assert.equal((error.error as any)?.error?.type, 'authentication_error');
      return true;
    });
  });

  test("apiKey: '' accepts requests without credentials", async () => {
    const open = await startModelServer({ apiKey: '', script: [reply([text('open')])] });
    try {
      const response = await fetch(`${open.anthropicBaseUrl}/v1/messages`, { method: 'POST', body: JSON.stringify(userSays('hi')) });
      assert.equal(response.status, 200);
    } finally {
      await open.close();
    }
  });
});

describe('request validation', () => {
  const client = () => anthropicClient(server);
  const rejectsWith = (request: Promise<unknown>, pattern: RegExp) =>
    assert.rejects(request, (error) => {
      assert.ok(error instanceof Anthropic.BadRequestError);
      assert.equal((error.error as any)?.error?.type, 'invalid_request_error');
      assert.match((error.error as any)?.error?.message, pattern);
      return true;
    });

  test('a tool_use without a tool_result right after is a 400, and the turn stays queued', async () => {
    server.push(reply([text('never sent')]));
    const messages: Anthropic.MessageParam[] = [
      { role: 'user', content: 'go' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_lost', name: 'Bash', input: {} }] },
      { role: 'user', content: 'what happened?' },
    ];
    await rejectsWith(
      client().messages.create({ ...userSays(''), messages }),
      /tool_use ids were found without tool_result blocks immediately after: toolu_lost/,
    );
    assert.equal(server.remaining(), 1);
    await client().messages.create(userSays('drain'));
  });

  test('a tool_result that answers no tool_use is a 400', async () => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_ghost', content: 'x' }] }];
    await rejectsWith(client().messages.create({ ...userSays(''), messages }), /unexpected tool_use_id found in tool_result blocks: toolu_ghost/);
  });

  test('missing model or max_tokens, no messages, or an assistant first message are 400s', async () => {
    const { model: _model, ...noModel } = userSays('hi');
    const { max_tokens: _maxTokens, ...noMaxTokens } = userSays('hi');
    await rejectsWith(client().messages.create(noModel as any), /model: Field required/);
    await rejectsWith(client().messages.create(noMaxTokens as any), /max_tokens: Field required/);
    await rejectsWith(client().messages.create({ ...userSays(''), messages: [] }), /at least one message/);
    await rejectsWith(client().messages.create({ ...userSays(''), messages: [{ role: 'assistant', content: 'hi' }] }), /first message must use the "user" role/);
  });

  test('a request with no queued turn is a clear, non-retryable 400 naming the request', async () => {
    const retrying = anthropicClient(server, { maxRetries: 3 });
    await rejectsWith(retrying.messages.create(userSays('one too many')), /scripted server: no reply queued for request #1/);
    assert.equal(server.requests.length, 1, 'the SDK did not retry');
  });
});

describe('recording', () => {
  test('every request is recorded with headers and parsed body, in order', async () => {
    server.push(reply([text('a')]), reply([text('b')]));
    await anthropicClient(server).messages.create(userSays('first'));
    await openaiClient(server).chat.completions.create(openaiUserSays('second'));
    await server.waitForRequests(2);
    const [first, second] = server.requests;
    assert.equal(first?.protocol, 'anthropic');
    assert.equal(first?.headers.authorization, 'Bearer test-key');
    assert.ok(first?.headers['anthropic-version']);
    assert.deepEqual(first?.body.messages, [{ role: 'user', content: 'first' }]);
    assert.equal(second?.protocol, 'openai');
    assert.equal(second?.path, '/v1/chat/completions');
    assert.equal(second?.headers.authorization, 'Bearer test-key');
  });

  test('waitForRequests resolves when the request arrives and rejects on timeout', async () => {
    await assert.rejects(server.waitForRequests(1, 50), /waited 50ms for 1 requests, received 0/);
    server.push(reply([text('late')]));
    const waiting = server.waitForRequests(1);
    await anthropicClient(server).messages.create(userSays('hi'));
    await waiting;
  });
});
