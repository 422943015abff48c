// Ed25519 keys for plugin signing, in the forms people write them down: the raw 32-byte public key
// in base64 (what `wright plugin keygen` prints to `<prefix>.pub`), its key id (the first 16 hex
// digits of the SHA-256 of the raw key), or a PEM `PUBLIC KEY`.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { sha256Hex } from './pluginDigest.js';

export const RAW_KEY_BYTES = 32;

export type TrustedKey = { kind: 'key'; raw: Buffer; keyId: string } | { kind: 'id'; keyId: string };

export function keyIdOf(raw: Buffer): string {
  return sha256Hex(raw).slice(0, 16);
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** Strict base64 (standard alphabet, padded) decoding; null for anything else. */
export function decodeBase64(text: string): Buffer | null {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) return null;
  return Buffer.from(text, 'base64');
}

export function generateSigningKeys(): { privateKeyPem: string; publicKeyBase64: string; keyId: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyBase64: raw.toString('base64'),
    keyId: keyIdOf(raw),
  };
}

/** The Ed25519 private key in a PEM text, or a message saying what is wrong with it. */
export function readPrivateKey(pem: string): { ok: true; key: KeyObject } | { ok: false; problem: string } {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    return { ok: false, problem: `not a PEM private key (${(error as Error).message})` };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { ok: false, problem: `an ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519` };
  return { ok: true, key };
}

/** A trusted-key entry as written in settings or on the command line, or null when it is none of the accepted forms. */
export function parseTrustedKey(text: string): TrustedKey | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{16}$/.test(value)) return { kind: 'id', keyId: value.toLowerCase() };
  if (value.startsWith('-----BEGIN')) {
    try {
      const key = createPublicKey(value);
      if (key.asymmetricKeyType !== 'ed25519') return null;
      const raw = rawPublicKey(key);
      return { kind: 'key', raw, keyId: keyIdOf(raw) };
    } catch {
      return null;
    }
  }
  const raw = decodeBase64(value);
  if (raw === null || raw.length !== RAW_KEY_BYTES) return null;
  return { kind: 'key', raw, keyId: keyIdOf(raw) };
}

/**
 * Whether a signer's raw key is among the trusted ones. A full key must match byte for byte; a key
 * id (64 bits of the key's hash) is a shorter, weaker pin, accepted because it is what people
 * paste from `wright plugin keygen` output.
 */
export function isTrusted(raw: Buffer, trusted: readonly TrustedKey[]): boolean {
  const keyId = keyIdOf(raw);
  return trusted.some((entry) => (entry.kind === 'id' ? entry.keyId === keyId : entry.raw.equals(raw)));
}
