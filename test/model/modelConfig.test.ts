import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveModelConfig, resolveModelAlias, resolveSmallFastModel, type ModelConfigInput } from '../../src/model/modelConfig.js';

const anthropicKey = { ANTHROPIC_API_KEY: 'sk-ant-test' };
const openaiKey = { OPENAI_API_KEY: 'sk-test' };

function resolve(input: Partial<ModelConfigInput>) {
  return resolveModelConfig({ env: {}, settings: {}, flags: {}, ...input });
}

function config(input: Partial<ModelConfigInput>) {
  const result = resolve(input);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.config;
}

describe('resolveModelConfig: provider', () => {
  it('defaults to anthropic', () => {
    assert.equal(config({ env: anthropicKey }).provider, 'anthropic');
  });

  it('takes settings, then WRIGHT_PROVIDER, then --provider', () => {
    const env = { ...anthropicKey, ...openaiKey };
    assert.equal(config({ env, settings: { provider: 'openai' } }).provider, 'openai');
    assert.equal(config({ env: { ...env, WRIGHT_PROVIDER: 'anthropic' }, settings: { provider: 'openai' } }).provider, 'anthropic');
    assert.equal(config({ env: { ...env, WRIGHT_PROVIDER: 'anthropic' }, flags: { provider: 'openai' } }).provider, 'openai');
  });

  it('rejects an unknown provider and names the valid ones', () => {
    const result = resolve({ env: anthropicKey, flags: { provider: 'gemini' } });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /Unknown provider 'gemini' \(from --provider\)\. Valid providers: anthropic, openai\./);
    const fromEnv = resolve({ env: { ...anthropicKey, WRIGHT_PROVIDER: 'bedrock' } });
    assert.match(!fromEnv.ok ? fromEnv.message : '', /from WRIGHT_PROVIDER/);
  });
});

describe('resolveModelConfig: model', () => {
  it('defaults to sonnet for anthropic, resolved to its ID', () => {
    assert.equal(config({ env: anthropicKey }).model, 'claude-sonnet-5-5');
  });

  it('takes settings.model, then ANTHROPIC_MODEL, then --model', () => {
    assert.equal(config({ env: anthropicKey, settings: { model: 'opus' } }).model, 'claude-opus-5-5');
    assert.equal(config({ env: { ...anthropicKey, ANTHROPIC_MODEL: 'haiku' }, settings: { model: 'opus' } }).model, 'claude-haiku-5-5');
    assert.equal(
      config({ env: { ...anthropicKey, ANTHROPIC_MODEL: 'haiku' }, settings: { model: 'opus' }, flags: { model: 'claude-opus-4-1-20250805' } }).model,
      'claude-opus-4-1-20250805',
    );
  });

  it('lets ANTHROPIC_DEFAULT_*_MODEL redefine the aliases', () => {
    const env = { ...anthropicKey, ANTHROPIC_DEFAULT_SONNET_MODEL: 'claude-sonnet-4-6', ANTHROPIC_DEFAULT_OPUS_MODEL: 'my-opus', ANTHROPIC_DEFAULT_HAIKU_MODEL: 'my-haiku' };
    assert.equal(config({ env }).model, 'claude-sonnet-4-6');
    assert.equal(config({ env, flags: { model: 'opus' } }).model, 'my-opus');
    assert.equal(config({ env, flags: { model: 'Haiku' } }).model, 'my-haiku');
    assert.equal(resolveModelAlias('claude-x', env), 'claude-x');
  });

  it('defaults to OPENAI_MODEL, else gpt-4.1, for openai; ignores ANTHROPIC_MODEL there', () => {
    const flags = { provider: 'openai' };
    assert.equal(config({ env: openaiKey, flags }).model, 'gpt-4.1');
    assert.equal(config({ env: { ...openaiKey, ANTHROPIC_MODEL: 'opus' }, flags }).model, 'gpt-4.1');
    assert.equal(config({ env: { ...openaiKey, OPENAI_MODEL: 'qwen3' }, flags }).model, 'qwen3');
    assert.equal(config({ env: { ...openaiKey, OPENAI_MODEL: 'qwen3' }, settings: { model: 'llama3' }, flags }).model, 'llama3');
    assert.equal(config({ env: { ...openaiKey, OPENAI_MODEL: 'qwen3' }, settings: { model: 'llama3' }, flags: { ...flags, model: 'o3' } }).model, 'o3');
  });
});

