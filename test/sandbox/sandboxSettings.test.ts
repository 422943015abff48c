// `sandbox.*` settings: defaults, paths resolved per layer, how layers merge, and errors that point
// at the file, line and key.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadSettings, type LoadSettingsOptions } from '../../src/config/settings.js';
import { removeTempDirs, settingsWorld, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

const world = settingsWorld;

const MANAGED = 'etc/wright/settings.json';
const PROJECT = 'home/work/repo/.wright/settings.json';
const LOCAL = 'home/work/repo/.claude/settings.local.json';
const USER = 'home/.wright/settings.json';

function load(w: LoadSettingsOptions) {
  const result = loadSettings(w);
  if (!result.ok) assert.fail(result.error.format());
  return result.settings.sandbox;
}

describe('sandbox settings', () => {
  it('defaults to off, with auto-allow and the escape hatch on, and nothing allowed', () => {
    assert.deepEqual(load(world()), {
      enabled: false,
      failIfUnavailable: false,
      autoAllowBashIfSandboxed: true,
      allowUnsandboxedCommands: true,
      excludedCommands: [],
      filesystem: { allowWrite: [], denyWrite: [], denyRead: [], allowRead: [] },
      network: { allowedDomains: [], deniedDomains: [], allowLocalBinding: false },
    });
  });

  it('reads every key and resolves ~/, ./ and bare relative paths (against the project root) and absolute ones', () => {
    const w = world();
    writeFiles(w.root, {
      [PROJECT]: JSON.stringify({
        sandbox: {
          enabled: true,
          failIfUnavailable: true,
          autoAllowBashIfSandboxed: false,
          allowUnsandboxedCommands: false,
          excludedCommands: ['docker', 'make test *'],
          filesystem: { allowWrite: ['~/.cache/x', './build'], denyWrite: ['dist'], denyRead: ['/etc/secret'], allowRead: ['~/.ssh/known_hosts'] },
          network: { allowedDomains: ['Example.com', '*.npmjs.org'], deniedDomains: ['evil.example.com'], allowLocalBinding: true },
          bwrapPath: '~/bin/bwrap',
          httpProxyPort: 8080,
        },
      }),
    });
    const sandbox = load(w);
    assert.equal(sandbox.enabled, true);
    assert.equal(sandbox.failIfUnavailable, true);
    assert.equal(sandbox.autoAllowBashIfSandboxed, false);
    assert.equal(sandbox.allowUnsandboxedCommands, false);
    assert.deepEqual(sandbox.excludedCommands, ['docker', 'make test *']);
    assert.deepEqual(sandbox.filesystem, {
      allowWrite: [join(w.home, '.cache/x'), join(w.projectRoot, 'build')],
      denyWrite: [join(w.projectRoot, 'dist')],
      denyRead: ['/etc/secret'],
      allowRead: [join(w.home, '.ssh/known_hosts')],
    });
    assert.deepEqual(sandbox.network, { allowedDomains: ['example.com', '*.npmjs.org'], deniedDomains: ['evil.example.com'], allowLocalBinding: true });
    assert.equal(sandbox.bwrapPath, join(w.home, 'bin/bwrap'));
  });

  it('keeps a bare bwrapPath name for a PATH lookup', () => {
    const w = world();
    writeFiles(w.root, { [USER]: JSON.stringify({ sandbox: { bwrapPath: 'bwrap-custom' } }) });
    assert.equal(load(w).bwrapPath, 'bwrap-custom');
  });

  it('lets managed settings win every scalar: a project cannot switch the sandbox off or loosen it', () => {
    const w = world();
    writeFiles(w.root, {
      [MANAGED]: JSON.stringify({ sandbox: { enabled: true, allowUnsandboxedCommands: false, autoAllowBashIfSandboxed: false, failIfUnavailable: true } }),
      [PROJECT]: JSON.stringify({ sandbox: { enabled: false, allowUnsandboxedCommands: true, autoAllowBashIfSandboxed: true, failIfUnavailable: false } }),
      [USER]: JSON.stringify({ sandbox: { enabled: false } }),
    });
    const sandbox = load(w);
    assert.equal(sandbox.enabled, true);
    assert.equal(sandbox.allowUnsandboxedCommands, false);
    assert.equal(sandbox.autoAllowBashIfSandboxed, false);
    assert.equal(sandbox.failIfUnavailable, true);
  });

  it('unions the lists of every layer (denials cannot be dropped by a lower layer), without repeats', () => {
    const w = world();
    writeFiles(w.root, {
      [MANAGED]: JSON.stringify({ sandbox: { filesystem: { denyRead: ['/srv/keys'] }, network: { deniedDomains: ['evil.com'], allowedDomains: ['a.com'] } } }),
      [LOCAL]: JSON.stringify({ sandbox: { filesystem: { denyRead: ['./secrets', '/srv/keys'] }, network: { allowedDomains: ['b.com', 'a.com'] } } }),
      [USER]: JSON.stringify({ sandbox: { excludedCommands: ['docker'], network: { deniedDomains: ['tracker.com'] } } }),
    });
    const sandbox = load(w);
    assert.deepEqual(sandbox.filesystem.denyRead, ['/srv/keys', join(w.projectRoot, 'secrets')]);
    assert.deepEqual(sandbox.network.deniedDomains, ['evil.com', 'tracker.com']);
    assert.deepEqual(sandbox.network.allowedDomains, ['a.com', 'b.com']);
    assert.deepEqual(sandbox.excludedCommands, ['docker']);
  });

  it('points at the file, line and key of a bad value', () => {
    const w = world();
    const text = '{\n  "sandbox": {\n    "network": {\n      "allowedDomains": ["ok.com", "https://bad.com/x"]\n    }\n  }\n}\n';
    writeFiles(w.root, { [PROJECT]: text });
    const result = loadSettings(w);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.key, 'sandbox.network.allowedDomains[1]');
    assert.equal(result.error.line, 4);
    assert.match(result.error.format(), /settings\.json:4:\d+: sandbox\.network\.allowedDomains\[1\]: must be a host name such as "example\.com"/);
  });

  it('rejects a non-boolean enabled with its position', () => {
    const w = world();
    writeFiles(w.root, { [USER]: '{\n  "sandbox": { "enabled": "yes" }\n}' });
    const result = loadSettings(w);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.key, 'sandbox.enabled');
    assert.equal(result.error.line, 2);
  });
});
