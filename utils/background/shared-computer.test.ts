import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { catalogueIndex, createPortalIndex, CATALOGUE, type Portal, type PortalMatch } from '../portals';
import { parsePolicy } from '../policy/schema';
import { RIVERSIDE_POLICY } from '../policy/fixtures';
import { readItem, signOutReminders, type TabSession } from '../state/storage';
import { LEFT_PORTAL_AFTER_MS, remindIfSignedIn, watchSharedComputer, type SharedComputerDeps } from './shared-computer';
import { setTabSession } from './tab-sessions';

const NOW = Date.UTC(2026, 10, 28, 2);
const session = (url: string, state: TabSession['state'] = 'signed-in'): TabSession => ({ state, evidence: ['logout-control'], detectedAt: NOW - 60_000, url });
const MMH = session('https://portal.managemyhealth.co.nz/dashboard');
const riversidePortal = parsePolicy(RIVERSIDE_POLICY).policy.additionalPortals[0]!.portal;

function deps(overrides: Partial<SharedComputerDeps> = {}): SharedComputerDeps & { notify: ReturnType<typeof vi.fn>; clearSiteData: ReturnType<typeof vi.fn> } {
  return {
    settings: async () => ({ on: true, clearSiteData: false }),
    index: async () => createPortalIndex([...(CATALOGUE as readonly Portal[]), riversidePortal]),
    signOutUrl: async (match: PortalMatch) => (match.portal.id === 'riverside-myindici' ? 'https://riverside.myindici.co.nz/logout' : match.portal.homeUrl),
    otherSessions: async () => ({}),
    notify: vi.fn(async () => 'shown' as const),
    clearSiteData: vi.fn(async () => true),
    downloadsFrom: async () => undefined,
    now: () => NOW,
    ...overrides,
  } as never;
}

describe('remindIfSignedIn', () => {
  beforeEach(() => fakeBrowser.reset());

  it('raises one notification for a portal left signed in, and records it', async () => {
    const d = deps();
    const reminder = await remindIfSignedIn(MMH, 'closed', d);
    expect(d.notify).toHaveBeenCalledWith('portal-guard-signout:managemyhealth', 'You may still be signed in to Manage My Health', 'Open it and sign out, especially on a shared computer.');
    expect(reminder).toEqual({
      id: 'portal-guard-signout:managemyhealth',
      portalId: 'managemyhealth',
      host: 'portal.managemyhealth.co.nz',
      displayName: 'Manage My Health',
      signOutUrl: 'https://portal.managemyhealth.co.nz/',
      at: NOW,
      how: 'closed',
      notification: 'shown',
      clearedSiteData: false,
    });
    expect(await readItem(signOutReminders)).toEqual([reminder]);
  });

  it.each([
    ['the mode is off', deps({ settings: async () => ({ on: false, clearSiteData: false }) }), MMH],
    ['the tab was signed out', deps(), session('https://portal.managemyhealth.co.nz/logout', 'signed-out')],
    ['the tab was on the sign-in page', deps(), session('https://portal.managemyhealth.co.nz/', 'login')],
    ['the tab held no session', deps(), undefined],
    ['another tab is still signed in to the portal', deps({ otherSessions: async () => ({ 9: session('https://portal.managemyhealth.co.nz/messages') }) }), MMH],
  ])('stays quiet when %s', async (_name, d, left) => {
    expect(await remindIfSignedIn(left, 'closed', d)).toBeUndefined();
    expect(d.notify).not.toHaveBeenCalled();
    expect(await readItem(signOutReminders)).toEqual([]);
  });

  it('names a policy portal’s own sign-out page, clears its site data for that origin only, and mentions downloads', async () => {
    const d = deps({ settings: async () => ({ on: true, clearSiteData: true }), downloadsFrom: async () => 2 });
    const reminder = await remindIfSignedIn(session('https://riverside.myindici.co.nz/home'), 'navigated', d);
    expect(d.clearSiteData).toHaveBeenCalledWith('https://riverside.myindici.co.nz');
    expect(d.notify).toHaveBeenCalledWith(
      'portal-guard-signout:riverside-myindici',
      'You may still be signed in to Riverside Medical Centre patient portal',
      'Portal Guard cleared riverside.myindici.co.nz’s cookies and site data on this computer; sign out there too if you can. 2 files you downloaded from it since the browser started are still on this computer.',
    );
    expect(reminder).toMatchObject({ signOutUrl: 'https://riverside.myindici.co.nz/logout', how: 'navigated', clearedSiteData: true, downloads: 2 });
  });

  it('records the reminder even when notifications are not allowed, so the popup can show it', async () => {
    const reminder = await remindIfSignedIn(MMH, 'closed', deps({ notify: vi.fn(async () => 'no-permission' as const) }));
    expect(reminder?.notification).toBe('no-permission');
    expect(await readItem(signOutReminders)).toHaveLength(1);
  });

  it('keeps one reminder per portal: a newer one replaces the older', async () => {
    await remindIfSignedIn(MMH, 'closed', deps({ now: () => NOW }));
    await remindIfSignedIn(MMH, 'navigated', deps({ now: () => NOW + 1 }));
    expect((await readItem(signOutReminders)).map((item) => [item.id, item.how])).toEqual([['portal-guard-signout:managemyhealth', 'navigated']]);
  });
});

