import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetActiveFeed, getActiveFeed } from '../state/active-feed';
import { PRODUCTION_KEYS, TEST_KEY } from '../feed/keys';
import { TEST_SIGNING_JWK, sampleFeed, sampleNotice, signedFeed } from '../feed/test-fixtures';
import { updateFeed } from '../state/feed-update';
import { feedCheck, feedMeta, feedStore, readItem, writeItem } from '../state/storage';
import { buildEdition, feedFrom } from '../feed/edition-fixtures';
import { canonicalJson } from '../feed/canonical';
import { INDEX_ENVELOPE_FORMAT, signPayload } from '../feed/envelope';
import { feedSourceOf } from './feed-source';
import { forgetPolicy } from './managed';
import { parsePolicy } from './schema';
import { freshExtension } from '../../test/fresh-extension';

/**
 * A clinic publishes its own copy of the feed, with its local notices, signed with its own key
 * (`npm run feed -- keygen --key-id riverside-2026-1`); the policy names that key. The committed
 * TEST key stands in for the clinic's private key here, under the clinic's key id.
 */
const CLINIC_KEY = { keyId: 'riverside-2026-1', alg: 'Ed25519' as const, publicKey: TEST_KEY.publicKey };
const URL_ = 'https://feed.portal-guard.org/v1/index.json';
const NOW = Date.parse('2026-11-28T00:00:00Z');

const clinicFeed = (sequence: number) => signedFeed(sampleFeed({ sequence, generatedAt: '2026-11-01T00:00:00.000Z', notices: [sampleNotice({ id: 'nz-riverside-2026-11' })] }), TEST_SIGNING_JWK, CLINIC_KEY.keyId);

describe('a feed signed with an organisation key from the policy', () => {
  beforeEach(freshExtension);

  it('is refused with the pinned keys alone, and accepted once the policy adds the key', async () => {
    // The clinic's edition: its index (signed with the clinic's key) and its snapshot, the feed's
    // JSON itself, which only the index's SHA-256 vouches for (edition format 1.1).
    const edition = await buildEdition({ feed: feedFrom(1_000, '2026-11-01T00:00:00.000Z', [sampleNotice({ id: 'nz-riverside-2026-11' })]) });
    const snapshot = edition.files.get('snapshots/1000.json')!;
    const index = edition.index;
    const indexText = await signPayload(canonicalJson(index), TEST_SIGNING_JWK, CLINIC_KEY.keyId, undefined, INDEX_ENVELOPE_FORMAT);
    const fetch = vi.fn<typeof globalThis.fetch>(async (input) => new Response(String(input).endsWith('index.json') ? indexText : snapshot));
    const without = feedSourceOf(parsePolicy({}).policy, PRODUCTION_KEYS);
    expect(await updateFeed({ ...without, fetch, now: () => NOW })).toMatchObject({ outcome: 'rejected', code: 'unknown-key' });

    const withKey = feedSourceOf(parsePolicy({ additionalFeedKeys: [CLINIC_KEY] }).policy, PRODUCTION_KEYS);
    expect(await updateFeed({ ...withKey, url: URL_, fetch, now: () => NOW })).toMatchObject({ outcome: 'updated' });
    expect((await readItem(feedMeta))?.sequence).toBe(1_000);
  });

  it('stays in use after a restart while the policy names the key, and is set aside once the policy drops it', async () => {
    const envelope = await clinicFeed(1_000);
    await writeItem(feedStore, { envelope, source: 'remote', sourceUrl: URL_, sequence: 1_000, generatedAt: '2026-11-01T00:00:00.000Z', receivedAt: NOW });
    await writeItem(feedCheck, { bundledFor: '1.0.0' });
    const bundled = await signedFeed(sampleFeed({ sequence: 3 }));
    const options = { loadBundled: async () => bundled, version: () => '1.0.0', now: () => NOW };

    await fakeBrowser.storage.managed.set({ additionalFeedKeys: [CLINIC_KEY] });
    // The default keys come from the policy: no key list is passed here.
    expect((await getActiveFeed({ ...options, keys: undefined })).status.sequence).toBe(1_000);

    await fakeBrowser.storage.managed.clear();
    forgetPolicy();
    forgetActiveFeed();
    // The bundled feed is signed with the test key, which this test also trusts as "pinned".
    const active = await getActiveFeed({ ...options, keys: [...PRODUCTION_KEYS, TEST_KEY] });
    expect(active.status.sequence).toBe(3);
    expect((await readItem(feedCheck)).lastError).toMatchObject({ code: 'set-aside', reason: expect.stringMatching(/set aside \(they are no longer signed by a key this version of Portal Guard trusts\)/) });
  });
});
