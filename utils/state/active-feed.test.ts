import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedCheck, feedStore, readItem, writeItem } from './storage';
import { forgetActiveFeed, getActiveFeed, rememberActiveFeed, withLocalNotices, type ActiveFeedOptions } from './active-feed';
import { parseFeedValue } from '../feed/parse';
import { sampleFeed, sampleNotice, signedFeed, TEST_KEYS } from '../feed/test-fixtures';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');

let bundledText: string;
let loadBundled: ReturnType<typeof vi.fn<() => Promise<string>>>;
const options = (overrides: ActiveFeedOptions = {}): ActiveFeedOptions => ({ loadBundled, keys: TEST_KEYS, version: () => '1.0.0', now: () => NOW, ...overrides });

beforeEach(async () => {
  fakeBrowser.reset();
  forgetActiveFeed();
  bundledText = await signedFeed(sampleFeed({ sequence: 3, generatedAt: '2026-05-01T00:00:00.000Z' }));
  loadBundled = vi.fn(async () => bundledText);
});

describe('getActiveFeed', () => {
  it('installs the bundled feed on first run', async () => {
    const { feed, status } = await getActiveFeed(options());
    expect(feed.sequence).toBe(3);
    expect(status).toEqual({ source: 'bundled', sequence: 3, generatedAt: '2026-05-01T00:00:00.000Z', receivedAt: NOW });
    expect(await readItem(feedStore)).toMatchObject({ envelope: bundledText, source: 'bundled', sequence: 3 });
    expect(await readItem(feedCheck)).toEqual({ bundledFor: '1.0.0' });
  });

  it('verifies and parses once per background lifetime', async () => {
    await getActiveFeed(options());
    await writeItem(feedStore, null);
    const again = await getActiveFeed(options());
    expect(again.feed.sequence).toBe(3);
    expect(loadBundled).toHaveBeenCalledTimes(1);
  });

  it('reports the last check and the last error from feedCheck on every call', async () => {
    await getActiveFeed(options());
    await writeItem(feedCheck, { bundledFor: '1.0.0', lastCheckedAt: NOW, lastError: { at: NOW, reason: 'the feed is not signed' } });
    expect((await getActiveFeed(options())).status).toMatchObject({ lastCheckedAt: NOW, lastError: { at: NOW, reason: 'the feed is not signed' } });
  });

  it('keeps a newer remote feed when an extension update bundles an older one', async () => {
    const remote = await signedFeed(sampleFeed({ sequence: 7 }));
    await writeItem(feedStore, { envelope: remote, source: 'remote', sourceUrl: 'https://feed.portal-guard.org/v1/feed.json', sequence: 7, generatedAt: '2026-06-01T00:00:00.000Z', receivedAt: 1 });
    await writeItem(feedCheck, { bundledFor: '0.9.0' });
    const { feed, status } = await getActiveFeed(options());
    expect(feed.sequence).toBe(7);
    expect(status.source).toBe('remote');
    expect(await readItem(feedCheck)).toEqual({ bundledFor: '1.0.0' });
  });

  it('installs a newer bundled feed that comes with an extension update', async () => {
    const older = await signedFeed(sampleFeed({ sequence: 2 }));
    await writeItem(feedStore, { envelope: older, source: 'remote', sourceUrl: 'https://feed.portal-guard.org/v1/feed.json', sequence: 2, generatedAt: '2026-04-01T00:00:00.000Z', receivedAt: 1 });
    await writeItem(feedCheck, { bundledFor: '0.9.0' });
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'bundled', sequence: 3 });
  });

  it('does not read the bundled feed again for the same extension version', async () => {
    await getActiveFeed(options());
    forgetActiveFeed();
    await getActiveFeed(options());
    expect(loadBundled).toHaveBeenCalledTimes(1);
  });

  it('sets aside a stored feed whose key is no longer pinned, and says so', async () => {
    const other = (await crypto.subtle.exportKey('jwk', ((await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair).privateKey)) as JsonWebKey;
    const unpinned = await signedFeed(sampleFeed({ sequence: 9 }), other, 'portal-guard-leaked-1');
    await writeItem(feedStore, { envelope: unpinned, source: 'remote', sequence: 9, generatedAt: '2026-06-01T00:00:00.000Z', receivedAt: 1 });
    await writeItem(feedCheck, { bundledFor: '1.0.0' });
    const { feed, status } = await getActiveFeed(options());
    expect(feed.sequence).toBe(3);
    expect(status.lastError?.reason).toBe('the stored feed was set aside (the feed is signed with key "portal-guard-leaked-1", which this version of Portal Guard does not trust); using the bundled feed');
    expect((await readItem(feedStore))?.envelope).toBe(bundledText);
  });

  it('replaces a stored value of an unknown shape (the pre-release draft) with the bundled feed', async () => {
    await fakeBrowser.storage.local.set({ feed: { body: '{}', signature: 'x', source: 'remote', sequence: 99, generatedAt: 'x', receivedAt: 1 } });
    await writeItem(feedCheck, { bundledFor: '1.0.0' });
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'bundled', sequence: 3 });
  });

  it('fails loudly when the bundled feed does not verify (a broken build)', async () => {
    loadBundled.mockResolvedValue(bundledText.replace('Example portal', 'Other portal'));
    await expect(getActiveFeed(options())).rejects.toThrow("the bundled feed does not verify: the signature does not match the feed's contents");
  });

  it('uses a feed handed over by an update without reading storage again', async () => {
    await getActiveFeed(options());
    const feed = parseFeedValue(sampleFeed({ sequence: 8 }));
    if (!feed.ok) throw new Error(feed.reason);
    rememberActiveFeed({ envelope: 'x', source: 'remote', sourceUrl: 'https://feed.portal-guard.org/v1/feed.json', sequence: 8, generatedAt: '2026-06-01T00:00:00.000Z', receivedAt: NOW }, feed.feed);
    expect((await getActiveFeed(options())).status).toMatchObject({ source: 'remote', sequence: 8, sourceUrl: 'https://feed.portal-guard.org/v1/feed.json' });
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