describe('watchSharedComputer: which tab events mean "left signed in"', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const start = () => {
    const d = deps({ index: async () => catalogueIndex });
    const watch = watchSharedComputer({ deps: d, tabs: fakeBrowser.tabs as never, clicks: () => () => {} });
    return { d, watch };
  };

  it('a signed-in tab that closes: reminded at once', async () => {
    const { d, watch } = start();
    watch.tabLeft(5, MMH, 'closed');
    await vi.waitFor(() => expect(d.notify).toHaveBeenCalledTimes(1));
    watch.stop();
  });

  it('a signed-in tab that navigates to another site: reminded once the new page has loaded without a report from the portal', async () => {
    const { d, watch } = start();
    watch.tabLeft(5, MMH, 'loading');
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'complete' }, {} as never);
    await vi.advanceTimersByTimeAsync(LEFT_PORTAL_AFTER_MS - 100);
    expect(d.notify).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    await vi.waitFor(() => expect(d.notify).toHaveBeenCalledTimes(1));
    expect((await readItem(signOutReminders))[0]?.how).toBe('navigated');
    watch.stop();
  });

  it('a signed-in tab whose new page finished loading before the tab was handed over (a busy machine): reminded after the short wait, not the fallback', async () => {
    const { d, watch } = start();
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'loading' }, {} as never);
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'complete' }, {} as never);
    watch.tabLeft(5, MMH, 'loading');
    await vi.advanceTimersByTimeAsync(LEFT_PORTAL_AFTER_MS + 100);
    await vi.waitFor(() => expect(d.notify).toHaveBeenCalledTimes(1));
    expect((await readItem(signOutReminders))[0]?.how).toBe('navigated');
    watch.stop();
  });

  it('a signed-in tab that loads another page of the same portal: not reminded', async () => {
    const { d, watch } = start();
    watch.tabLeft(5, MMH, 'loading');
    await setTabSession(5, session('https://portal.managemyhealth.co.nz/messages'));
    await fakeBrowser.tabs.onUpdated.trigger(5, { status: 'complete' }, {} as never);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(d.notify).not.toHaveBeenCalled();
    watch.stop();
  });

  it('a tab that signs out (the sign-out page reports signed out): not reminded', async () => {
    const { d, watch } = start();
    watch.tabLeft(5, MMH, 'loading');
    await setTabSession(5, session('https://portal.managemyhealth.co.nz/logout', 'signed-out'));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(d.notify).not.toHaveBeenCalled();
    watch.stop();
  });

  it('decides even when the page’s loaded event was missed', async () => {
    const { d, watch } = start();
    watch.tabLeft(5, MMH, 'loading');
    await vi.advanceTimersByTimeAsync(16_000);
    await vi.waitFor(() => expect(d.notify).toHaveBeenCalledTimes(1));
    watch.stop();
  });

  it('a tab closed while its navigation away was pending: reminded once, as closed', async () => {
    const { d, watch } = start();
    watch.tabLeft(5, MMH, 'loading');
    watch.tabLeft(5, undefined, 'closed');
    await vi.advanceTimersByTimeAsync(20_000);
    await vi.waitFor(() => expect(d.notify).toHaveBeenCalledTimes(1));
    expect((await readItem(signOutReminders))[0]?.how).toBe('closed');
    watch.stop();
  });
});
