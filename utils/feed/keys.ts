import type { PinnedKey } from './envelope';

/**
 * The public keys the extension trusts for the breach-notice feed.
 *
 * Several keys may be pinned at once, for rotation: pin the new key in a release, start signing with
 * it once that release is out, and drop the old key in a later release (docs/feed.md, "Rotating
 * keys"). A lost or leaked private key is handled the same way: pin a new key, unpin the old one.
 * Stored feeds are verified again when the background starts, so a feed signed by an unpinned key
 * stops being used with the release that unpins it.
 */
export const PRODUCTION_KEYS: readonly PinnedKey[] = [
  // Generated 2026 with `npm run feed -- keygen`; the private key is kept offline / as a CI secret.
  { keyId: 'portal-guard-2026-1', alg: 'Ed25519', publicKey: 'XTxkqBABM4gZ6sNnaVFJSIM7UkUzPW2muBUuDMEGsuo' },
];

/**
 * The test key. Its private half is committed (test/fixtures/feed-keys/test-only-1.signing.jwk), so
 * it must never be trusted by a build that users get: only a build made with
 * `WXT_PORTAL_GUARD_TEST_FEED_KEY=1` (the e2e build) trusts it, and unit tests pass it explicitly.
 */
export const TEST_KEY: PinnedKey = { keyId: 'test-only-1', alg: 'Ed25519', publicKey: 'WvTFNDckPXIn2RHzmPmwA-j9dmPDxrYZUcf-FHMOgoA' };

/**
 * The keys to verify with: the production keys, plus the test key only in a build made with
 * `WXT_PORTAL_GUARD_TEST_FEED_KEY=1`. Vite replaces `import.meta.env.WXT_*` at build time, so in a
 * default build the condition is the constant `false` and the test key is not even in the bundle.
 * The CLI and unit tests pass the keys they want explicitly.
 */
export function pinnedKeys(testKeys: readonly PinnedKey[] = import.meta.env.WXT_PORTAL_GUARD_TEST_FEED_KEY === '1' ? [TEST_KEY] : []): readonly PinnedKey[] {
  return testKeys.length === 0 ? PRODUCTION_KEYS : [...PRODUCTION_KEYS, ...testKeys];
}
