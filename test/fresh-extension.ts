import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { forgetActiveFeed } from '../utils/state/active-feed';
import { forgetPolicy } from '../utils/policy/managed';
import { forgetCurrentPortals } from '../utils/state/current-portals';

/**
 * For a unit test's `beforeEach`: empty fake storage, and none of the module caches the extension
 * keeps between reads (the managed policy, the current portal index, the active feed, the feed's IndexedDB) carried over
 * from the test before.
 */
export function freshExtension(): void {
  fakeBrowser.reset();
  // A new, empty IndexedDB (the feed's notices): feed-db.ts opens a new connection on it.
  globalThis.indexedDB = new IDBFactory();
  forgetPolicy();
  forgetCurrentPortals();
  forgetActiveFeed();
}
