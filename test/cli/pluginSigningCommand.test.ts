import assert from 'node:assert/strict';
import { readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PLUGIN_SIGNING_SUBCOMMANDS, runPluginSigningCommand, type PluginSigningIo } from '../../src/cli/pluginSigningCommand.js';
import { makeTempDir, removeTempDirs, writeFiles } from '../config/tempFiles.js';

after(removeTempDirs);

interface World {
  root: string;
  home: string;
  project: string;
  plugin: string;
}

/** A home with no settings, a git project, and a plugin inside the project. */
function world(): World {
  const root = makeTempDir();
  const home = join(root, 'home');
  const project = join(root, 'project');
  const plugin = join(project, 'plugins', 'demo');
  writeFiles(root, {
    'project/.git/HEAD': 'ref: refs/heads/main\n',
    'project/plugins/demo/.wright-plugin/plugin.json': '{"name":"demo"}',
    'project/plugins/demo/commands/hi.md': 'Hi.\n',
    'home/.keep': '',
  });
  return { root, home, project, plugin };
}

async function run(w: World, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: PluginSigningIo = {
    cwd: w.project,
    env: { HOME: w.home, WRIGHT_MANAGED_SETTINGS_PATH: join(w.root, 'managed.json') },
    out: (text) => (out += text),
    err: (text) => (err += text),
  };
  const code = await runPluginSigningCommand(argv, io);
  return { code, out, err };
}

async function keygen(w: World, prefix = 'author'): Promise<{ pub: string; keyId: string; keyFile: string }> {
  const result = await run(w, 'keygen', join(w.root, prefix));
  assert.equal(result.code, 0, result.err);
  const keyId = /Key id: ([0-9a-f]{16})/.exec(result.out)?.[1];
  assert.ok(keyId, result.out);
  return { pub: readFileSync(join(w.root, `${prefix}.pub`), 'utf8').trim(), keyId, keyFile: join(w.root, `${prefix}.key`) };
}

describe('wright plugin keygen|sign|verify', () => {
  it('names its subcommands', () => {
    assert.deepEqual([...PLUGIN_SIGNING_SUBCOMMANDS], ['keygen', 'sign', 'verify']);
  });

  it('keygen writes a private PEM readable only by the owner and a base64 public key, and never overwrites', async () => {
    const w = world();
    const { pub, keyFile } = await keygen(w);
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.match(readFileSync(keyFile, 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.equal(Buffer.from(pub, 'base64').length, 32);
    const again = await run(w, 'keygen', join(w.root, 'author'));
    assert.equal(again.code, 1);
    assert.match(again.err, /already exists/);
    assert.equal(readFileSync(join(w.root, 'author.pub'), 'utf8').trim(), pub);
  });

  it('signs a plugin and verifies it against a key given as a literal, a key id or a .pub file', async () => {
    const w = world();
    const { pub, keyId, keyFile } = await keygen(w);
    const signed = await run(w, 'sign', 'plugins/demo', '--key', keyFile);
    assert.equal(signed.code, 0, signed.err);
    assert.match(signed.out, new RegExp(`Signed 2 files in .*demo with key ${keyId}`));
    for (const trusted of [pub, keyId, join(w.root, 'author.pub'), `--trusted-key=${pub}`]) {
      const args = trusted.startsWith('--') ? [trusted] : ['--trusted-key', trusted];
      const verified = await run(w, 'verify', 'plugins/demo', ...args);
      assert.equal(verified.code, 0, verified.err);
      assert.match(verified.out, new RegExp(`valid signature by trusted key ${keyId}`));
    }
  });

  it('verify fails for an untrusted key, an unsigned plugin and a tampered one, saying which', async () => {
    const w = world();
    const { keyFile, keyId } = await keygen(w);
    const other = await keygen(w, 'other');
    const unsigned = await run(w, 'verify', w.plugin);
    assert.equal(unsigned.code, 1);
    assert.match(unsigned.err, /not signed/);
    assert.equal((await run(w, 'sign', w.plugin, '--key', keyFile)).code, 0);
    const untrusted = await run(w, 'verify', w.plugin, '--trusted-key', other.pub);
    assert.equal(untrusted.code, 1);
    assert.match(untrusted.err, new RegExp(`key ${keyId} is not trusted`));
    writeFileSync(join(w.plugin, 'commands/hi.md'), 'Hi!\n');
    const tampered = await run(w, 'verify', w.plugin, '--trusted-key', keyId);
    assert.equal(tampered.code, 1);
    assert.match(tampered.err, /TAMPERED: commands\/hi.md was changed since signing/);
  });

  it('verify trusts keys from user settings but not from the project settings', async () => {
    const w = world();
    const { keyFile, pub } = await keygen(w);
    assert.equal((await run(w, 'sign', w.plugin, '--key', keyFile)).code, 0);
    writeFiles(w.project, { '.wright/settings.json': JSON.stringify({ plugins: { trustedKeys: [pub] } }) });
    assert.equal((await run(w, 'verify', w.plugin)).code, 1);
    writeFiles(w.home, { '.wright/settings.json': JSON.stringify({ plugins: { trustedKeys: [pub, 'not a key'] } }) });
    const verified = await run(w, 'verify', w.plugin);
    assert.equal(verified.code, 0, verified.err);
    assert.match(verified.err, /"not a key" is not a base64 Ed25519 key.*ignored/);
  });

  it('refuses to sign with a missing key or a plugin holding a symbolic link', async () => {
    const w = world();
    const missing = await run(w, 'sign', w.plugin, '--key', join(w.root, 'nope.key'));
    assert.equal(missing.code, 1);
    assert.match(missing.err, /cannot read the key .*ENOENT/);
    const { keyFile } = await keygen(w);
    symlinkSync('/etc/hostname', join(w.plugin, 'host'));
    const refused = await run(w, 'sign', w.plugin, '--key', keyFile);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /cannot sign host: a symbolic link/);
  });

  it('answers usage errors with exit 2 and the usage text', async () => {
    const w = world();
    for (const argv of [[], ['bogus'], ['sign', w.plugin], ['verify'], ['verify', join(w.root, 'absent')], ['verify', w.plugin, '--trusted-key', 'zzz'], ['keygen'], ['sign', w.plugin, '--key']]) {
      const result = await run(w, ...argv);
      assert.equal(result.code, 2, argv.join(' '));
      assert.match(result.err, /Usage: wright plugin keygen/);
    }
  });
});
