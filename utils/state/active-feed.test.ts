import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedCheck, feedMeta, feedStore, guideProgress, noticeDismissals, portalAccounts, readItem, remediationProgress, settings, writeItem } from './storage';
import { forgetActiveFeed, getActiveFeed, rememberActiveFeed, staleSince, statusOf, withLocalNotices, type ActiveFeedOptions } from './active-feed';
import { parseFeedValue } from '../feed/parse';
import { sampleFeed, sampleNotice, signedFeed, TEST_KEYS } from '../feed/test-fixtures';
import { buildEdition, feedFrom, realNotice } from '../feed/edition-fixtures';
import { feedDb, readStoredFeed, replaceStoredFeed, type FeedDb } from './feed-db';
import { freshExtension } from '../../test/fresh-extension';
import { canonicalJson } from '../feed/canonical';
import { INDEX_ENVELOPE_FORMAT, signPayload } from '../feed/envelope';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const LEGACY_URL = 'https://feed.portal-guard.org/v1/feed.json';

let bundledText: string;
let loadBundled: ReturnType<typeof vi.fn<() => Promise<string>>>;
const options = (overrides: ActiveFeedOptions = {}): ActiveFeedOptions => ({ loadBundled, keys: TEST_KEYS, version: () => '1.0.0', now: () => NOW, ...overrides });
/** A key a later release unpins (leaked): trusted only where a test passes LEAKED_KEYS. */
const leakedJwk = (await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair).privateKey)) as JsonWebKey;
const LEAKED_KEYS = [...TEST_KEYS, { keyId: 'portal-guard-leaked-1', alg: 'Ed25519' as const, publicKey: leakedJwk.x! }];
const storedNotices = async () => (await readStoredFeed(await feedDb()))?.notices.map((notice) => notice.id);

beforeEach(async () => {
  freshExtension();
  bundledText = await signedFeed(sampleFeed({ sequence: 3, generatedAt: '2026-05-25T00:00:00.000Z' }));
  loadBundled = vi.fn(async () => bundledText);
});

