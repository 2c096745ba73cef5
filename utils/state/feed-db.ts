import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FeedDelta } from '../feed/edition';
import type { Feed, Notice } from '../feed/schema';
import { FEED_DATABASE } from './storage';

/**
 * The installed edition's notices in IndexedDB (FEED_DATABASE in storage.ts says why not
 * `storage.local`). Two stores:
 *
 *   notices   one record per notice, keyed by id: a delta puts and deletes single records, and a
 *             page's notices are read by id
 *   edition   one record, 'current': the edition's sequence, build time, format and catalogue
 *             additions, written in the same transaction as the notices, so the notices and the
 *             edition they belong to can never disagree
 *
 * Only verified data is written here (feed-update.ts, active-feed.ts, feed-migration.ts), and only
 * the extension's own origin can open it, so records are not parsed again when read: parsing
 * 10,000 notices with zod at every background start is the cost issue 13 set out to avoid.
 *
 * `idb` (a small promise wrapper by the author of the IndexedDB spec's tests) instead of raw
 * IDBRequest callbacks: it is made for this, and its transactions stay the browser's own.
 */

export interface StoredEdition {
  sequence: number;
  generatedAt: string;
  formatVersion: string;
  catalogue?: Feed['catalogue'];
  /** How many notices the edition has (a cheap check that a read found all of them). */
  count: number;
}

interface FeedDbSchema extends DBSchema {
  notices: { key: string; value: Notice };
  edition: { key: 'current'; value: StoredEdition };
}

export type FeedDb = IDBPDatabase<FeedDbSchema>;

/** Open (and on first use create) the database on `factory` (tests and the bench pass fake-indexeddb's). */
export function openFeedDb(factory: IDBFactory = globalThis.indexedDB): Promise<FeedDb> {
  // idb reads the global `indexedDB`; pointing it at `factory` for the open alone keeps the
  // connection on that factory without a second code path.
  const previous = globalThis.indexedDB;
  if (factory !== previous) globalThis.indexedDB = factory;
  try {
    return openDB<FeedDbSchema>(FEED_DATABASE.name, FEED_DATABASE.version, {
      upgrade(db) {
        // Version 1: the two stores. A later version that changes a record's shape clears both
        // here and the next start installs the bundled feed, then the next check the snapshot.
        if (!db.objectStoreNames.contains('notices')) db.createObjectStore('notices', { keyPath: 'id' });
        if (!db.objectStoreNames.contains('edition')) db.createObjectStore('edition');
      },
    });
  } finally {
    if (factory !== previous) globalThis.indexedDB = previous;
  }
}

let connection: { factory: IDBFactory; db: Promise<FeedDb> } | undefined;

/** The background's (or a page's) one connection, opened on first use. */
export function feedDb(): Promise<FeedDb> {
  const factory = globalThis.indexedDB;
  if (!connection || connection.factory !== factory) {
    const db = openFeedDb(factory);
    connection = { factory, db };
    // A failed open is not kept: the next call tries again.
    db.catch(() => {
      if (connection?.db === db) connection = undefined;
    });
  }
  return connection.db;
}

/** The installed edition record, or undefined before the first install. */
export async function readEdition(db: FeedDb): Promise<StoredEdition | undefined> {
  return db.get('edition', 'current');
}

/** The installed edition and all its notices, read in one transaction. */
export async function readStoredFeed(db: FeedDb): Promise<{ edition: StoredEdition; notices: Notice[] } | undefined> {
  const tx = db.transaction(['edition', 'notices'], 'readonly');
  const [edition, notices] = await Promise.all([tx.objectStore('edition').get('current'), tx.objectStore('notices').getAll(), tx.done]);
  if (!edition || notices.length !== edition.count) return undefined;
  return { edition, notices };
}

/** Some notices by id (missing ids are left out). */
export async function readNotices(db: FeedDb, ids: readonly string[]): Promise<Notice[]> {
  const tx = db.transaction('notices', 'readonly');
  const found = await Promise.all(ids.map((id) => tx.store.get(id)));
  await tx.done;
  return found.filter((notice): notice is Notice => notice !== undefined);
}

