import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_MANAGED_SETTINGS_PATH, readEnvironment } from '../../src/config/env.js';

describe('readEnvironment', () => {
  it('falls back to defaults when nothing is set', () => {
    const env = readEnvironment({ HOME: '/home/ada' });
    assert.deepEqual(env, { home: '/home/ada', configDir: '/home/ada/.wright', managedSettingsPath: DEFAULT_MANAGED_SETTINGS_PATH });
  });

  it('reads every switch', () => {
    const env = readEnvironment({ HOME: '/home/ada', WRIGHT_CONFIG_DIR: '/opt/wright-config', WRIGHT_MANAGED_SETTINGS_PATH: '/tmp/managed.json' });
    assert.equal(env.configDir, '/opt/wright-config');
    assert.equal(env.managedSettingsPath, '/tmp/managed.json');
  });

  it('treats empty strings as unset and resolves a relative config dir', () => {
    assert.equal(readEnvironment({ HOME: '/h', WRIGHT_CONFIG_DIR: '' }).configDir, '/h/.wright');
    assert.equal(readEnvironment({ HOME: '/h', WRIGHT_CONFIG_DIR: 'rel/dir' }).configDir, `${process.cwd()}/rel/dir`);
  });
});
