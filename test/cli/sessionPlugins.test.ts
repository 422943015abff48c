// The session's plugin assembly: settings decide what loads (enabledPlugins merged across layers),
// and hook switches in settings (disableAllHooks, allowManagedHooksOnly) hold for plugin hooks too.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadSessionPlugins } from '../../src/cli/sessionPlugins.js';
import { loadHookConfig } from '../../src/cli/sessionHooks.js';
import { loadSettings } from '../../src/config/settings.js';
import { writeInstalled } from '../../src/extensions/plugins/pluginStore.js';
import { writePluginFixture } from '../extensions/plugins/pluginFixture.js';
import { removeTempDirs, settingsWorld, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

function world(settings: Record<string, unknown>) {
  const w = settingsWorld();
  const path = writePluginFixture(join(w.configDir, 'plugins', 'cache', 'mkt', 'myplugin'));
  writeInstalled(w.configDir, { version: 1, plugins: { 'myplugin@mkt': { path, source: { source: 'directory', path: '/src' }, installedAt: '2026-01-01T00:00:00Z' } } });
  writeFiles(w.root, Object.fromEntries(Object.entries(settings).map(([file, value]) => [file, JSON.stringify(value)])));
  const loaded = loadSettings(w);
  if (!loaded.ok) assert.fail(loaded.error.format());
  const plugins = loadSessionPlugins({ configDir: w.configDir, home: w.home, enabledPlugins: loaded.settings.enabledPlugins, pluginDirs: [], cwd: w.cwd });
  return { settings: loaded.settings, plugins, path };
}

test("a project's false overrides the user's true; the local file can turn it back on", () => {
  const off = world({ 'home/.wright/settings.json': { enabledPlugins: { 'myplugin@mkt': true } }, 'home/work/repo/.wright/settings.json': { enabledPlugins: { 'myplugin@mkt': false } } });
  assert.deepEqual(off.plugins.plugins, []);
  assert.deepEqual(off.plugins.mcpServers, []);
  assert.deepEqual(off.plugins.invocables.definitions, []);
  const on = world({
    'home/.wright/settings.json': { enabledPlugins: { 'myplugin@mkt': true } },
    'home/work/repo/.wright/settings.json': { enabledPlugins: { 'myplugin@mkt': false } },
    'home/work/repo/.wright/settings.local.json': { enabledPlugins: { 'myplugin@mkt': true } },
  });
  assert.deepEqual(on.plugins.plugins.map((plugin) => plugin.root), [on.path]);
  assert.deepEqual(on.plugins.mcpServers.map((server) => server.name), ['plugin_myplugin_srv']);
  assert.equal(on.plugins.agentDirectories.length, 1);
  assert.deepEqual(on.plugins.warnings, []);
});

test('plugin hooks join the settings hooks, and disableAllHooks or managed-only hooks drop them', () => {
  const enabled = { enabledPlugins: { 'myplugin@mkt': true } };
  const on = world({ 'home/.wright/settings.json': enabled });
  assert.deepEqual(loadHookConfig(on.settings, undefined, on.plugins.hookEntries).entries.map((entry) => entry.source.split(' (')[0]), ['plugin myplugin@mkt']);
  const disabled = world({ 'home/.wright/settings.json': { ...enabled, disableAllHooks: true } });
  assert.deepEqual(loadHookConfig(disabled.settings, undefined, disabled.plugins.hookEntries).entries, []);
  const managed = world({ 'home/.wright/settings.json': enabled, 'etc/wright/settings.json': { allowManagedHooksOnly: true } });
  assert.deepEqual(loadHookConfig(managed.settings, undefined, managed.plugins.hookEntries).entries, []);
});
