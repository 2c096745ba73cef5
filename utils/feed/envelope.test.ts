import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { readEnvelope, serializeEnvelope, signPayload, verifyEnvelope } from './envelope';
import { PRODUCTION_KEYS, TEST_KEY } from './keys';
import { sampleFeed, signedFeed, TEST_KEYS, TEST_SIGNING_JWK } from './test-fixtures';

const payload = canonicalJson(sampleFeed());

describe('sign and verify', () => {
  it('round-trips: the payload comes back byte for byte, with the key id', async () => {
    const text = await signPayload(payload, TEST_SIGNING_JWK, 'test-only-1');
    const result = await verifyEnvelope(text, TEST_KEYS);
    expect(result).toMatchObject({ ok: true, envelope: { keyId: 'test-only-1', alg: 'Ed25519', payload } });
  });

  it('writes one line with a fixed key order', async () => {
    const text = await signPayload(payload, TEST_SIGNING_JWK, 'test-only-1');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(2);
    expect(Object.keys(JSON.parse(text))).toEqual(['format', 'keyId', 'alg', 'signature', 'payload']);
  });

  it('refuses to sign with anything but a private Ed25519 JWK', async () => {
    const { d: _private, ...publicOnly } = TEST_SIGNING_JWK;
    await expect(signPayload(payload, publicOnly, 'test-only-1')).rejects.toThrow('private Ed25519 JWK');
  });
});

describe('refusals, each with its own reason', () => {
  const good = (): Promise<string> => signedFeed(payload);
  const edit = async (change: (envelope: Record<string, unknown>) => void): Promise<string> => {
    const envelope = JSON.parse(await good()) as Record<string, unknown>;
    change(envelope);
    return JSON.stringify(envelope);
  };

  it.each<[string, () => Promise<string>, string, RegExp]>([
    ['not JSON at all', async () => 'not json {', 'malformed-json', /not valid JSON/],
    ['another format', () => edit((envelope) => (envelope.format = 'other-feed')), 'malformed-envelope', /not a signed Portal Guard feed/],
    ['no payload', () => edit((envelope) => delete envelope.payload), 'malformed-envelope', /no payload/],
    ['a missing signature', () => edit((envelope) => delete envelope.signature), 'missing-signature', /not signed/],
    ['an empty signature', () => edit((envelope) => (envelope.signature = '')), 'missing-signature', /not signed/],
    ['no key id', () => edit((envelope) => delete envelope.keyId), 'malformed-envelope', /does not name its signing key/],
    ['another algorithm', () => edit((envelope) => (envelope.alg = 'RS256')), 'unsupported-alg', /"RS256" is not supported/],
    ['an unknown key id', () => edit((envelope) => (envelope.keyId = 'someone-else')), 'unknown-key', /"someone-else", which this version of Portal Guard does not trust/],
    ['a signature that is not base64', () => edit((envelope) => (envelope.signature = '!!!')), 'malformed-signature', /not valid base64/],
    ['a signature of the wrong length', () => edit((envelope) => (envelope.signature = 'AAAA')), 'malformed-signature', /3 bytes long/],
    ['a wrong signature', () => edit((envelope) => (envelope.signature = 'A'.repeat(86) + '==')), 'bad-signature', /does not match the feed's contents \(key "test-only-1"\)/],
    ['a valid signature over different bytes', () => edit((envelope) => (envelope.payload = `${String(envelope.payload)} `)), 'bad-signature', /does not match the feed's contents/],
  ])('%s', async (_name, make, code, reason) => {
    const result = await verifyEnvelope(await make(), TEST_KEYS);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok === false && result.reason).toMatch(reason);
  });

  it('refuses a feed signed by the test key when only production keys are pinned', async () => {
    const result = await verifyEnvelope(await good(), PRODUCTION_KEYS);
    expect(result).toMatchObject({ ok: false, code: 'unknown-key' });
  });

  it('refuses a signature made by another key under a pinned key id', async () => {
    const other = (await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair).privateKey)) as JsonWebKey;
    const result = await verifyEnvelope(await signPayload(payload, other, TEST_KEY.keyId), TEST_KEYS);
    expect(result).toMatchObject({ ok: false, code: 'bad-signature' });
  });
});

describe('readEnvelope', () => {
  it('ignores unknown envelope fields and reserialises in the fixed order', async () => {
    const envelope = JSON.parse(await signedFeed(payload)) as Record<string, unknown>;
    const read = readEnvelope(JSON.stringify({ comment: 'hello', ...envelope }));
    expect(read.ok).toBe(true);
    if (read.ok) expect(serializeEnvelope(read.envelope)).toBe(await signedFeed(payload));
  });
});
