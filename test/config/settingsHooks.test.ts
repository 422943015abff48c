// Settings keep each file's `hooks` with its source (hooks from every scope run), and the switches
// that turn them off.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings } from '../../src/config/settings.js';
import { removeTempDirs, settingsWorld, writeFiles } from './tempFiles.js';

after(removeTempDirs);

const hooks = (command: string) => ({ hooks: { Stop: [{ hooks: [{ type: 'command', command }] }] } });

describe('hooks in settings', () => {
  it('keeps every layer’s hooks with its file, highest precedence first', () => {
    const w = settingsWorld();
    writeFiles(w.root, {
      'etc/wright/settings.json': JSON.stringify(hooks('managed')),
      'home/work/repo/.wright/settings.local.json': JSON.stringify(hooks('local')),
      'home/work/repo/.claude/settings.json': JSON.stringify(hooks('project')),
      'home/.wright/settings.json': JSON.stringify({ ...hooks('user'), model: 'x' }),
    });
    const result = loadSettings({ ...w, cliSettings: JSON.stringify(hooks('cli')) });
    if (!result.ok) assert.fail(result.error.format());
    assert.deepEqual(
      result.settings.hookLayers.map((layer) => [layer.scope, layer.source, (layer.hooks as any).Stop[0].hooks[0].command]),
      [
        ['managed', w.managedPath, 'managed'],
        ['cli', '--settings', 'cli'],
        ['local', join(w.projectRoot, '.wright', 'settings.local.json'), 'local'],
        ['project', join(w.projectRoot, '.claude', 'settings.json'), 'project'],
        ['user', join(w.configDir, 'settings.json'), 'user'],
      ],
    );
    assert.equal(result.settings.disableAllHooks, false);
    assert.equal(result.settings.managedHooksOnly, false);
  });

  it('disableAllHooks from the highest layer that sets it; allowManagedHooksOnly only from managed settings', () => {
    const w = settingsWorld();
    writeFiles(w.root, {
      'home/work/repo/.wright/settings.json': JSON.stringify({ disableAllHooks: true, allowManagedHooksOnly: true }),
    });
    const result = loadSettings(w);
    if (!result.ok) assert.fail(result.error.format());
    assert.equal(result.settings.disableAllHooks, true);
    assert.equal(result.settings.managedHooksOnly, false);
    writeFiles(w.root, { 'etc/wright/settings.json': JSON.stringify({ disableAllHooks: false, allowManagedHooksOnly: true }) });
    const managed = loadSettings(w);
    if (!managed.ok) assert.fail(managed.error.format());
    assert.equal(managed.settings.disableAllHooks, false);
    assert.equal(managed.settings.managedHooksOnly, true);
  });
});
