// allowManagedMcpServersOnly: in managed settings, only the managed allowlist of MCP servers counts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadSettings } from '../../src/config/settings.js';
import { removeTempDirs, settingsWorld, writeFiles } from './tempFiles.js';

after(removeTempDirs);

const load = (files: Record<string, unknown>) => {
  const w = settingsWorld();
  writeFiles(w.root, Object.fromEntries(Object.entries(files).map(([path, value]) => [path, JSON.stringify(value)])));
  const result = loadSettings(w);
  if (!result.ok) assert.fail(result.error.format());
  return result.settings.raw;
};

describe('MCP server allow lists in settings', () => {
  it('without allowManagedMcpServersOnly every file adds to the allow list', () => {
    const raw = load({
      'etc/wright/settings.json': { allowedMcpServers: [{ serverName: 'github' }] },
      'home/work/repo/.wright/settings.json': { allowedMcpServers: [{ serverName: 'evil' }] },
    });
    assert.deepEqual(raw.allowedMcpServers, [{ serverName: 'github' }, { serverName: 'evil' }]);
  });

  it('with it, a project file cannot widen the managed allow list; deny lists still merge', () => {
    const raw = load({
      'etc/wright/settings.json': { allowManagedMcpServersOnly: true, allowedMcpServers: [{ serverName: 'github' }], deniedMcpServers: [{ serverName: 'a' }] },
      'home/work/repo/.wright/settings.json': { allowedMcpServers: [{ serverName: 'evil' }], deniedMcpServers: [{ serverName: 'b' }] },
      'home/.wright/settings.json': { allowedMcpServers: [{ serverName: 'mine' }] },
    });
    assert.deepEqual(raw.allowedMcpServers, [{ serverName: 'github' }]);
    assert.deepEqual(raw.deniedMcpServers, [{ serverName: 'a' }, { serverName: 'b' }]);
  });

  it('the switch counts only in managed settings', () => {
    const raw = load({
      'etc/wright/settings.json': { allowedMcpServers: [{ serverName: 'github' }] },
      'home/work/repo/.wright/settings.json': { allowManagedMcpServersOnly: true, allowedMcpServers: [{ serverName: 'extra' }] },
    });
    assert.deepEqual(raw.allowedMcpServers, [{ serverName: 'github' }, { serverName: 'extra' }]);
  });
});
