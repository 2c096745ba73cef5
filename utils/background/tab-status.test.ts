import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedSchema, type Feed } from '../feed/schema';
import type { FeedStatus } from '../messaging/protocol';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import { CATALOGUE, createPortalIndex } from '../portals';
import { activeTabStatus, type TabStatusDeps } from './tab-status';
import { getTabSession, setTabSession } from './tab-sessions';

/**
 * The toolbar popup's question (`ui-bg/active-tab-status`): the background finds the active tab
 * itself, so the popup need not ask the browser first. The tab-independent reads must not wait
 * for the browser's answer about the tab.
 */

const feed: Feed = feedSchema.parse({ formatVersion: '1.0', sequence: 7, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh] });
const status: FeedStatus = { source: 'bundled', sequence: 7, generatedAt: feed.generatedAt, receivedAt: 0 };
const NOW = new Date('2026-11-28T09:00:00+13:00');
const index = createPortalIndex(CATALOGUE);
const MMH = 'https://portal.managemyhealth.co.nz/dashboard';

const deps = (activeTab: TabStatusDeps['activeTab']): TabStatusDeps => ({ getSession: getTabSession, getFeed: async () => ({ feed, status }), now: () => NOW, index: async () => index, scriptable: async () => true, activeTab });

describe('activeTabStatus', () => {
  beforeEach(() => fakeBrowser.reset());

  it('describes the active Manage My Health tab, with the URL activeTab shows the background', async () => {
    await setTabSession(3, { state: 'signed-in', evidence: ['logout-control'], detectedAt: 1000, url: MMH });
    const answer = await activeTabStatus(deps(async () => ({ tabId: 3, url: MMH })));
    expect(answer.target).toEqual({ tabId: 3, url: MMH });
    expect(answer.status).toMatchObject({ lookup: 'portal', portal: { id: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }, session: { state: 'signed-in' } });
    expect(answer.status?.notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12']);
  });

  it('starts the reads that need no tab while the browser is still saying which tab is active', async () => {
    let found: (tab: { tabId: number; url?: string }) => void = () => undefined;
    const started: string[] = [];
    const reply = activeTabStatus({
      ...deps(() => new Promise((resolve) => (found = resolve))),
      getFeed: async () => (started.push('feed'), { feed, status }),
      organization: async () => (started.push('organization'), undefined),
      reminders: async () => (started.push('reminders'), []),
      getSession: async (tabId) => (started.push(`session of tab ${tabId}`), undefined),
    });
    await new Promise((settle) => setTimeout(settle, 0));
    expect(started.sort()).toEqual(['feed', 'organization', 'reminders']);
    found({ tabId: 3, url: MMH });
    expect((await reply).status?.portal?.id).toBe('managemyhealth');
    expect(started).toContain('session of tab 3');
  });

  it('falls back to the address the content script reported when the browser shows none', async () => {
    // No activeTab grant (the popup opened by other means): the tab's URL is hidden from us.
    await setTabSession(5, { state: 'login', evidence: ['password-field'], detectedAt: 1000, url: 'https://portal.managemyhealth.co.nz/login' });
    const answer = await activeTabStatus(deps(async () => ({ tabId: 5 })));
    expect(answer.target).toEqual({ tabId: 5 });
    expect(answer.status).toMatchObject({ lookup: 'portal', session: { state: 'login' } });
  });

  it.each([
    ['no active tab in the focused window', async () => undefined],
    ['the browser refuses the query', async () => Promise.reject(new Error('No current window'))],
  ])('answers with no target when there is no tab to describe: %s', async (_name, activeTab) => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      expect(await activeTabStatus(deps(activeTab))).toEqual({});
      await new Promise((settle) => setTimeout(settle, 10));
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('asks the browser for the active tab of the focused window, the one whose toolbar was clicked', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => [{ id: 8, index: 0, url: MMH } as Browser.tabs.Tab]) as never);
    const answer = await activeTabStatus({ getSession: getTabSession, getFeed: async () => ({ feed, status }), now: () => NOW, index: async () => index, scriptable: async () => true });
    expect(query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(answer.target).toEqual({ tabId: 8, url: MMH });
  });

  it('treats a tab the browser cannot name (tabs.TAB_ID_NONE, a devtools window) as no tab', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => [{ id: -1, index: 0 } as Browser.tabs.Tab]) as never);
    expect(await activeTabStatus({ getSession: getTabSession, getFeed: async () => ({ feed, status }), now: () => NOW, index: async () => index })).toEqual({});
  });
});
