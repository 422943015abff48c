// Ed25519 signatures over a plugin directory, and the admission rule built on them.
//
// The signature file is `.wright-plugin/signature.json` (`.claude-plugin/signature.json` is read too):
//
//   { "version": 1, "algorithm": "ed25519",
//     "publicKey": "<base64 of the raw 32-byte key>", "keyId": "<first 16 hex of sha256(raw key)>",
//     "digest": "<hex, see pluginDigest.ts>", "signature": "<base64 of the 64-byte signature>",
//     "signedAt": "<ISO 8601, informational>",
//     "files": [{ "path": "…", "executable": false, "sha256": "<hex>" }, …] }
//
// The signature is Ed25519 over the ASCII bytes of "wright-plugin-signature v1 " + digest. `files`
// is the canonical listing the digest was computed from; it must hash to `digest`, so it is covered
// by the signature too, and it lets verification name the first file that changed.
//
// When both signature files exist, `.wright-plugin/signature.json` is the one verified and the other
// is ignored (both are outside the digest). There is no fallback from a broken `.wright-plugin` one
// to the `.claude-plugin` one: which file counts never depends on what it contains.
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sign as edSign, verify as edVerify } from 'node:crypto';
import { z } from 'zod';
import { compareCanonical, digestOf, isExcludedPath, listPluginFiles, pathProblem, SIGNATURE_PATHS, type DigestEntry } from './pluginDigest.js';
import { decodeBase64, isTrusted, keyIdOf, parseTrustedKey, publicKeyFromRaw, rawPublicKey, readPrivateKey, RAW_KEY_BYTES, type TrustedKey } from './pluginKeys.js';

export type VerifyResult =
  | { status: 'valid'; keyId: string }
  | { status: 'unsigned' }
  | { status: 'tampered'; detail: string }
  | { status: 'untrusted'; keyId: string }
  | { status: 'invalid'; detail: string };

export type SignResult = { ok: true; keyId: string; path: string; files: number } | { ok: false; problem: string };

export type Admission = { ok: true } | { ok: false; reason: string };

/** The `plugins` settings that admission reads (merged from user and managed settings only). */
export interface PluginSigningSettings {
  plugins?: { requireSignature?: boolean | undefined; trustedKeys?: readonly string[] | undefined } | undefined;
}

const SIGNED_PREFIX = 'wright-plugin-signature v1 ';
const HEX64 = /^[0-9a-f]{64}$/;

const signatureFileSchema = z.object({
  version: z.literal(1),
  algorithm: z.literal('ed25519'),
  publicKey: z.string(),
  keyId: z.string(),
  digest: z.string().regex(HEX64, 'must be 64 lowercase hex digits'),
  signature: z.string(),
  signedAt: z.string().optional(),
  files: z.array(z.strictObject({ path: z.string(), executable: z.boolean(), sha256: z.string().regex(HEX64, 'must be 64 lowercase hex digits') })),
});

type SignatureFile = z.infer<typeof signatureFileSchema>;

/** Signs the plugin directory with an Ed25519 private key (PEM), writing the signature file. */
export function signPlugin(dir: string, privateKeyPem: string, now: Date = new Date()): SignResult {
  const key = readPrivateKey(privateKeyPem);
  if (!key.ok) return { ok: false, problem: `the signing key is ${key.problem}` };
  const listing = listPluginFiles(dir);
  if (!listing.ok) return { ok: false, problem: `cannot sign ${listing.path}: ${listing.problem}` };
  const digest = digestOf(listing.entries);
  const raw = rawPublicKey(key.key);
  const body: SignatureFile = {
    version: 1,
    algorithm: 'ed25519',
    publicKey: raw.toString('base64'),
    keyId: keyIdOf(raw),
    digest,
    signature: edSign(null, Buffer.from(SIGNED_PREFIX + digest, 'ascii'), key.key).toString('base64'),
    signedAt: now.toISOString(),
    files: listing.entries,
  };
  const relative = signatureWritePath(dir);
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return { ok: true, keyId: body.keyId, path, files: listing.entries.length };
}

/**
 * Re-signing overwrites the signature file that verification would read; a fresh signature goes
 * next to the manifest (`.wright-plugin/` unless only `.claude-plugin/plugin.json` exists).
 */
function signatureWritePath(dir: string): string {
  const existing = SIGNATURE_PATHS.find((path) => existsSync(join(dir, path)));
  if (existing !== undefined) return existing;
  if (!existsSync(join(dir, '.wright-plugin', 'plugin.json')) && existsSync(join(dir, '.claude-plugin', 'plugin.json'))) return SIGNATURE_PATHS[1];
  return SIGNATURE_PATHS[0];
}