describe('getActiveFeed', () => {
  it('installs the bundled feed on first run: notices in IndexedDB, meta in storage.local', async () => {
    const { feed, status } = await getActiveFeed(options());
    expect(feed.sequence).toBe(3);
    expect(status).toEqual({ source: 'bundled', sequence: 3, generatedAt: '2026-05-25T00:00:00.000Z', receivedAt: NOW });
    expect(await readItem(feedMeta)).toEqual({ source: 'bundled', sequence: 3, generatedAt: '2026-05-25T00:00:00.000Z', receivedAt: NOW });
    expect(await storedNotices()).toEqual(['nz-example-2026-01']);
    expect(await readItem(feedCheck)).toEqual({ bundledFor: '1.0.0' });
  });

  it('reads the store once per background lifetime', async () => {
    await getActiveFeed(options());
    await writeItem(feedMeta, null);
    const again = await getActiveFeed(options());
    expect(again.feed.sequence).toBe(3);
    expect(loadBundled).toHaveBeenCalledTimes(1);
  });

  it('reports the last check and the last error from feedCheck on every call', async () => {
    await getActiveFeed(options());
    await writeItem(feedCheck, { bundledFor: '1.0.0', lastCheckedAt: NOW, lastError: { at: NOW, reason: 'Portal Guard could not reach the feed server', code: 'network' } });
    expect((await getActiveFeed(options())).status).toMatchObject({ lastCheckedAt: NOW, lastError: { at: NOW, reason: 'Portal Guard could not reach the feed server', code: 'network' } });
  });

  it('reads an edition accepted from a signed index, and keeps a newer one when an extension update bundles an older feed', async () => {
    const feed = feedFrom(7, '2026-05-30T00:00:00.000Z', [realNotice('nz-managemyhealth-2025-12'), realNotice('us-kaiser-2024')]);
    const edition = await buildEdition({ feed, issuedAt: '2026-05-31T00:00:00.000Z' });
    await replaceStoredFeed(await feedDb(), feed);
    await writeItem(feedMeta, { source: 'remote', sourceUrl: 'https://feed.portal-guard.org/v1/index.json', sequence: 7, generatedAt: feed.generatedAt, receivedAt: 1, issuedAt: edition.index.issuedAt, expires: edition.index.expires, index: edition.indexText });
    await writeItem(feedCheck, { bundledFor: '0.9.0' });
    const active = await getActiveFeed(options());
    expect(active.feed.notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12', 'us-kaiser-2024']);
    expect(active.status).toMatchObject({ source: 'remote', sequence: 7, issuedAt: '2026-05-31T00:00:00.000Z', expires: edition.index.expires });
    expect(active.status.staleSince).toBeUndefined();
    expect(await readItem(feedCheck)).toEqual({ bundledFor: '1.0.0' });
  });

  it('installs a newer bundled feed that comes with an extension update', async () => {
    await replaceStoredFeed(await feedDb(), feedFrom(2, '2026-04-01T00:00:00.000Z', [realNotice('au-medibank-2022')]));
    await writeItem(feedMeta, { source: 'bundled', sequence: 2, generatedAt: '2026-04-01T00:00:00.000Z', receivedAt: 1 });
    await writeItem(feedCheck, { bundledFor: '0.9.0' });
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'bundled', sequence: 3 });
    expect(await storedNotices()).toEqual(['nz-example-2026-01']);
  });

  it('does not read the bundled feed again for the same extension version', async () => {
    await getActiveFeed(options());
    forgetActiveFeed();
    await getActiveFeed(options());
    expect(loadBundled).toHaveBeenCalledTimes(1);
  });

  it.each<{ name: string; setup: (db: FeedDb) => Promise<void> }>([
    {
      name: 'an index signed by a key this release no longer pins',
      setup: async (db) => {
        const feed = feedFrom(9, '2026-05-30T00:00:00.000Z', [realNotice('us-kaiser-2024')]);
        const edition = await buildEdition({ feed });
        const index = await signPayload(canonicalJson(edition.index), leakedJwk, 'portal-guard-leaked-1', undefined, INDEX_ENVELOPE_FORMAT);
        await replaceStoredFeed(db, feed);
        await writeItem(feedMeta, { source: 'remote', sequence: 9, generatedAt: feed.generatedAt, receivedAt: 1, index });
        await writeItem(feedCheck, { bundledFor: '1.0.0' });
      },
    },
    {
      name: 'notices of another edition than the meta says (a write cut short)',
      setup: async (db) => {
        await replaceStoredFeed(db, feedFrom(8, '2026-05-29T00:00:00.000Z', [realNotice('us-kaiser-2024')]));
        const edition = await buildEdition({ feed: feedFrom(9, '2026-05-30T00:00:00.000Z', [realNotice('us-kaiser-2024')]) });
        await writeItem(feedMeta, { source: 'remote', sequence: 9, generatedAt: '2026-05-30T00:00:00.000Z', receivedAt: 1, index: edition.indexText });
        await writeItem(feedCheck, { bundledFor: '1.0.0' });
      },
    },
    {
      name: 'a remote edition with nothing that vouches for it',
      setup: async (db) => {
        await replaceStoredFeed(db, feedFrom(9, '2026-05-30T00:00:00.000Z', [realNotice('us-kaiser-2024')]));
        await writeItem(feedMeta, { source: 'remote', sequence: 9, generatedAt: '2026-05-30T00:00:00.000Z', receivedAt: 1 });
        await writeItem(feedCheck, { bundledFor: '1.0.0' });
      },
    },
  ])('sets aside $name, installs the bundled feed and says so', async ({ setup }) => {
    await setup(await feedDb());
    const { feed, status } = await getActiveFeed(options());
    expect(feed.sequence).toBe(3);
    expect(status.lastError).toMatchObject({ code: 'set-aside', reason: expect.stringMatching(/^the stored notices were set aside \(.+\); Portal Guard is using the copy that came with it$/) });
    expect(await storedNotices()).toEqual(['nz-example-2026-01']);
  });

  it('fails loudly when the bundled feed does not verify (a broken build)', async () => {
    loadBundled.mockResolvedValue(bundledText.replace('Example portal', 'Other portal'));
    await expect(getActiveFeed(options())).rejects.toThrow("the bundled feed does not verify: the signature does not match the feed's contents");
  });

  it('uses an edition handed over in memory without reading storage again', async () => {
    await getActiveFeed(options());
    const feed = parseFeedValue(sampleFeed({ sequence: 8 }));
    if (!feed.ok) throw new Error(feed.reason);
    rememberActiveFeed({ source: 'remote', sourceUrl: 'https://feed.portal-guard.org/v1/index.json', sequence: 8, generatedAt: '2026-06-01T00:00:00.000Z', receivedAt: NOW }, feed.feed);
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'remote', sequence: 8, sourceUrl: 'https://feed.portal-guard.org/v1/index.json' });
  });
});

