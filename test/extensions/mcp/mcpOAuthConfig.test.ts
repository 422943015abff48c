import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerConfig } from '../../../src/extensions/mcp/mcpServerConfig.js';

const error = (raw: unknown) => (parseServerConfig(raw, {}) as { error: string }).error;

test('a remote server\'s "oauth" object is checked; scopes may be a string or an array; secrets expand', () => {
  const parsed = parseServerConfig(
    { type: 'http', url: 'https://h/mcp', oauth: { clientId: 'app-1', clientSecret: '${SECRET}', callbackPort: 8123, scopes: ['read', 'write'] } },
    { SECRET: 's3cret' },
  );
  assert.deepEqual(parsed, {
    ok: true,
    config: { type: 'http', url: 'https://h/mcp', headers: {}, oauth: { clientId: 'app-1', clientSecret: 's3cret', callbackPort: 8123, scopes: 'read write' } },
    missingVariables: [],
  });
  assert.deepEqual((parseServerConfig({ type: 'sse', url: 'https://h/sse', oauth: { scopes: ' read  write ' } }, {}) as any).config.oauth, { scopes: 'read write' });
  assert.equal('oauth' in (parseServerConfig({ type: 'http', url: 'https://h/mcp' }, {}) as any).config, false);
});

test('a wrong "oauth" object is an error naming the key', () => {
  assert.match(error({ type: 'http', url: 'https://h', oauth: 'yes' }), /"oauth" must be an object/);
  assert.match(error({ type: 'http', url: 'https://h', oauth: { clientId: 7 } }), /"oauth.clientId" must be a non-empty string/);
  assert.match(error({ type: 'http', url: 'https://h', oauth: { clientSecret: 'x' } }), /"oauth.clientSecret" needs "oauth.clientId"/);
  for (const port of [0, 70000, 80.5, '8080']) assert.match(error({ type: 'http', url: 'https://h', oauth: { callbackPort: port } }), /"oauth.callbackPort" must be a port number/);
  assert.match(error({ type: 'http', url: 'https://h', oauth: { scopes: '' } }), /"oauth.scopes"/);
  assert.match(error({ type: 'http', url: 'https://h', oauth: { scopes: [1] } }), /"oauth.scopes"/);
  assert.match(error({ command: 'srv', oauth: {} }), /"oauth" applies only to http and sse servers/);
});