/** Checks the plugin's signature against its files and the trusted keys (base64 raw keys, key ids or PEM). */
export function verifyPluginSignature(dir: string, trustedKeys: readonly string[]): VerifyResult {
  const found = readSignatureFile(dir);
  if (found === null) return { status: 'unsigned' };
  if (!found.ok) return { status: 'invalid', detail: found.detail };
  const file = found.file;

  const raw = decodeBase64(file.publicKey);
  if (raw === null || raw.length !== RAW_KEY_BYTES) return { status: 'invalid', detail: `${found.path}: publicKey is not a base64 ${RAW_KEY_BYTES}-byte Ed25519 key` };
  const keyId = keyIdOf(raw);
  if (file.keyId !== keyId) return { status: 'invalid', detail: `${found.path}: keyId ${file.keyId} does not belong to its publicKey (${keyId})` };
  const signature = decodeBase64(file.signature);
  if (signature === null || signature.length !== 64) return { status: 'invalid', detail: `${found.path}: signature is not a base64 64-byte Ed25519 signature` };
  const listProblem = storedListProblem(file.files);
  if (listProblem !== null) return { status: 'invalid', detail: `${found.path}: ${listProblem}` };
  if (digestOf(file.files) !== file.digest) return { status: 'invalid', detail: `${found.path}: the file list does not match the digest` };
  let verified: boolean;
  try {
    verified = edVerify(null, Buffer.from(SIGNED_PREFIX + file.digest, 'ascii'), publicKeyFromRaw(raw), signature);
  } catch (error) {
    return { status: 'invalid', detail: `${found.path}: ${(error as Error).message}` };
  }
  if (!verified) return { status: 'invalid', detail: `${found.path}: the signature does not verify with its public key` };

  let listing: ReturnType<typeof listPluginFiles>;
  try {
    listing = listPluginFiles(dir);
  } catch (error) {
    return { status: 'invalid', detail: `cannot read the plugin: ${(error as Error).message}` };
  }
  if (!listing.ok) return { status: 'tampered', detail: `${listing.path} is ${listing.problem}` };
  const difference = firstDifference(file.files, listing.entries);
  if (difference !== null) return { status: 'tampered', detail: difference };
  // The stored list matched file for file, so this only guards the digest code itself.
  if (digestOf(listing.entries) !== file.digest) return { status: 'tampered', detail: 'the plugin digest differs' };

  const trusted = trustedKeys.map(parseTrustedKey).filter((key): key is TrustedKey => key !== null);
  return isTrusted(raw, trusted) ? { status: 'valid', keyId } : { status: 'untrusted', keyId };
}

type FoundSignature = { ok: true; path: string; file: SignatureFile } | { ok: false; detail: string };

function readSignatureFile(dir: string): FoundSignature | null {
  for (const path of SIGNATURE_PATHS) {
    let text: string;
    try {
      text = readFileSync(join(dir, path), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      return { ok: false, detail: `cannot read ${path}: ${code ?? String(error)}` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { ok: false, detail: `${path} is not JSON: ${(error as Error).message}` };
    }
    const parsed = signatureFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return { ok: false, detail: `${path}: ${issue.path.join('.') || '(top level)'} ${issue.message}` };
    }
    return { ok: true, path, file: parsed.data };
  }
  return null;
}

// The stored list is attacker-controlled text until it is checked: its paths must be ones the walk
// could have produced, in canonical order without repeats, or it could hide a file behind a
// duplicate or name one outside the plugin.
function storedListProblem(files: readonly DigestEntry[]): string | null {
  for (let i = 0; i < files.length; i++) {
    const path = files[i]!.path;
    const problem = pathProblem(path);
    if (problem !== null) return `the file list names ${JSON.stringify(path)}: ${problem}`;
    if (isExcludedPath(path)) return `the file list names ${JSON.stringify(path)}, which is never part of a signature`;
    if (i > 0 && compareCanonical(files[i - 1]!.path, path) >= 0) return `the file list is not in canonical order at ${JSON.stringify(path)}`;
  }
  return null;
}

/** The first file, in canonical order, that was changed, added or removed since signing, or null. */
function firstDifference(signed: readonly DigestEntry[], found: readonly DigestEntry[]): string | null {
  let i = 0;
  let j = 0;
  while (i < signed.length || j < found.length) {
    const a = signed[i];
    const b = found[j];
    const order = a === undefined ? 1 : b === undefined ? -1 : compareCanonical(a.path, b.path);
    if (order < 0) return `${a!.path} was removed since signing`;
    if (order > 0) return `${b!.path} was added since signing`;
    if (a!.sha256 !== b!.sha256) return `${a!.path} was changed since signing`;
    if (a!.executable !== b!.executable) return `${a!.path} ${b!.executable ? 'became' : 'is no longer'} executable since signing`;
    i++;
    j++;
  }
  return null;
}

/**
 * Whether a plugin may load. With `plugins.requireSignature`, only a valid signature by a trusted
 * key admits it. Without, unsigned plugins and plugins signed by keys nobody trusts load as before,
 * but a signature that is present and does not hold (tampered or invalid) always refuses: it means
 * the files are not what their signer shipped.
 */
export function admitPlugin(dir: string, settings: PluginSigningSettings, id: string = dir): Admission {
  const requireSignature = settings.plugins?.requireSignature === true;
  const result = verifyPluginSignature(dir, settings.plugins?.trustedKeys ?? []);
  switch (result.status) {
    case 'valid':
      return { ok: true };
    case 'tampered':
      return { ok: false, reason: `plugin ${id} does not match its signature: ${result.detail}` };
    case 'invalid':
      return { ok: false, reason: `plugin ${id} has a broken signature: ${result.detail}` };
    case 'unsigned':
      return requireSignature ? { ok: false, reason: `plugin ${id} is not signed, and settings require signed plugins (plugins.requireSignature)` } : { ok: true };
    case 'untrusted':
      return requireSignature
        ? { ok: false, reason: `plugin ${id} is signed by key ${result.keyId}, which is not in plugins.trustedKeys (user or managed settings)` }
        : { ok: true };
  }
}

/** admitPlugin with the settings bound, in the `(pluginDir, id)` shape the plugin loader calls. */
export function pluginAdmission(settings: PluginSigningSettings): (pluginDir: string, id: string) => Admission {
  return (pluginDir, id) => admitPlugin(pluginDir, settings, id);
}
