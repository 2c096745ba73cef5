import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { freshExtension } from '../../test/fresh-extension';
import { feedCheck, writeItem } from '../state/storage';
import { startBackground } from './start';
import { restrictStorageToTrustedContexts } from './storage-access';

/**
 * Issue 14, item 6: the content scripts never use storage, so in Chrome the background closes
 * storage.local (open to content scripts by default) and storage.session (closed by default, set
 * anyway so a changed default cannot open it) to them. The real refusal is checked in Chromium
 * by isolation.e2e.ts; fakeBrowser has no access levels, so here the calls are spied on.
 */

const TRUSTED = { accessLevel: 'TRUSTED_CONTEXTS' };

describe('storage is closed to content scripts', () => {
  beforeEach(() => freshExtension());
  afterEach(() => vi.restoreAllMocks());

  it('sets storage.local and storage.session to trusted contexts only', async () => {
    const local = vi.spyOn(fakeBrowser.storage.local, 'setAccessLevel').mockResolvedValue(undefined);
    const session = vi.spyOn(fakeBrowser.storage.session, 'setAccessLevel').mockResolvedValue(undefined);
    expect(await restrictStorageToTrustedContexts()).toEqual({ local: 'restricted', session: 'restricted' });
    expect(local).toHaveBeenCalledExactlyOnceWith(TRUSTED);
    expect(session).toHaveBeenCalledExactlyOnceWith(TRUSTED);
  });

  it('is the first thing the background does, before it listens for any message', async () => {
    // Checked a moment ago, so starting does not check the feed (no network from a unit test).
    await writeItem(feedCheck, { lastCheckedAt: Date.now() });
    const local = vi.spyOn(fakeBrowser.storage.local, 'setAccessLevel').mockResolvedValue(undefined);
    const session = vi.spyOn(fakeBrowser.storage.session, 'setAccessLevel').mockResolvedValue(undefined);
    const listen = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    // Events fakeBrowser does not implement, which the other parts of the background listen to.
    for (const event of [fakeBrowser.permissions.onAdded, fakeBrowser.permissions.onRemoved]) {
      vi.spyOn(event, 'addListener').mockImplementation(() => {});
      vi.spyOn(event, 'removeListener').mockImplementation(() => {});
    }
    const stop = startBackground();
    try {
      expect(local).toHaveBeenCalledWith(TRUSTED);
      expect(session).toHaveBeenCalledWith(TRUSTED);
      expect(listen).toHaveBeenCalled();
      const firstListen = Math.min(...listen.mock.invocationCallOrder);
      expect(local.mock.invocationCallOrder[0]).toBeLessThan(firstListen);
      expect(session.mock.invocationCallOrder[0]).toBeLessThan(firstListen);
    } finally {
      stop();
    }
  });

  it.each([
    // Firefox has no access levels for storage areas (docs/architecture.md, "Threats we handle").
    ['a browser without the API (Firefox)', undefined, { local: 'unsupported', session: 'unsupported' }],
    ['a browser that refuses the call', () => Promise.reject(new Error('Access level not supported')), { local: 'failed: Access level not supported', session: 'failed: Access level not supported' }],
  ])('does not stop the background in %s', async (_name, setAccessLevel, outcome) => {
    const storage = { local: { setAccessLevel }, session: { setAccessLevel } };
    expect(await restrictStorageToTrustedContexts(storage)).toEqual(outcome);
  });
});
