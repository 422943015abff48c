import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MANAGED_SETTINGS_PATH, DEFAULT_MAX_RETRIES, readEnvironment } from '../../src/config/env.js';

describe('readEnvironment', () => {
  it('falls back to defaults when nothing is set', () => {
    const env = readEnvironment({ HOME: '/home/ada' });
    assert.equal(env.home, '/home/ada');
    assert.equal(env.configDir, '/home/ada/.wright');
    assert.equal(env.managedSettingsPath, DEFAULT_MANAGED_SETTINGS_PATH);
    assert.equal(env.maxRetries, DEFAULT_MAX_RETRIES);
    assert.equal(env.provider, undefined);
    assert.deepEqual(env.anthropic, {});
    assert.deepEqual(env.openai, {});
    assert.deepEqual(env.bash, {});
    assert.deepEqual(env.warnings, []);
  });

  it('reads every switch', () => {
    const env = readEnvironment({
      HOME: '/home/ada',
      WRIGHT_CONFIG_DIR: '/opt/wright-config',
      WRIGHT_MANAGED_SETTINGS_PATH: '/tmp/managed.json',
      WRIGHT_MAX_RETRIES: '3',
      WRIGHT_PROVIDER: 'openai',
      ANTHROPIC_API_KEY: 'sk-ant',
      ANTHROPIC_AUTH_TOKEN: 'token',
      ANTHROPIC_BASE_URL: 'http://localhost:9999',
      ANTHROPIC_MODEL: 'claude-x',
      ANTHROPIC_DEFAULT_OPUS_MODEL: 'opus-x',
      ANTHROPIC_DEFAULT_SONNET_MODEL: 'sonnet-x',
      ANTHROPIC_DEFAULT_HAIKU_MODEL: 'haiku-x',
      OPENAI_API_KEY: 'sk-oai',
      OPENAI_BASE_URL: 'http://localhost:8888/v1',
      BASH_DEFAULT_TIMEOUT_MS: '60000',
      BASH_MAX_TIMEOUT_MS: '600000',
      BASH_MAX_OUTPUT_LENGTH: '30000',
    });
    assert.equal(env.configDir, '/opt/wright-config');
    assert.equal(env.managedSettingsPath, '/tmp/managed.json');
    assert.equal(env.maxRetries, 3);
    assert.equal(env.provider, 'openai');
    assert.deepEqual(env.anthropic, {
      apiKey: 'sk-ant',
      authToken: 'token',
      baseUrl: 'http://localhost:9999',
      model: 'claude-x',
      defaultOpusModel: 'opus-x',
      defaultSonnetModel: 'sonnet-x',
      defaultHaikuModel: 'haiku-x',
    });
    assert.deepEqual(env.openai, { apiKey: 'sk-oai', baseUrl: 'http://localhost:8888/v1' });
    assert.deepEqual(env.bash, { defaultTimeoutMs: 60000, maxTimeoutMs: 600000, maxOutputLength: 30000 });
  });

  it('treats empty strings as unset', () => {
    const env = readEnvironment({ HOME: '/h', WRIGHT_CONFIG_DIR: '', ANTHROPIC_API_KEY: '', WRIGHT_MAX_RETRIES: '' });
    assert.equal(env.configDir, '/h/.wright');
    assert.equal(env.anthropic.apiKey, undefined);
    assert.equal('apiKey' in env.anthropic, false);
    assert.equal(env.maxRetries, DEFAULT_MAX_RETRIES);
    assert.deepEqual(env.warnings, []);
  });

  it('ignores values it cannot understand, with a warning', () => {
    const env = readEnvironment({
      HOME: '/h',
      WRIGHT_MAX_RETRIES: 'lots',
      WRIGHT_PROVIDER: 'gemini',
      BASH_MAX_TIMEOUT_MS: '-5',
    });
    assert.equal(env.maxRetries, DEFAULT_MAX_RETRIES);
    assert.equal(env.provider, undefined);
    assert.equal(env.bash.maxTimeoutMs, undefined);
    assert.equal(env.warnings.length, 3);
    assert.match(env.warnings.join('\n'), /WRIGHT_MAX_RETRIES=lots/);
  });

  it('accepts zero retries and resolves a relative config dir', () => {
    const env = readEnvironment({ HOME: '/h', WRIGHT_MAX_RETRIES: '0', WRIGHT_CONFIG_DIR: 'rel/dir' });
    assert.equal(env.maxRetries, 0);
    assert.equal(env.configDir, `${process.cwd()}/rel/dir`);
  });
});
