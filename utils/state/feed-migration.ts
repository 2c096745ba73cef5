import type { PinnedKey } from '../feed/envelope';
import type { Feed } from '../feed/schema';
import { verifyFeed } from '../feed/verify';
import { t } from '../i18n/t';
import { replaceStoredFeed, type FeedDb } from './feed-db';
import { feedCheck, feedMeta, feedStore, readItem, removeItem, writeItem, type FeedMeta } from './storage';

/**
 * From the version 1 store (the whole signed feed as one envelope in `local:feed`) to the edition
 * store (notices in IndexedDB, `feedMeta` in `storage.local`), once, at the first start of a build
 * that has issue 13.
 *
 * Only the feed moves. The patient's data (dismissals, password-changed dates, remediation steps,
 * guide progress, settings, portals) lives under other keys and is not touched. The old entry is
 * removed last, and only after the new store was written, so a failed migration keeps it and the
 * next start tries again. A stored feed that no longer verifies (its key was unpinned) is dropped,
 * as the version 1 code set it aside: the bundled feed takes its place.
 */
export type MigrationResult =
  | { outcome: 'nothing' }
  | { outcome: 'migrated'; meta: FeedMeta }
  | { outcome: 'dropped'; reason: string }
  /** `fallback`: the verified old feed, to use from memory while the store cannot be written. */
  | { outcome: 'failed'; error: string; fallback?: { meta: FeedMeta; feed: Feed } };

export async function migrateLegacyFeed({ db, keys, now = Date.now }: { db: FeedDb; keys: readonly PinnedKey[]; now?: () => number }): Promise<MigrationResult> {
  const legacy = await readItem(feedStore);
  if (!legacy) return { outcome: 'nothing' };

  // A build that already migrated (another context raced us, or the removal failed) keeps its store.
  if (await readItem(feedMeta)) {
    await removeItem(feedStore);
    return { outcome: 'nothing' };
  }

  const verified = await verifyFeed(legacy.envelope, keys);
  if (!verified.ok) {
    await removeItem(feedStore);
    await writeItem(feedCheck, { ...(await readItem(feedCheck)), lastError: { at: now(), reason: t('feedUpdate.setAside', { reason: t('feedUpdate.proofFailed') }), code: 'set-aside' } });
    return { outcome: 'dropped', reason: verified.reason };
  }
  const meta: FeedMeta = {
    source: legacy.source,
    ...(legacy.sourceUrl ? { sourceUrl: legacy.sourceUrl } : {}),
    // The ETag was the single file's: the index has its own, so it is not carried over.
    sequence: verified.feed.sequence,
    generatedAt: verified.feed.generatedAt,
    receivedAt: legacy.receivedAt,
    ...(legacy.source === 'remote' ? { envelope: legacy.envelope } : {}),
  };
  try {
    await replaceStoredFeed(db, verified.feed);
    await writeItem(feedMeta, meta);
  } catch (error) {
    return { outcome: 'failed', error: error instanceof Error ? error.message : String(error), fallback: { meta, feed: verified.feed } };
  }
  await removeItem(feedStore);
  return { outcome: 'migrated', meta };
}
