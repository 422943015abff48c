import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadSettings } from '../../src/config/settings.js';
import { saveProviderSetup } from '../../src/config/userCredentialsWriter.js';
import { removeTempDirs, settingsWorld } from './tempFiles.js';

after(removeTempDirs);

test('saves an Anthropic key to user settings, private to the user, where the settings loader finds it', async () => {
  const world = settingsWorld();
  const { path } = await saveProviderSetup(world.configDir, { provider: 'anthropic', apiKey: 'sk-ant-test' });
  assert.equal(path, join(world.configDir, 'settings.json'));
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const loaded = loadSettings(world);
  assert.ok(loaded.ok);
  assert.equal(loaded.settings.env.ANTHROPIC_API_KEY, 'sk-ant-test');
  assert.equal(loaded.settings.provider, 'anthropic');
});

test('saves an OpenAI-compatible server and keeps what the file already had', async () => {
  const world = settingsWorld();
  mkdirSync(world.configDir, { recursive: true });
  writeFileSync(join(world.configDir, 'settings.json'), '{\n    "model": "x",\n    "env": { "FOO": "1" }\n}\n');
  await saveProviderSetup(world.configDir, { provider: 'openai', baseUrl: 'http://localhost:11434/v1', model: 'qwen3-coder' });
  const saved = JSON.parse(readFileSync(join(world.configDir, 'settings.json'), 'utf8'));
  assert.deepEqual(saved, { model: 'x', env: { FOO: '1', OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_MODEL: 'qwen3-coder' }, provider: 'openai' });
  assert.match(readFileSync(join(world.configDir, 'settings.json'), 'utf8'), /^\{\n {4}"model"/);
});

test('refuses to touch a settings file it cannot parse', async () => {
  const world = settingsWorld();
  mkdirSync(world.configDir, { recursive: true });
  writeFileSync(join(world.configDir, 'settings.json'), '{ "env": ');
  await assert.rejects(saveProviderSetup(world.configDir, { provider: 'anthropic', apiKey: 'k' }), /cannot save the provider setup in .*settings\.json:1/);
  assert.equal(readFileSync(join(world.configDir, 'settings.json'), 'utf8'), '{ "env": ');
});
