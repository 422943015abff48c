// Admission with the merged settings as the plugin loader passes them: only user and managed
// settings can require signatures or vouch for a key.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, type LoadSettingsOptions, type MergedSettings } from '../../../src/config/settings.js';
import { generateSigningKeys } from '../../../src/extensions/plugins/pluginKeys.js';
import { pluginAdmission, signPlugin } from '../../../src/extensions/plugins/pluginSignature.js';
import { removeTempDirs, settingsWorld, writeFiles } from '../../config/tempFiles.js';

after(removeTempDirs);

const author = generateSigningKeys();

function merged(options: LoadSettingsOptions): MergedSettings {
  const result = loadSettings(options);
  if (!result.ok) assert.fail(result.error.format());
  return result.settings;
}

/** A signed plugin inside the project, as a cloned repository would ship it. */
function world() {
  const w = settingsWorld();
  const plugin = join(w.projectRoot, 'plugins', 'demo');
  writeFiles(plugin, { '.wright-plugin/plugin.json': '{"name":"demo"}', 'commands/a.md': 'A\n' });
  assert.ok(signPlugin(plugin, author.privateKeyPem).ok);
  return { ...w, plugin };
}

describe('plugin admission from merged settings', () => {
  it('a project settings file cannot trust its own plugin author when the user requires signatures', () => {
    const w = world();
    writeFiles(w.root, {
      'home/.wright/settings.json': JSON.stringify({ plugins: { requireSignature: true } }),
      'home/work/repo/.wright/settings.json': JSON.stringify({ plugins: { trustedKeys: [author.publicKeyBase64], requireSignature: false } }),
    });
    const refused = pluginAdmission(merged(w))(w.plugin, 'demo');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.reason, /not in plugins.trustedKeys/);
  });

  it('the same key in user settings admits it', () => {
    const w = world();
    writeFiles(w.root, { 'home/.wright/settings.json': JSON.stringify({ plugins: { requireSignature: true, trustedKeys: [author.keyId] } }) });
    assert.deepEqual(pluginAdmission(merged(w))(w.plugin, 'demo'), { ok: true });
  });

  it('managed settings can require signatures over a user who turned them off', () => {
    const w = world();
    writeFiles(w.plugin, { 'commands/unsigned-addition.md': 'B\n' });
    writeFiles(w.root, { 'etc/wright/settings.json': JSON.stringify({ plugins: { requireSignature: true } }), 'home/.wright/settings.json': JSON.stringify({ plugins: { requireSignature: false } }) });
    assert.equal(merged(w).plugins.requireSignature, true);
    assert.match((pluginAdmission(merged(w))(w.plugin, 'demo') as { reason: string }).reason, /does not match its signature: commands\/unsigned-addition.md was added/);
  });
});
