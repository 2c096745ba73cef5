import { browser } from 'wxt/browser';
import type { FeedStatus } from '../messaging/protocol';
import { feedKeys } from '../policy/feed-source';
import { feedCheck, feedMeta, readItem, writeItem, type FeedMeta } from './storage';
import { BUNDLED_FEED_PATH, STALE_AFTER_DAYS } from '../feed/config';
import { verifyIndex } from '../feed/edition';
import type { PinnedKey } from '../feed/envelope';
import { withFeedLock } from './feed-lock';
import type { Feed, Notice } from '../feed/schema';
import { noticeIndex } from '../notices/notice-index';
import type { PortalMatch } from '../portals/match';
import { verifyFeed } from '../feed/verify';
import { t } from '../i18n/t';
import { feedDb, readStoredFeed, replaceStoredFeed, type FeedDb, type StoredEdition } from './feed-db';
import { migrateLegacyFeed } from './feed-migration';

/**
 * The feed the extension uses right now, and what to say about it.
 *
 * The stored edition is the one truth: its notices in IndexedDB (feed-db.ts), what vouches for it
 * in `feedMeta`. On first run, and after an extension update that ships a newer bundled feed, the
 * bundled file is installed. A version 1 store (one envelope in `local:feed`) is moved first
 * (feed-migration.ts). What vouches for the stored edition (the last accepted signed index, or
 * the migrated envelope) is verified again once per background lifetime, against the keys pinned
 * then; the notices are read once and kept in memory; an update makes the next read load them again.
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
  db?: () => Promise<FeedDb>;
}

let cache: { meta: FeedMeta; feed: Feed } | undefined;

/** The packaged public/feed/feed.json. */
export async function loadBundledFeed(): Promise<string> {
  const response = await fetch(browser.runtime.getURL(BUNDLED_FEED_PATH as '/feed/feed.json'));
  if (!response.ok) throw new Error(`the bundled feed is missing (${response.status})`);
  return response.text();
}

export async function getActiveFeed({ loadBundled = loadBundledFeed, keys, version = () => browser.runtime.getManifest().version, now = Date.now, db = feedDb }: ActiveFeedOptions = {}): Promise<ActiveFeed> {
  if (!cache) {
    // An organisation's key must be trusted here too, or a feed it signed would be set aside.
    const trusted = keys ?? (await feedKeys());
    cache = await withFeedLock(() => loadActiveFeed({ loadBundled, keys: trusted, version: version(), now, db }));
  }
  return { feed: cache.feed, status: statusOf(cache.meta, await readItem(feedCheck), now()) };
}

/** Use this edition from now on (tests; an update makes the next read load the store instead). */
export function rememberActiveFeed(meta: FeedMeta, feed: Feed): void {
  cache = { meta, feed };
}

/** Drop the in-memory copy; the next `getActiveFeed` reads storage again (after an update stored a new edition). */
export function forgetActiveFeed(): void {
  cache = undefined;
}

/**
 * Keep the in-memory copy in step with `feedMeta` when another context (or an update) writes it:
 * the same edition with a fresher index only refreshes the status; another edition is read again.
 * Returns an unwatch.
 */
export function watchStoredFeed(): () => void {
  return feedMeta.item.watch((value) => {
    if (cache && value && value.sequence === cache.meta.sequence && value.generatedAt === cache.meta.generatedAt) cache = { ...cache, meta: value };
    else forgetActiveFeed();
  });
}

/** A stored edition and the feed read from it, as the rest of the extension sees it. */
function feedOf(edition: StoredEdition, notices: Notice[]): Feed {
  return { formatVersion: edition.formatVersion, sequence: edition.sequence, generatedAt: edition.generatedAt, notices, ...(edition.catalogue ? { catalogue: edition.catalogue } : {}) };
}

