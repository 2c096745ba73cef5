import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../portals/catalogue';
import { base64ToBytes } from './base64';
import { PRODUCTION_KEYS, TEST_KEY, pinnedKeys } from './keys';
import type { Notice } from './schema';
import { verifyFeed } from './verify';

/**
 * Meta tests for what ships: the bundled feed verifies with the production key alone, its notices
 * point at catalogue portals, and the committed test key is never trusted by default.
 */

const ROOT = join(import.meta.dirname, '../..');
const bundled = readFileSync(join(ROOT, 'public/feed/feed.json'), 'utf8');
const verified = await verifyFeed(bundled, PRODUCTION_KEYS);
if (!verified.ok) throw new Error(`public/feed/feed.json: ${verified.reason}`);
const { feed } = verified;
const notice = (id: string): Notice => {
  const found = feed.notices.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no notice ${id}`);
  return found;
};

describe('the bundled feed (public/feed/feed.json)', () => {
  it('is signed by a pinned production key, not the test key', () => {
    expect(PRODUCTION_KEYS.map((key) => key.keyId)).toContain(verified.envelope.keyId);
    expect(verified.envelope.keyId).not.toBe(TEST_KEY.keyId);
  });

  it('holds at least 12 real notices, sorted by id', () => {
    expect(feed.notices.length).toBeGreaterThanOrEqual(12);
    const ids = feed.notices.map((item) => item.id);
    expect(ids).toEqual([...ids].sort());
  });

  it.each(feed.notices.map((item) => [item.id, item] as const))('%s names only catalogue portals', (_id, item) => {
    const known = new Set<string>(CATALOGUE.map((portal) => portal.id));
    for (const portal of item.portals) expect(known, `${portal} is not in the catalogue`).toContain(portal);
  });

  it('carries the Manage My Health notice in full', () => {
    const mmh = notice('nz-managemyhealth-2025-12');
    expect(mmh).toMatchObject({
      portals: ['managemyhealth'],
      breach: { start: '2025-12-29', discovered: '2025-12-30' },
      disclosed: '2026-01-01',
      affected: { count: 99416, estimate: false, unverified: true },
      notAffected: expect.arrayContaining(['appointments', 'prescriptions', 'secure-messages', 'credentials']),
    });
    expect(mmh.dataClasses).toEqual(expect.arrayContaining(['clinical-documents', 'discharge-summaries', 'referral-letters', 'uploaded-documents', 'names', 'dates-of-birth', 'national-health-identifiers', 'physical-addresses', 'email-addresses', 'phone-numbers']));
    expect(mmh.dataClassDetails?.find((detail) => detail.dataClass === 'referral-letters')?.documentWindow).toEqual({ from: '2017', to: '2019' });
    expect(mmh.links.map((link) => link.url)).toEqual(expect.arrayContaining(['https://managemyhealth.co.nz/mmh-cyber-breach-update', 'https://www.privacy.org.nz/focus-areas/manage-my-health-inquiry']));
  });

  it('marks every figure that only secondary sources give as unverified', () => {
    for (const item of feed.notices) {
      if (item.affected) expect(item.affected.source, item.id).toMatch(/^https?:\/\//);
    }
    expect(notice('uk-synnovis-2024').affected).toMatchObject({ estimate: true, unverified: true });
    expect(notice('us-uwhealth-2021').affected).toMatchObject({ count: 4318, estimate: false });
  });
});

describe('pinned keys', () => {
  it('a default build trusts only the production keys', () => {
    expect(pinnedKeys()).toEqual(PRODUCTION_KEYS);
    expect(pinnedKeys([])).toEqual(PRODUCTION_KEYS);
  });

  it('the test key flag adds the test key and nothing else', () => {
    expect(pinnedKeys([TEST_KEY])).toEqual([...PRODUCTION_KEYS, TEST_KEY]);
  });

  it('never pins the test key, or a key id twice, in production', () => {
    const ids = PRODUCTION_KEYS.map((key) => key.keyId);
    expect(ids).not.toContain(TEST_KEY.keyId);
    expect(PRODUCTION_KEYS.map((key) => key.publicKey)).not.toContain(TEST_KEY.publicKey);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('TEST_KEY is the public half of the committed test key', () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/feed-keys/test-only-1.signing.jwk'), 'utf8')) as { x: string; kid: string };
    expect(TEST_KEY).toEqual({ keyId: fixture.kid, alg: 'Ed25519', publicKey: fixture.x });
    expect(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/feed-keys/test-only-1.public.json'), 'utf8'))).toEqual(TEST_KEY);
  });

  it.each(PRODUCTION_KEYS.map((key) => [key.keyId, key] as const))('%s is a raw 32-byte Ed25519 public key', async (_id, key) => {
    expect(base64ToBytes(key.publicKey)).toHaveLength(32);
    await expect(crypto.subtle.importKey('raw', base64ToBytes(key.publicKey), { name: 'Ed25519' }, false, ['verify'])).resolves.toBeDefined();
  });
});
