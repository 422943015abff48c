// `allowManagedPermissionRulesOnly`: set in managed settings, only managed rules apply; set anywhere
// else it means nothing. Without it, every scope's rules are merged into one list.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, type LoadSettingsOptions } from '../../src/config/settings.js';
import { makeTempDir, removeTempDirs, writeFiles } from './tempFiles.js';

after(removeTempDirs);

function world(files: Record<string, object>): LoadSettingsOptions {
  const root = makeTempDir();
  const home = join(root, 'home');
  const projectRoot = join(home, 'repo');
  writeFiles(root, Object.fromEntries(Object.entries(files).map(([path, value]) => [path, JSON.stringify(value)])));
  return { home, projectRoot, cwd: projectRoot, configDir: join(home, '.wright'), managedPath: join(root, 'etc', 'wright', 'settings.json') };
}

function permissions(options: LoadSettingsOptions) {
  const result = loadSettings(options);
  if (!result.ok) assert.fail(result.error.format());
  return result.settings.permissions;
}

const RULES = (name: string) => ({ permissions: { allow: [`Bash(${name} allow)`], ask: [`Bash(${name} ask)`], deny: [`Bash(${name} deny)`] } });
const texts = (entries: Array<{ rule: string }>) => entries.map((entry) => entry.rule);

describe('permission rules across scopes', () => {
  it('merges the lists of every scope, highest first', () => {
    const p = permissions(world({ 'etc/wright/settings.json': RULES('managed'), 'home/repo/.wright/settings.json': RULES('project'), 'home/.wright/settings.json': RULES('user') }));
    assert.deepEqual(texts(p.rules.allow), ['Bash(managed allow)', 'Bash(project allow)', 'Bash(user allow)']);
    assert.deepEqual(texts(p.rules.deny), ['Bash(managed deny)', 'Bash(project deny)', 'Bash(user deny)']);
    assert.equal(p.managedRulesOnly, false);
  });

  it('keeps only managed rules when managed settings set allowManagedPermissionRulesOnly', () => {
    const p = permissions(
      world({
        'etc/wright/settings.json': { ...RULES('managed'), allowManagedPermissionRulesOnly: true },
        'home/repo/.wright/settings.json': RULES('project'),
        'home/repo/.wright/settings.local.json': RULES('local'),
        'home/.wright/settings.json': RULES('user'),
      }),
    );
    assert.deepEqual(texts(p.rules.allow), ['Bash(managed allow)']);
    assert.deepEqual(texts(p.rules.ask), ['Bash(managed ask)']);
    assert.deepEqual(texts(p.rules.deny), ['Bash(managed deny)']);
    assert.equal(p.managedRulesOnly, true);
  });

  it('ignores allowManagedPermissionRulesOnly anywhere but managed settings', () => {
    const p = permissions(
      world({
        'etc/wright/settings.json': RULES('managed'),
        'home/repo/.wright/settings.json': { ...RULES('project'), allowManagedPermissionRulesOnly: true },
      }),
    );
    assert.deepEqual(texts(p.rules.allow), ['Bash(managed allow)', 'Bash(project allow)']);
    assert.equal(p.managedRulesOnly, false);
  });

  it('rejects a value that is not a boolean', () => {
    const result = loadSettings(world({ 'etc/wright/settings.json': { allowManagedPermissionRulesOnly: 'yes' } }));
    assert.equal(result.ok, false);
  });
});
