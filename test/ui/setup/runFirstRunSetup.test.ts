import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { environmentWith, testProviderSetup } from '../../../src/ui/setup/runFirstRunSetup.js';
import { startModelServer, type ModelServer } from '../../support/modelServer.js';
import { reply, text } from '../../support/script.js';

let server: ModelServer;
before(async () => (server = await startModelServer()));
after(() => server.close());

test('a setup becomes the provider variables wright reads', () => {
  assert.deepEqual(environmentWith({ provider: 'anthropic', apiKey: 'k' }, { HOME: '/h' }), { HOME: '/h', ANTHROPIC_API_KEY: 'k' });
  assert.deepEqual(environmentWith({ provider: 'openai', baseUrl: 'http://x/v1', model: 'm' }, {}), { OPENAI_BASE_URL: 'http://x/v1', OPENAI_MODEL: 'm', WRIGHT_PROVIDER: 'openai' });
});

test('the setup is tested against the real endpoint: a good key passes, a bad one fails', async () => {
  server.push(reply([text('p')]));
  const good = await testProviderSetup({ provider: 'anthropic', apiKey: 'test-key' }, { ANTHROPIC_BASE_URL: server.anthropicBaseUrl });
  assert.equal(good.ok, true, JSON.stringify(good));
  const bad = await testProviderSetup({ provider: 'anthropic', apiKey: 'nope' }, { ANTHROPIC_BASE_URL: server.anthropicBaseUrl });
  assert.equal(bad.ok, false);
  server.push(reply([text('p')]));
  const openai = await testProviderSetup({ provider: 'openai', apiKey: 'test-key', baseUrl: server.openaiBaseUrl, model: 'gpt-4.1' }, {});
  assert.equal(openai.ok, true, JSON.stringify(openai));
});