describe('migration from the version 1 store (one envelope in local:feed)', () => {
  // What a build before issue 13 left in storage.local, with the patient's own data beside it.
  const patientData = {
    noticeDismissals: { 'nz-managemyhealth-2025-12': '2026-01-02' },
    portalAccounts: { managemyhealth: { passwordChangedOn: '2026-01-05' } },
    remediationProgress: { 'nz-managemyhealth-2025-12': { 'referral-letters': 'done' } },
    guideProgress: { managemyhealth: { startedAt: 1, updatedAt: 2, steps: { 'change-password': { status: 'done', at: 2 } }, reusedSites: [] } },
    settings: { noticeWindowMonths: 18, breachCheck: false, guideReminderDays: null },
    settings$: { v: 2 },
  };
  let legacyEnvelope: string;
  const legacyFeed = () => sampleFeed({ sequence: 7, generatedAt: '2026-05-30T00:00:00.000Z', notices: [realNotice('nz-managemyhealth-2025-12'), realNotice('au-medibank-2022')] });

  beforeEach(async () => {
    legacyEnvelope = await signedFeed(legacyFeed(), leakedJwk, 'portal-guard-leaked-1');
    await fakeBrowser.storage.local.set({
      feed: { envelope: legacyEnvelope, source: 'remote', sourceUrl: LEGACY_URL, etag: '"v7"', sequence: 7, generatedAt: '2026-05-30T00:00:00.000Z', receivedAt: NOW - 3_600_000 },
      feedCheck: { lastCheckedAt: NOW - 3_600_000, bundledFor: '1.0.0' },
      ...patientData,
    });
  });

  it('moves the feed into the new store, removes the old entry, and leaves the patient’s data as it was', async () => {
    const active = await getActiveFeed(options({ keys: LEAKED_KEYS }));
    expect(active.feed.notices.map((notice) => notice.id)).toEqual(['au-medibank-2022', 'nz-managemyhealth-2025-12']);
    expect(active.status).toMatchObject({ source: 'remote', sequence: 7, sourceUrl: LEGACY_URL, receivedAt: NOW - 3_600_000, lastCheckedAt: NOW - 3_600_000 });
    // New storage out: the meta (with the old envelope as its proof until the next update), the notices in IndexedDB.
    expect(await readItem(feedMeta)).toEqual({ source: 'remote', sourceUrl: LEGACY_URL, sequence: 7, generatedAt: '2026-05-30T00:00:00.000Z', receivedAt: NOW - 3_600_000, envelope: legacyEnvelope });
    expect(await storedNotices()).toEqual(['au-medibank-2022', 'nz-managemyhealth-2025-12']);
    expect(await fakeBrowser.storage.local.get(['feed', 'feed$'])).toEqual({});
    // Nothing of the patient's was lost or changed.
    expect(await fakeBrowser.storage.local.get(Object.keys(patientData))).toEqual(patientData);
    expect(await readItem(noticeDismissals)).toEqual({ 'nz-managemyhealth-2025-12': '2026-01-02' });
    expect(await readItem(portalAccounts)).toEqual({ managemyhealth: { passwordChangedOn: '2026-01-05' } });
    expect(await readItem(remediationProgress)).toEqual({ 'nz-managemyhealth-2025-12': { 'referral-letters': 'done' } });
    expect(Object.keys(await readItem(guideProgress))).toEqual(['managemyhealth']);
    expect((await readItem(settings)).noticeWindowMonths).toBe(18);
    expect(loadBundled).not.toHaveBeenCalled();
  });

  it('a second start reads the new store and verifies the migrated envelope again', async () => {
    await getActiveFeed(options({ keys: LEAKED_KEYS }));
    forgetActiveFeed();
    expect((await getActiveFeed(options({ keys: LEAKED_KEYS }))).status.sequence).toBe(7);
    forgetActiveFeed();
    // The key that signed it is unpinned by a later release: set aside.
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'bundled', lastError: { code: 'set-aside' } });
  });

  it('a failed migration keeps the old entry and still uses the old feed', async () => {
    const failing = async () => {
      const db = await feedDb();
      // IndexedDB refuses the write (quota, a broken profile): every readwrite transaction throws.
      const transaction = db.transaction.bind(db);
      db.transaction = ((stores: never, mode?: IDBTransactionMode) => {
        if (mode === 'readwrite') throw new DOMException('QuotaExceededError', 'QuotaExceededError');
        return transaction(stores, mode);
      }) as typeof db.transaction;
      return db;
    };
    const active = await getActiveFeed(options({ db: failing, keys: LEAKED_KEYS }));
    expect(active.feed.sequence).toBe(7);
    expect(await fakeBrowser.storage.local.get('feed')).toMatchObject({ feed: { envelope: legacyEnvelope, sequence: 7 } });
    expect(await readItem(feedMeta)).toBeNull();
    expect(await fakeBrowser.storage.local.get(Object.keys(patientData))).toEqual(patientData);
  });

  it('drops a version 1 feed that no longer verifies (as version 1 set it aside), keeping the patient’s data', async () => {
    const active = await getActiveFeed(options());
    expect(active.status).toMatchObject({ source: 'bundled', lastError: { code: 'set-aside' } });
    expect(await readItem(feedStore)).toBeNull();
    expect(await fakeBrowser.storage.local.get(Object.keys(patientData))).toEqual(patientData);
  });

  it('leaves a value of an unknown shape (the pre-release draft) alone and installs the bundled feed', async () => {
    await fakeBrowser.storage.local.set({ feed: { body: '{}', signature: 'x', source: 'remote', sequence: 99, generatedAt: 'x', receivedAt: 1 } });
    await fakeBrowser.storage.local.remove('feedCheck');
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'bundled', sequence: 3 });
  });
});

