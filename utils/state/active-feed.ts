import { browser } from 'wxt/browser';
import type { FeedStatus } from '../messaging/protocol';
import { feedKeys } from '../policy/feed-source';
import { feedCheck, feedStore, readItem, writeItem, type StoredFeed } from './storage';
import { BUNDLED_FEED_PATH } from '../feed/config';
import type { PinnedKey } from '../feed/envelope';
import { withFeedLock } from './feed-lock';
import type { Feed, Notice } from '../feed/schema';
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
 */
export function withLocalNotices(feedNotices: readonly Notice[], local: readonly Notice[]): Notice[] {
  const feedIds = new Set(feedNotices.map((notice) => notice.id));
  return [...feedNotices, ...local.filter((notice) => !feedIds.has(notice.id))];
}

/**
 * The notices to show on a portal, newest disclosure first. A notice naming tenants shows only on
 * those tenants' hosts; one without tenants, or marked `platformWide`, shows on every host of the
 * portal. Portal ids this build's catalogue does not know simply never match.
 */
export function noticesForPortal(feed: Pick<Feed, 'notices'>, portalId: string, tenantHost?: string): Notice[] {
  return feed.notices
    .filter((notice) => notice.portals.includes(portalId))
    .filter((notice) => notice.platformWide || !notice.tenants?.length || (tenantHost !== undefined && notice.tenants.includes(tenantHost)))
    .sort((a, b) => (a.disclosed < b.disclosed ? 1 : a.disclosed > b.disclosed ? -1 : a.id.localeCompare(b.id)));
}