function editionOf(feed: Pick<Feed, 'sequence' | 'generatedAt' | 'formatVersion' | 'catalogue' | 'notices'>): StoredEdition {
  return { sequence: feed.sequence, generatedAt: feed.generatedAt, formatVersion: feed.formatVersion, ...(feed.catalogue ? { catalogue: feed.catalogue } : {}), count: feed.notices.length };
}

/** Replace the whole edition (a snapshot, the bundled feed, a migrated feed) in one transaction. */
export async function replaceStoredFeed(db: FeedDb, feed: Pick<Feed, 'sequence' | 'generatedAt' | 'formatVersion' | 'catalogue' | 'notices'>): Promise<StoredEdition> {
  const edition = editionOf(feed);
  const tx = db.transaction(['edition', 'notices'], 'readwrite');
  const notices = tx.objectStore('notices');
  const writes = requests();
  writes.push(notices.clear());
  for (const notice of feed.notices) writes.push(notices.put(notice));
  writes.push(tx.objectStore('edition').put(edition, 'current'));
  await settle(writes);
  await tx.done;
  return edition;
}

/**
 * A transaction's requests. When one fails (or throws as it is made) the transaction aborts and
 * every other request rejects too; each is marked handled as it is added, so only the first
 * failure is reported, by `settle` or by the throw.
 */
function requests(): { push(request: Promise<unknown>): void; all: Promise<unknown>[] } {
  const all: Promise<unknown>[] = [];
  return {
    all,
    push(request) {
      request.catch(() => {});
      all.push(request);
    },
  };
}

async function settle(writes: { all: Promise<unknown>[] }): Promise<void> {
  await Promise.all(writes.all);
}

/** Thrown when the stored edition is not the one a delta starts from; nothing was written. */
export class EditionMoved extends Error {
  constructor(readonly stored: number | undefined, readonly from: number) {
    super(`the stored edition is ${stored ?? 'none'}, not ${from}, so the delta was not applied`);
  }
}

/**
 * Apply a checked delta (`parseDelta`) to the stored edition in one transaction: the edition record
 * must still be `delta.from`, then puts, removes, the catalogue if the delta changes it, and the new
 * edition record. Any failure aborts the transaction, so the stored edition is untouched.
 *
 * The bench calls this on a stored 10,000-notice feed (issue 13: 10 changed notices in under 20 ms).
 */
export async function applyStoredDelta(db: FeedDb, delta: Pick<FeedDelta, 'from' | 'to' | 'generatedAt' | 'put' | 'remove' | 'catalogue'>): Promise<StoredEdition> {
  const tx = db.transaction(['edition', 'notices'], 'readwrite');
  const editions = tx.objectStore('edition');
  const notices = tx.objectStore('notices');
  const done = tx.done.catch((error: unknown) => error);
  try {
    const current = await editions.get('current');
    if (!current || current.sequence !== delta.from) throw new EditionMoved(current?.sequence, delta.from);
    // The count changes by what was really added and removed, so a read can check it found them all.
    const present = requests();
    for (const notice of delta.put) present.push(notices.getKey(notice.id));
    const removing = requests();
    for (const id of delta.remove) removing.push(notices.getKey(id));
    const added = (await Promise.all(present.all)).filter((key) => key === undefined).length;
    const removed = (await Promise.all(removing.all)).filter((key) => key !== undefined).length;
    const writes = requests();
    for (const notice of delta.put) writes.push(notices.put(notice));
    for (const id of delta.remove) writes.push(notices.delete(id));
    const { catalogue: _old, ...rest } = current;
    const catalogue = delta.catalogue === undefined ? current.catalogue : (delta.catalogue ?? undefined);
    const next: StoredEdition = { ...rest, sequence: delta.to, generatedAt: delta.generatedAt, ...(catalogue ? { catalogue } : {}), count: current.count + added - removed };
    writes.push(editions.put(next, 'current'));
    await settle(writes);
    const failed = await done;
    if (failed) throw failed;
    return next;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // already finished or aborted
    }
    await done;
    throw error;
  }
}
