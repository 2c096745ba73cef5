import { browser } from 'wxt/browser';
import type { FeedStatus } from '../messaging/protocol';
import { feedKeys } from '../policy/feed-source';
import { feedCheck, feedStore, readItem, writeItem, type StoredFeed } from './storage';
import { BUNDLED_FEED_PATH } from '../feed/config';
import type { PinnedKey } from '../feed/envelope';
import { withFeedLock } from './feed-lock';
import type { Feed, Notice } from '../feed/schema';
import { noticeIndex } from '../notices/notice-index';
import type { PortalMatch } from '../portals/match';
import { verifyFeed } from '../feed/verify';

/**
 * The feed the extension uses right now, and what to say about it.
 *
 * The stored feed is the one truth. On first run, and after an extension update that ships a newer
 * bundled feed, the bundled file is installed into storage. The stored envelope is verified and
 * parsed once per background lifetime (verifying and parsing a large feed costs tens of
 * milliseconds) and kept in memory; `rememberActiveFeed` replaces it after an update.
 */

export interface ActiveFeed {
  feed: Feed;
  status: FeedStatus;
}

export interface ActiveFeedOptions {
  loadBundled?: () => Promise<string>;
  /** The pinned keys plus a managed policy's `additionalFeedKeys`, unless given. */
  keys?: readonly PinnedKey[];
  /** The extension's version: the bundled feed is compared with the stored one once per version. */
  version?: () => string;
  now?: () => number;
}

let cache: { stored: StoredFeed; feed: Feed } | undefined;

/** The packaged public/feed/feed.json. */
export async function loadBundledFeed(): Promise<string> {
  const response = await fetch(browser.runtime.getURL(BUNDLED_FEED_PATH as '/feed/feed.json'));
  if (!response.ok) throw new Error(`the bundled feed is missing (${response.status})`);
  return response.text();
}

export async function getActiveFeed({ loadBundled = loadBundledFeed, keys, version = () => browser.runtime.getManifest().version, now = Date.now }: ActiveFeedOptions = {}): Promise<ActiveFeed> {
  if (!cache) {
    // An organisation's key must be trusted here too, or a feed it signed would be set aside.
    const trusted = keys ?? (await feedKeys());
    cache = await withFeedLock(() => loadActiveFeed({ loadBundled, keys: trusted, version: version(), now }));
  }
  return { feed: cache.feed, status: statusOf(cache.stored, await readItem(feedCheck)) };
}

/** Use this feed from now on (after `updateFeed` stored it). */
export function rememberActiveFeed(stored: StoredFeed, feed: Feed): void {
  cache = { stored, feed };
}

/** Drop the in-memory copy; the next `getActiveFeed` reads storage again. */
export function forgetActiveFeed(): void {
  cache = undefined;
}

/** Forget the in-memory copy when another context replaces the stored feed. Returns an unwatch. */
export function watchStoredFeed(): () => void {
  return feedStore.item.watch((value) => {
    if (value?.envelope !== cache?.stored.envelope) forgetActiveFeed();
  });
}

async function loadActiveFeed({ loadBundled, keys, version, now }: { loadBundled: () => Promise<string>; keys: readonly PinnedKey[]; version: string; now: () => number }): Promise<{ stored: StoredFeed; feed: Feed }> {
  let stored = await readItem(feedStore);
  const check = await readItem(feedCheck);
  let bundled: { stored: StoredFeed; feed: Feed } | undefined;
  const installBundled = async () => {
    bundled ??= await readBundled(loadBundled, keys, now);
    await writeItem(feedStore, bundled.stored);
    return bundled;
  };

  if (!stored || check.bundledFor !== version) {
    bundled = await readBundled(loadBundled, keys, now);
    if (!stored || bundled.feed.sequence > stored.sequence) stored = (await installBundled()).stored;
    await writeItem(feedCheck, { ...check, bundledFor: version });
  }
  if (bundled && stored === bundled.stored) return bundled;

  // Verified again: a key unpinned by this release (a leaked key) must stop vouching for the feed.
  const verified = await verifyFeed(stored.envelope, keys);
  if (verified.ok) return { stored, feed: verified.feed };
  const fallback = await installBundled();
  await writeItem(feedCheck, { ...(await readItem(feedCheck)), lastError: { at: now(), reason: `the stored feed was set aside (${verified.reason}); using the bundled feed` } });
  return fallback;
}

async function readBundled(loadBundled: () => Promise<string>, keys: readonly PinnedKey[], now: () => number): Promise<{ stored: StoredFeed; feed: Feed }> {
  const text = await loadBundled();
  const verified = await verifyFeed(text, keys);
  // A bundled feed that fails is a broken build; bundled-feed.test.ts guards against it.
  if (!verified.ok) throw new Error(`the bundled feed does not verify: ${verified.reason}`);
  const { feed } = verified;
  return { stored: { envelope: text, source: 'bundled', sequence: feed.sequence, generatedAt: feed.generatedAt, receivedAt: now() }, feed };
}

/** What to say about a stored feed and the last check, for the popup and the options page. */
export function statusOf(stored: StoredFeed, check: { lastCheckedAt?: number; lastError?: { at: number; reason: string } }): FeedStatus {
  return {
    source: stored.source,
    ...(stored.sourceUrl ? { sourceUrl: stored.sourceUrl } : {}),
    sequence: stored.sequence,
    generatedAt: stored.generatedAt,
    receivedAt: stored.receivedAt,
    ...(check.lastCheckedAt !== undefined ? { lastCheckedAt: check.lastCheckedAt } : {}),
    ...(check.lastError ? { lastError: check.lastError } : {}),
  };
}

/**
 * The feed's notices and an organisation's local ones (managed policy `localNotices`) together. A
 * local notice with the id of a feed notice is dropped: the signed feed is the authority on its own.
 *
 * The same two lists give the same array back (the feed's own list when there are no local
 * notices), so the notice index built on it (`noticeIndex`, by identity) is built once per feed
 * and policy, not once per page load or banner reply.
 */
export function withLocalNotices(feedNotices: readonly Notice[], local: readonly Notice[]): readonly Notice[] {
  if (local.length === 0) return feedNotices;
  const previous = merged.get(feedNotices);
  if (previous?.local === local) return previous.all;
  const feedIds = new Set(feedNotices.map((notice) => notice.id));
  const all = [...feedNotices, ...local.filter((notice) => !feedIds.has(notice.id))];
  merged.set(feedNotices, { local, all });
  return all;
}

const merged = new WeakMap<readonly Notice[], { local: readonly Notice[]; all: readonly Notice[] }>();

/**
 * The notices to show on a recognised host, newest disclosure first: by portal id (a notice naming
 * tenants only on those tenants' hosts) and by the registrable domains a notice names. The rule
 * itself is `utils/notices/notice-index.ts`; this is its one entry for a notice list.
 */
export function noticesForMatch(notices: readonly Notice[], match: PortalMatch): readonly Notice[] {
  return noticeIndex(notices).forMatch(match);
}
