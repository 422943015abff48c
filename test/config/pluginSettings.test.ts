import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, type LoadSettingsOptions } from '../../src/config/settings.js';
import { removeTempDirs, settingsWorld, writeFiles } from './tempFiles.js';

after(removeTempDirs);

function plugins(options: LoadSettingsOptions) {
  const result = loadSettings(options);
  if (!result.ok) assert.fail(result.error.format());
  return result.settings.plugins;
}

const MANAGED = 'etc/wright/settings.json';
const USER = 'home/.wright/settings.json';
const CLAUDE_USER = 'home/.claude/settings.json';
const PROJECT = 'home/work/repo/.wright/settings.json';
const LOCAL = 'home/work/repo/.wright/settings.local.json';
const CLAUDE_PROJECT = 'home/work/repo/.claude/settings.json';

const settings = (value: unknown) => JSON.stringify({ plugins: value });

describe('plugins settings', () => {
  it('defaults to no signature requirement and no trusted keys', () => {
    assert.deepEqual(plugins(settingsWorld()), { requireSignature: false, trustedKeys: [] });
  });

  it('takes trusted keys from user and managed settings, both user files included', () => {
    const w = settingsWorld();
    writeFiles(w.root, {
      [MANAGED]: settings({ trustedKeys: ['managedkey000000'] }),
      [USER]: settings({ requireSignature: true, trustedKeys: ['userkey000000000', 'managedkey000000'] }),
      [CLAUDE_USER]: settings({ trustedKeys: ['claudeuserkey000'] }),
    });
    assert.deepEqual(plugins(w), { requireSignature: true, trustedKeys: ['managedkey000000', 'userkey000000000', 'claudeuserkey000'] });
  });

  it('ignores project, local and --settings files: a cloned repository cannot vouch for its own plugins', () => {
    const w = settingsWorld();
    writeFiles(w.root, {
      [USER]: settings({ requireSignature: true, trustedKeys: ['userkey000000000'] }),
      [PROJECT]: settings({ requireSignature: false, trustedKeys: ['repokey000000000'] }),
      [LOCAL]: settings({ requireSignature: false, trustedKeys: ['localkey00000000'] }),
      [CLAUDE_PROJECT]: settings({ requireSignature: false, trustedKeys: ['claudeproj000000'] }),
      'cli.json': settings({ requireSignature: false, trustedKeys: ['clikey0000000000'] }),
    });
    assert.deepEqual(plugins({ ...w, cliSettings: join(w.root, 'cli.json') }), { requireSignature: true, trustedKeys: ['userkey000000000'] });
  });

  it('lets managed settings decide requireSignature over the user', () => {
    const w = settingsWorld();
    writeFiles(w.root, { [MANAGED]: settings({ requireSignature: true }), [USER]: settings({ requireSignature: false }) });
    assert.equal(plugins(w).requireSignature, true);
    writeFiles(w.root, { [MANAGED]: settings({ requireSignature: false }), [USER]: settings({ requireSignature: true }) });
    assert.equal(plugins(w).requireSignature, false);
  });

  it('rejects a settings file whose plugins keys have the wrong type', () => {
    const w = settingsWorld();
    writeFiles(w.root, { [USER]: settings({ requireSignature: 'yes' }) });
    const result = loadSettings(w);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.error.format(), /plugins\.requireSignature/);
  });
});
