import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

/**
 * happy-dom has no IndexedDB, where the feed's notices live (utils/state/feed-db.ts). fake-indexeddb
 * is an in-memory implementation of the spec; every test starts with an empty one, as
 * fakeBrowser.reset() gives every test empty extension storage.
 */
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