describe('freshness', () => {
  it.each([
    { name: 'a fresh index', meta: { issuedAt: '2026-05-31T00:00:00.000Z', expires: '2026-06-07T00:00:00.000Z' }, want: undefined },
    { name: 'an expired index', meta: { issuedAt: '2026-05-20T00:00:00.000Z', expires: '2026-05-27T00:00:00.000Z' }, want: '2026-05-27T00:00:00.000Z' },
    { name: 'no new signed index for 14 days (expires far off)', meta: { issuedAt: '2026-05-10T00:00:00.000Z', expires: '2026-07-01T00:00:00.000Z' }, want: '2026-05-24T00:00:00.000Z' },
    { name: 'the bundled feed, built 13 days ago', meta: { generatedAt: '2026-05-19T12:00:01.000Z' }, want: undefined },
    { name: 'the bundled feed, built 20 days ago', meta: { generatedAt: '2026-05-12T00:00:00.000Z' }, want: '2026-05-26T00:00:00.000Z' },
  ])('$name → stale since $want', ({ meta, want }) => {
    expect(staleSince({ generatedAt: '2026-05-01T00:00:00.000Z', ...meta }, NOW)).toBe(want);
  });

  it('the status carries issuedAt, expires and staleSince for the popup and the options page', () => {
    const status = statusOf({ source: 'remote', sequence: 12, generatedAt: '2026-05-20T00:00:00.000Z', receivedAt: 1, issuedAt: '2026-05-20T00:00:00.000Z', expires: '2026-05-27T00:00:00.000Z' }, {}, NOW);
    expect(status).toEqual({ source: 'remote', sequence: 12, generatedAt: '2026-05-20T00:00:00.000Z', receivedAt: 1, issuedAt: '2026-05-20T00:00:00.000Z', expires: '2026-05-27T00:00:00.000Z', staleSince: '2026-05-27T00:00:00.000Z' });
  });
});

describe('withLocalNotices', () => {
  const parse = (notices: Record<string, unknown>[]) => {
    const parsed = parseFeedValue(sampleFeed({ notices }));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.feed.notices;
  };
  const feedNotices = parse([sampleNotice({ id: 'nz-managemyhealth-2025-12' })]);
  const local = parse([sampleNotice({ id: 'nz-managemyhealth-2025-12', title: 'A local copy' }), sampleNotice({ id: 'nz-riverside-2026-02' })]);

  it('gives the same array back for the same lists, so the notice index is built once per feed and policy', () => {
    expect(withLocalNotices(feedNotices, [])).toBe(feedNotices);
    const merged = withLocalNotices(feedNotices, local);
    expect(withLocalNotices(feedNotices, local)).toBe(merged);
    // The signed feed wins over a local notice with its id.
    expect(merged.map((notice) => [notice.id, notice.title])).toEqual([
      ['nz-managemyhealth-2025-12', feedNotices[0]?.title],
      ['nz-riverside-2026-02', local[1]?.title],
    ]);
  });
});
