import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlugins } from '../../../src/extensions/plugins/pluginLoader.js';
import { writeInstalled } from '../../../src/extensions/plugins/pluginStore.js';
import { writeFiles, writePluginFixture } from './pluginFixture.js';

function store() {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'wright-loader-')));
  const configDir = join(base, 'config');
  const alpha = writePluginFixture(join(configDir, 'plugins', 'cache', 'mkt', 'alpha'), { name: 'alpha' });
  const beta = writePluginFixture(join(configDir, 'plugins', 'cache', 'mkt', 'beta'), { name: 'beta' });
  writeInstalled(configDir, {
    version: 1,
    plugins: {
      'alpha@mkt': { path: alpha, source: { source: 'directory', path: '/x' }, installedAt: '2026-01-01T00:00:00Z' },
      'beta@mkt': { path: beta, source: { source: 'directory', path: '/y' }, installedAt: '2026-01-01T00:00:00Z' },
    },
  });
  return { base, configDir, alpha, beta };
}

test('only installed plugins that settings enable load; a false disables', () => {
  const { configDir, alpha } = store();
  const loaded = loadPlugins({ configDir, enabledPlugins: { 'alpha@mkt': true, 'beta@mkt': false } });
  assert.deepEqual(loaded.warnings, []);
  assert.deepEqual(loaded.plugins.map((plugin) => [plugin.id, plugin.name, plugin.root]), [['alpha@mkt', 'alpha', alpha]]);
  assert.equal(loadPlugins({ configDir, enabledPlugins: {} }).plugins.length, 0);
});

test('an enabled plugin that is not installed is a warning', () => {
  const { configDir } = store();
  const loaded = loadPlugins({ configDir, enabledPlugins: { 'ghost@mkt': true } });
  assert.equal(loaded.plugins.length, 0);
  assert.match(loaded.warnings[0]!, /ghost@mkt is enabled in settings but not installed/);
});

test('--plugin-dir loads a directory as <name>@inline, ahead of an installed plugin of the same name', () => {
  const { base, configDir } = store();
  const inline = writePluginFixture(join(base, 'work', 'alpha-dev'), { name: 'alpha' });
  const loaded = loadPlugins({ configDir, enabledPlugins: { 'alpha@mkt': true }, sessionDirectories: ['work/alpha-dev'], cwd: base });
  assert.deepEqual(loaded.plugins.map((plugin) => [plugin.id, plugin.root]), [['alpha@inline', inline]]);
  assert.match(loaded.warnings[0]!, /alpha@mkt .* is not loaded: alpha@inline .* has the same name/);
});

test('an invalid manifest skips the plugin with a warning naming the file; the others load', () => {
  const { configDir, alpha } = store();
  writeFiles(alpha, { '.claude-plugin/plugin.json': '{"name": "Not Kebab"}' });
  const loaded = loadPlugins({ configDir, enabledPlugins: { 'alpha@mkt': true, 'beta@mkt': true } });
  assert.deepEqual(loaded.plugins.map((plugin) => plugin.id), ['beta@mkt']);
  assert.equal(loaded.warnings.length, 1);
  assert.ok(loaded.warnings[0]!.includes(join(alpha, '.claude-plugin', 'plugin.json')), loaded.warnings[0]);
  assert.match(loaded.warnings[0]!, /kebab-case/);
});

test('a manifest whose name differs from the installed id is skipped', () => {
  const { configDir, alpha } = store();
  writeFiles(alpha, { '.claude-plugin/plugin.json': '{"name": "gamma"}' });
  const loaded = loadPlugins({ configDir, enabledPlugins: { 'alpha@mkt': true } });
  assert.equal(loaded.plugins.length, 0);
  assert.match(loaded.warnings[0]!, /names it "gamma", not "alpha"/);
});

test('the admission check sees each plugin directory and id, and a refusal skips the plugin with its reason', () => {
  const { configDir, alpha, beta } = store();
  const seen: Array<[string, string]> = [];
  const loaded = loadPlugins({
    configDir,
    enabledPlugins: { 'alpha@mkt': true, 'beta@mkt': true },
    admit: (dir, id) => {
      seen.push([dir, id]);
      return id === 'beta@mkt' ? { ok: false, reason: 'no valid signature' } : { ok: true };
    },
  });
  assert.deepEqual(seen, [[alpha, 'alpha@mkt'], [beta, 'beta@mkt']]);
  assert.deepEqual(loaded.plugins.map((plugin) => plugin.id), ['alpha@mkt']);
  assert.match(loaded.warnings[0]!, /beta@mkt: no valid signature/);
});

test('a broken installed.json is a warning, and --plugin-dir plugins still load', () => {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'wright-loader-')));
  const configDir = join(base, 'config');
  writeFiles(configDir, { 'plugins/installed.json': '{oops' });
  const dir = writePluginFixture(join(base, 'dev'), { name: 'dev' });
  const loaded = loadPlugins({ configDir, enabledPlugins: { 'x@y': true }, sessionDirectories: [dir] });
  assert.deepEqual(loaded.plugins.map((plugin) => plugin.id), ['dev@inline']);
  assert.match(loaded.warnings.join('\n'), /installed\.json is not valid JSON/);
});

test("a plugin enabled but not installed by wright loads from Claude Code's install, list or single record; a stale record does not", () => {
  const { base, configDir, alpha } = store();
  const home = join(base, 'home');
  const gamma = writePluginFixture(join(home, '.claude', 'plugins', 'cache', 'official', 'gamma', '1.0.0'), { name: 'gamma' });
  const delta = writePluginFixture(join(home, '.claude', 'plugins', 'cache', 'official', 'delta', '2.0.0'), { name: 'delta' });
  const emptyDir = join(home, '.claude', 'plugins', 'cache', 'official', 'stale', '0.1.0');
  mkdirSync(emptyDir, { recursive: true });
  mkdirSync(join(home, '.claude', 'plugins'), { recursive: true });
  writeFileSync(
    join(home, '.claude', 'plugins', 'installed_plugins.json'),
    JSON.stringify({
      version: 2,
      plugins: {
        'gamma@official': [{ scope: 'user', installPath: join(home, 'gone'), version: '0.9.0' }, { scope: 'user', installPath: gamma, version: '1.0.0' }],
        'delta@official': { scope: 'user', installPath: delta, version: '2.0.0' },
        'stale@official': [{ scope: 'user', installPath: emptyDir }],
        'alpha@mkt': [{ scope: 'user', installPath: delta }],
      },
    }),
  );
  const enabled = { 'alpha@mkt': true, 'gamma@official': true, 'delta@official': true, 'stale@official': true, 'off@official': false };
  const loaded = loadPlugins({ configDir, home, enabledPlugins: enabled });
  assert.deepEqual(
    loaded.plugins.map((plugin) => [plugin.id, plugin.root]),
    [
      ['alpha@mkt', alpha],
      ['delta@official', delta],
      ['gamma@official', gamma],
    ],
  );
  assert.deepEqual(loaded.warnings, ['Plugin stale@official is enabled in settings but not installed; install it with `wright plugin install stale@official`.']);
  // Without the home directory, only wright's own installs count.
  assert.deepEqual(loadPlugins({ configDir, enabledPlugins: enabled }).plugins.map((plugin) => plugin.id), ['alpha@mkt']);
});
