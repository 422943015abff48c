import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionSecrets } from '../../src/cli/sessionSecrets.js';
import { isSecretVariableName, secretValuesOf, wrightCredentialNames } from '../../src/secrets/credentialVariables.js';
import { toolEnvironment } from '../../src/secrets/toolEnvironment.js';

test('secret-looking variable names', () => {
  for (const name of ['GITHUB_TOKEN', 'NPM_TOKEN', 'OPENAI_API_KEY', 'STRIPE_APIKEY', 'APIKEY', 'AWS_SECRET_ACCESS_KEY', 'CLIENT_SECRET', 'DB_PASSWORD', 'PGPASSWORD_X_PASSWORD', 'SSH_KEY_PASSPHRASE', 'github_token']) {
    assert.ok(isSecretVariableName(name), name);
  }
  for (const name of ['PATH', 'HOME', 'MAX_TOKENS', 'TOKENIZERS_PARALLELISM', 'AWS_ACCESS_KEY_ID', 'GOOGLE_APPLICATION_CREDENTIALS', 'SSH_AUTH_SOCK', 'PASSWORD_FILE', 'KEYBOARD']) {
    assert.ok(!isSecretVariableName(name), name);
  }
});

test("wright's credentials: the fixed list, secret-looking WRIGHT_* names and extras", () => {
  const names = wrightCredentialNames({ WRIGHT_GATEWAY_TOKEN: 'x', WRIGHT_PROVIDER: 'openai', GITHUB_TOKEN: 'y' }, ['BRAVE_API_KEY']);
  for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'OPENAI_API_KEY', 'CLAUDE_CODE_OAUTH_TOKEN', 'WRIGHT_GATEWAY_TOKEN', 'BRAVE_API_KEY']) {
    assert.ok(names.has(name), name);
  }
  assert.ok(!names.has('WRIGHT_PROVIDER'));
  assert.ok(!names.has('GITHUB_TOKEN'), "the user's own tokens are not wright's");
});

test('secret values: long enough, not numbers or switch words, credentials included by name', () => {
  const values = secretValuesOf(
    {
      ANTHROPIC_API_KEY: 'sk-ant-abcdefgh',
      GITHUB_TOKEN: ' ghp_padded_value ',
      SHORT_TOKEN: 'abc1234',
      MAX_TOKEN: '123456789',
      FEATURE_TOKEN: 'disabled',
      BRAVE_KEY_VAR: 'brave-secret-1',
      HOME: '/home/someone-long',
    },
    new Set(['BRAVE_KEY_VAR']),
  );
  assert.deepEqual(values.sort(), [' ghp_padded_value ', 'brave-secret-1', 'ghp_padded_value', 'sk-ant-abcdefgh'].sort());
});

test("tool environment: wright's credentials removed, the user's kept", () => {
  const env = { PATH: '/bin', ANTHROPIC_API_KEY: 'k1', OPENAI_API_KEY: 'k2', GITHUB_TOKEN: 'g', WRIGHT_GATEWAY_TOKEN: 'w' };
  const credentials = wrightCredentialNames(env);
  const result = toolEnvironment({ env, configured: new Set(), credentials });
  assert.deepEqual(result, { PATH: '/bin', GITHUB_TOKEN: 'g' });
  assert.equal(env.ANTHROPIC_API_KEY, 'k1', 'the input (which the model client uses) is untouched');
});

test('tool environment: a credential set in settings `env`, or the opt-in, goes through', () => {
  const env = { PATH: '/bin', ANTHROPIC_API_KEY: 'k1', OPENAI_API_KEY: 'k2' };
  const credentials = wrightCredentialNames(env);
  assert.deepEqual(toolEnvironment({ env, configured: new Set(['OPENAI_API_KEY']), credentials }), { PATH: '/bin', OPENAI_API_KEY: 'k2' });
  for (const flag of ['1', 'true', 'YES']) {
    const optedIn = { ...env, WRIGHT_PASS_CREDENTIALS_TO_TOOLS: flag };
    assert.deepEqual(toolEnvironment({ env: optedIn, configured: new Set(), credentials }), optedIn, flag);
  }
  const optedOut = { ...env, WRIGHT_PASS_CREDENTIALS_TO_TOOLS: '0' };
  assert.equal(toolEnvironment({ env: optedOut, configured: new Set(), credentials }).ANTHROPIC_API_KEY, undefined);
});

test('session secrets: the Brave key is withheld only while wright searches with it', () => {
  const env = { PATH: '/bin', BRAVE_API_KEY: 'brave-key-123', MY_SEARCH_KEY: 'custom-key-456' };
  assert.equal(sessionSecrets(env, { env: {}, webSearch: undefined }).toolEnv.BRAVE_API_KEY, 'brave-key-123');
  assert.equal(sessionSecrets(env, { env: {}, webSearch: { provider: 'brave' } }).toolEnv.BRAVE_API_KEY, undefined);
  const custom = sessionSecrets(env, { env: {}, webSearch: { provider: 'brave', apiKeyEnv: 'MY_SEARCH_KEY' } });
  assert.equal(custom.toolEnv.MY_SEARCH_KEY, undefined);
  assert.ok(custom.values.includes('custom-key-456'), 'its value is redacted although its name does not look secret');
  assert.ok(custom.values.includes('brave-key-123'));
});
