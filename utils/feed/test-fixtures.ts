import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './canonical';
import { signPayload } from './envelope';
import { TEST_KEY } from './keys';

/**
 * Fixtures for feed tests (imported by *.test.ts only, never by the extension): a valid notice, a
 * feed around it, and signing with the committed TEST key.
 */

export const TEST_KEY_FILE = join(import.meta.dirname, '../../test/fixtures/feed-keys/test-only-1.signing.jwk');
export const TEST_SIGNING_JWK = JSON.parse(readFileSync(TEST_KEY_FILE, 'utf8')) as JsonWebKey & { kid: string };
export const TEST_KEYS = [TEST_KEY] as const;

export function sampleNotice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'nz-example-2026-01',
    portals: ['managemyhealth'],
    portalInvolved: true,
    title: 'Example portal: documents copied',
    summary: 'Someone copied documents from an example portal. Check your account security status.',
    organization: 'Example Health Limited',
    country: 'NZ',
    breach: { start: '2025-12-29', discovered: '2025-12-30' },
    disclosed: '2026-01-01',
    added: '2026-01-02',
    modified: '2026-01-02',
    affected: { count: 99416, estimate: false, unverified: true, source: 'https://example.org/report' },
    dataClasses: ['referral-letters', 'names'],
    dataClassDetails: [{ dataClass: 'referral-letters', documentWindow: { from: '2017', to: '2019' } }],
    notAffected: ['appointments', 'prescriptions'],
    status: 'notified',
    severity: 'high',
    links: [{ title: 'Official notice', url: 'https://example.org/notice', official: true }],
    sources: ['https://example.org/notice'],
    ...overrides,
  };
}

export function sampleFeed({ sequence = 2, generatedAt = '2026-06-01T00:00:00.000Z', notices = [sampleNotice()] }: { sequence?: number; generatedAt?: string; notices?: unknown[] } = {}): Record<string, unknown> {
  return { formatVersion: '1.0', sequence, generatedAt, notices };
}

/** A signed envelope for `feed` (an object, canonicalised; or exact payload text). */
export function signedFeed(feed: Record<string, unknown> | string, jwk: JsonWebKey & { kid?: string } = TEST_SIGNING_JWK, keyId = jwk.kid ?? 'test-only-1'): Promise<string> {
  return signPayload(typeof feed === 'string' ? feed : canonicalJson(feed), jwk, keyId);
}
