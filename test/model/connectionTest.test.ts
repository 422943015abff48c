import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { testModelConnection } from '../../src/model/connectionTest.js';
import type { ModelConfig } from '../../src/model/modelConfig.js';
import { startModelServer, type ModelServer } from '../support/modelServer.js';
import { fault, reply, text } from '../support/script.js';

let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server.close());

const config = (overrides: Partial<ModelConfig>): ModelConfig => ({
  provider: 'anthropic',
  model: 'claude-sonnet-5-5',
  credential: { kind: 'api_key', value: 'test-key', source: 'ANTHROPIC_API_KEY' },
  baseUrl: server.anthropicBaseUrl,
  maxRetries: 3,
  idleTimeoutMs: 10_000,
  retryBaseDelayMs: 1,
  ...overrides,
});

test('a working endpoint and key pass with one tiny request, over both protocols', async () => {
  const first = server.requests.length;
  server.push(reply([text('p')]), reply([text('p')]));
  const anthropic = await testModelConnection(config({}));
  assert.equal(anthropic.ok, true, JSON.stringify(anthropic));
  const openai = await testModelConnection(config({ provider: 'openai', model: 'gpt-4.1', baseUrl: server.openaiBaseUrl, credential: { kind: 'api_key', value: 'test-key', source: 'OPENAI_API_KEY' } }));
  assert.equal(openai.ok, true, JSON.stringify(openai));
  assert.equal(server.requests[first]!.body.max_tokens, 1);
});

test('a rejected key or an overloaded server fails at once with the reason, without retries', async () => {
  const badKey = await testModelConnection(config({ credential: { kind: 'api_key', value: 'wrong', source: 'ANTHROPIC_API_KEY' } }));
  assert.equal(badKey.ok, false);
  assert.match((badKey as { message: string }).message, /anthropic at http:\/\/127\.0\.0\.1:\d+ with model claude-sonnet-5-5: .*(401|auth|key)/i);
  const first = server.requests.length;
  server.push(fault({ type: 'status', status: 529 }), reply([text('p')]));
  const overloaded = await testModelConnection(config({}));
  assert.equal(overloaded.ok, false);
  assert.equal(server.requests.length - first, 1);
  server.push(reply([text('drain')]));
  await testModelConnection(config({}));
});
