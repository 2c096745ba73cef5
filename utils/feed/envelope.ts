import { base64ToBytes, bytesToBase64 } from './base64';

/**
 * The signed envelope: the one static file that is published.
 *
 *   {"format":"portal-guard-feed","keyId":"…","alg":"Ed25519","signature":"<base64>","payload":"<canonical feed JSON>"}
 *
 * The payload is carried as a string so the signature covers exact bytes (its UTF-8 encoding),
 * with no re-serialisation between signing and verifying. The key id travels in the envelope so
 * several pinned keys can be trusted at once during a rotation.
 */

export const ENVELOPE_FORMAT = 'portal-guard-feed';
/**
 * The signed index of a published edition (utils/feed/edition.ts). A different `format` keeps the two
 * kinds of signed file apart: an index can never be taken for a feed, nor a feed for an index.
 */
export const INDEX_ENVELOPE_FORMAT = 'portal-guard-feed-index';
export type EnvelopeFormat = typeof ENVELOPE_FORMAT | typeof INDEX_ENVELOPE_FORMAT;
export const SIGNATURE_ALG = 'Ed25519';

export interface FeedEnvelope {
  format: EnvelopeFormat;
  keyId: string;
  alg: typeof SIGNATURE_ALG;
  signature: string;
  payload: string;
}

/** A public key the extension trusts. `publicKey` is the raw 32-byte Ed25519 key in base64url. */
export interface PinnedKey {
  keyId: string;
  alg: typeof SIGNATURE_ALG;
  publicKey: string;
}

export type EnvelopeErrorCode = 'malformed-json' | 'malformed-envelope' | 'missing-signature' | 'malformed-signature' | 'unsupported-alg' | 'unknown-key' | 'bad-signature';
export interface EnvelopeError {
  ok: false;
  code: EnvelopeErrorCode;
  /** A short phrase for people: the popup shows "The last update was refused: <reason>." */
  reason: string;
}

const fail = (code: EnvelopeErrorCode, reason: string): EnvelopeError => ({ ok: false, code, reason });

/** Check the envelope's shape, without any cryptography. */
export function readEnvelope(text: string, format: EnvelopeFormat = ENVELOPE_FORMAT): { ok: true; envelope: FeedEnvelope } | EnvelopeError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('malformed-json', `the feed file is not valid JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('malformed-envelope', 'the feed file is not a signed Portal Guard feed');
  const record = value as Record<string, unknown>;
  if (record.format !== format) return fail('malformed-envelope', `the file is not a signed Portal Guard ${format === ENVELOPE_FORMAT ? 'feed' : 'feed index'} (format is ${JSON.stringify(record.format)})`);
  if (typeof record.payload !== 'string') return fail('malformed-envelope', 'the feed file has no payload');
  if (record.signature === undefined || record.signature === '') return fail('missing-signature', 'the feed is not signed');
  if (typeof record.keyId !== 'string' || record.keyId === '') return fail('malformed-envelope', 'the feed file does not name its signing key');
  if (record.alg !== SIGNATURE_ALG) return fail('unsupported-alg', `the signature algorithm ${JSON.stringify(record.alg)} is not supported`);
  if (typeof record.signature !== 'string') return fail('malformed-signature', 'the signature is not a base64 string');
  return { ok: true, envelope: { format, keyId: record.keyId, alg: SIGNATURE_ALG, signature: record.signature, payload: record.payload } };
}

/** Verify an envelope against the pinned keys; on success the payload is the exact signed text. */
export async function verifyEnvelope(text: string, keys: readonly PinnedKey[], subtle: SubtleCrypto = globalThis.crypto.subtle, format: EnvelopeFormat = ENVELOPE_FORMAT): Promise<{ ok: true; envelope: FeedEnvelope } | EnvelopeError> {
  const read = readEnvelope(text, format);
  if (!read.ok) return read;
  const { envelope } = read;
  const key = keys.find((candidate) => candidate.keyId === envelope.keyId);
  if (!key) return fail('unknown-key', `the feed is signed with key ${JSON.stringify(envelope.keyId)}, which this version of Portal Guard does not trust`);
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = base64ToBytes(envelope.signature);
  } catch {
    return fail('malformed-signature', 'the signature is not valid base64');
  }
  if (signature.length !== 64) return fail('malformed-signature', `the signature is ${signature.length} bytes long, not the 64 bytes of an Ed25519 signature`);
  const publicKey = await subtle.importKey('raw', base64ToBytes(key.publicKey), { name: SIGNATURE_ALG }, false, ['verify']);
  const valid = await subtle.verify({ name: SIGNATURE_ALG }, publicKey, signature, new TextEncoder().encode(envelope.payload));
  if (!valid) return fail('bad-signature', `the signature does not match the feed's contents (key ${JSON.stringify(key.keyId)})`);
  return { ok: true, envelope };
}

/** Sign a payload with a private Ed25519 JWK; returns the envelope file's text. */
export async function signPayload(payload: string, privateKey: JsonWebKey, keyId: string, subtle: SubtleCrypto = globalThis.crypto.subtle, format: EnvelopeFormat = ENVELOPE_FORMAT): Promise<string> {
  if (privateKey.kty !== 'OKP' || privateKey.crv !== SIGNATURE_ALG || !privateKey.d) throw new Error('the signing key must be a private Ed25519 JWK (kty OKP, crv Ed25519, with "d")');
  const key = await subtle.importKey('jwk', privateKey, { name: SIGNATURE_ALG }, false, ['sign']);
  const signature = new Uint8Array(await subtle.sign({ name: SIGNATURE_ALG }, key, new TextEncoder().encode(payload)));
  return serializeEnvelope({ format, keyId, alg: SIGNATURE_ALG, signature: bytesToBase64(signature), payload });
}

/** The published file: fixed key order, one line, a trailing newline. */
export function serializeEnvelope(envelope: FeedEnvelope): string {
  const { format, keyId, alg, signature, payload } = envelope;
  return `${JSON.stringify({ format, keyId, alg, signature, payload })}\n`;
}