describe('resolveModelConfig: credentials', () => {
  it('uses ANTHROPIC_API_KEY, else ANTHROPIC_AUTH_TOKEN, preferring the key when both are set', () => {
    assert.deepEqual(config({ env: anthropicKey }).credential, { kind: 'api_key', value: 'sk-ant-test', source: 'ANTHROPIC_API_KEY' });
    assert.deepEqual(config({ env: { ANTHROPIC_AUTH_TOKEN: 'tok' } }).credential, { kind: 'bearer_token', value: 'tok', source: 'ANTHROPIC_AUTH_TOKEN' });
    assert.equal(config({ env: { ...anthropicKey, ANTHROPIC_AUTH_TOKEN: 'tok' } }).credential?.source, 'ANTHROPIC_API_KEY');
  });

  it('reads the base URLs', () => {
    assert.equal(config({ env: anthropicKey }).baseUrl, null);
    assert.equal(config({ env: { ...anthropicKey, ANTHROPIC_BASE_URL: 'http://proxy:8080' } }).baseUrl, 'http://proxy:8080');
    assert.equal(config({ env: { OPENAI_BASE_URL: 'http://localhost:11434/v1' }, flags: { provider: 'openai' } }).baseUrl, 'http://localhost:11434/v1');
  });

  it('explains how to configure Anthropic when no credential is set', () => {
    const result = resolve({ env: { ANTHROPIC_API_KEY: '' } });
    assert.equal(result.ok, false);
    assert.equal(
      !result.ok && result.message,
      'No Anthropic credentials found. Set ANTHROPIC_API_KEY (or ANTHROPIC_AUTH_TOKEN for a bearer token), ' +
        'e.g. `export ANTHROPIC_API_KEY=sk-ant-…`, or use an OpenAI-compatible server with `--provider openai` ' +
        'and OPENAI_API_KEY / OPENAI_BASE_URL.',
    );
  });

  it('accepts an OpenAI key or a base URL alone, and explains when neither is set', () => {
    const flags = { provider: 'openai' };
    assert.equal(config({ env: openaiKey, flags }).credential?.source, 'OPENAI_API_KEY');
    assert.equal(config({ env: { OPENAI_BASE_URL: 'http://localhost:1234/v1' }, flags }).credential, null);
    const result = resolve({ env: anthropicKey, flags });
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /^No OpenAI credentials found\. Set OPENAI_API_KEY.*OPENAI_BASE_URL/);
  });
});

describe('resolveModelConfig: retries and stall timeout', () => {
  it('defaults to 10 retries and a 5 minute idle timeout', () => {
    const resolved = config({ env: anthropicKey });
    assert.equal(resolved.maxRetries, 10);
    assert.equal(resolved.idleTimeoutMs, 300_000);
    assert.equal(resolved.retryBaseDelayMs, 500);
  });

  it('takes the first backoff step from WRIGHT_RETRY_BASE_DELAY_MS', () => {
    assert.equal(config({ env: { ...anthropicKey, WRIGHT_RETRY_BASE_DELAY_MS: '20' } }).retryBaseDelayMs, 20);
  });

  it('takes settings.maxRetries, then WRIGHT_MAX_RETRIES', () => {
    assert.equal(config({ env: anthropicKey, settings: { maxRetries: 3 } }).maxRetries, 3);
    assert.equal(config({ env: { ...anthropicKey, WRIGHT_MAX_RETRIES: '0' }, settings: { maxRetries: 3 } }).maxRetries, 0);
    assert.equal(config({ env: { ...anthropicKey, WRIGHT_STREAM_IDLE_TIMEOUT_MS: '2000' } }).idleTimeoutMs, 2000);
  });

  it('rejects values that are not whole numbers', () => {
    const result = resolve({ env: { ...anthropicKey, WRIGHT_MAX_RETRIES: 'lots' } });
    assert.match(!result.ok ? result.message : '', /WRIGHT_MAX_RETRIES must be a whole number/);
    assert.equal(resolve({ env: anthropicKey, settings: { maxRetries: -1 } }).ok, false);
    assert.equal(resolve({ env: { ...anthropicKey, WRIGHT_STREAM_IDLE_TIMEOUT_MS: '0' } }).ok, false);
  });
});

describe('resolveSmallFastModel', () => {
  it('defaults to haiku for anthropic, through the alias override', () => {
    assert.equal(resolveSmallFastModel('anthropic', {}), 'claude-haiku-5-5');
    assert.equal(resolveSmallFastModel('anthropic', { ANTHROPIC_DEFAULT_HAIKU_MODEL: 'my-haiku' }), 'my-haiku');
  });

  it('takes ANTHROPIC_SMALL_FAST_MODEL, then WRIGHT_SMALL_FAST_MODEL', () => {
    assert.equal(resolveSmallFastModel('anthropic', { ANTHROPIC_SMALL_FAST_MODEL: 'claude-3-5-haiku-latest' }), 'claude-3-5-haiku-latest');
    assert.equal(resolveSmallFastModel('anthropic', { ANTHROPIC_SMALL_FAST_MODEL: 'x', WRIGHT_SMALL_FAST_MODEL: 'sonnet' }), 'claude-sonnet-5-5');
  });

  it('has none for openai unless WRIGHT_SMALL_FAST_MODEL or OPENAI_SMALL_FAST_MODEL names one', () => {
    assert.equal(resolveSmallFastModel('openai', { ANTHROPIC_SMALL_FAST_MODEL: 'x' }), null);
    assert.equal(resolveSmallFastModel('openai', { OPENAI_SMALL_FAST_MODEL: 'gpt-4.1-mini' }), 'gpt-4.1-mini');
    assert.equal(resolveSmallFastModel('openai', { OPENAI_SMALL_FAST_MODEL: 'a', WRIGHT_SMALL_FAST_MODEL: ' ' }), 'a');
    assert.equal(resolveSmallFastModel('openai', { OPENAI_SMALL_FAST_MODEL: 'a', WRIGHT_SMALL_FAST_MODEL: 'b' }), 'b');
  });
});