async function loadActiveFeed({ loadBundled, keys, version, now, db: openDb }: { loadBundled: () => Promise<string>; keys: readonly PinnedKey[]; version: string; now: () => number; db: () => Promise<FeedDb> }): Promise<{ meta: FeedMeta; feed: Feed }> {
  const db = await openDb();
  const migrated = await migrateLegacyFeed({ db, keys, now });
  // The version 1 feed could not be moved (IndexedDB refused the write): use it from memory, as
  // before, and try again at the next start. The old entry is still there.
  if (migrated.outcome === 'failed' && migrated.fallback) return migrated.fallback;

  let meta = await readItem(feedMeta);
  const check = await readItem(feedCheck);
  let bundled: { meta: FeedMeta; feed: Feed } | undefined;
  const installBundled = async () => {
    bundled ??= await readBundled(loadBundled, keys, now);
    await replaceStoredFeed(db, bundled.feed);
    await writeItem(feedMeta, bundled.meta);
    return bundled;
  };

  if (!meta || check.bundledFor !== version) {
    bundled = await readBundled(loadBundled, keys, now);
    if (!meta || bundled.feed.sequence > meta.sequence) meta = (await installBundled()).meta;
    await writeItem(feedCheck, { ...check, bundledFor: version });
  }
  if (bundled && meta === bundled.meta) return bundled;

  const setAside = async (reason: string) => {
    const fallback = await installBundled();
    await writeItem(feedCheck, { ...(await readItem(feedCheck)), lastError: { at: now(), reason: t('feedUpdate.setAside', { reason }), code: 'set-aside' } });
    return fallback;
  };

  const stored = await readStoredFeed(db);
  if (!stored || stored.edition.sequence !== meta.sequence || stored.edition.generatedAt !== meta.generatedAt) {
    return setAside(t('feedUpdate.storeMismatch'));
  }
  // Verified again: a key unpinned by this release (a leaked key) must stop vouching for the feed.
  const proof = await vouch(meta, keys);
  if (!proof.ok) return setAside(proof.reason);
  return { meta, feed: feedOf(stored.edition, stored.notices) };
}

/** Whether what vouches for a stored remote edition still verifies, and names that edition. */
async function vouch(meta: FeedMeta, keys: readonly PinnedKey[]): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (meta.source === 'bundled') return { ok: true };
  if (meta.index !== undefined) {
    const index = await verifyIndex(meta.index, keys);
    if (!index.ok) return { ok: false, reason: t('feedUpdate.proofFailed') };
    if (index.value.sequence !== meta.sequence || index.value.generatedAt !== meta.generatedAt) return { ok: false, reason: t('feedUpdate.storeMismatch') };
    return { ok: true };
  }
  if (meta.envelope !== undefined) {
    const feed = await verifyFeed(meta.envelope, keys);
    if (!feed.ok) return { ok: false, reason: t('feedUpdate.proofFailed') };
    if (feed.feed.sequence !== meta.sequence || feed.feed.generatedAt !== meta.generatedAt) return { ok: false, reason: t('feedUpdate.storeMismatch') };
    return { ok: true };
  }
  return { ok: false, reason: t('feedUpdate.proofFailed') };
}

async function readBundled(loadBundled: () => Promise<string>, keys: readonly PinnedKey[], now: () => number): Promise<{ meta: FeedMeta; feed: Feed }> {
  const text = await loadBundled();
  const verified = await verifyFeed(text, keys);
  // A bundled feed that fails is a broken build; bundled-feed.test.ts guards against it.
  if (!verified.ok) throw new Error(`the bundled feed does not verify: ${verified.reason}`);
  const { feed } = verified;
  return { meta: { source: 'bundled', sequence: feed.sequence, generatedAt: feed.generatedAt, receivedAt: now() }, feed };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Since when the installed edition may be out of date, or undefined while it is fresh: the index's
 * `expires`, or STALE_AFTER_DAYS after the last signed data (the accepted index's `issuedAt`; for
 * the bundled or a migrated feed, its `generatedAt`), whichever comes first.
 */
export function staleSince(meta: Pick<FeedMeta, 'expires' | 'issuedAt' | 'generatedAt'>, now: number): string | undefined {
  const signed = Date.parse(meta.issuedAt ?? meta.generatedAt);
  const limits = [signed + STALE_AFTER_DAYS * DAY_MS];
  if (meta.expires !== undefined) limits.push(Date.parse(meta.expires));
  const since = Math.min(...limits.filter(Number.isFinite));
  return Number.isFinite(since) && now >= since ? new Date(since).toISOString() : undefined;
}

/** What to say about the stored edition and the last check, for the popup and the options page. */
export function statusOf(meta: FeedMeta, check: { lastCheckedAt?: number; lastError?: { at: number; reason: string; code?: string } }, now: number): FeedStatus {
  const stale = staleSince(meta, now);
  return {
    source: meta.source,
    ...(meta.sourceUrl ? { sourceUrl: meta.sourceUrl } : {}),
    sequence: meta.sequence,
    generatedAt: meta.generatedAt,
    receivedAt: meta.receivedAt,
    ...(meta.issuedAt ? { issuedAt: meta.issuedAt } : {}),
    ...(meta.expires ? { expires: meta.expires } : {}),
    ...(stale ? { staleSince: stale } : {}),
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
