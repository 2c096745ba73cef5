import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedSchema, type Feed } from '../feed/schema';
import type { FeedStatus } from '../messaging/protocol';
import { dismissNotice, setPasswordChangedOn } from '../state/patient-choices';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import uwHealth from '../../feed/notices/us-uwhealth-2021.json';
import type { Sender } from '../messaging/listen';
import { CATALOGUE, createPortalIndex, type Portal } from '../portals';
import { onSessionReport } from './session-report';
import { tabStatus } from './tab-status';
import { getTabSession } from './tab-sessions';

// The real bundled notices, in a feed of their own.
const feed: Feed = feedSchema.parse({ formatVersion: '1.0', sequence: 7, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh, uwHealth] });
const status: FeedStatus = { source: 'bundled', sequence: 7, generatedAt: feed.generatedAt, receivedAt: 0 };
const activeFeed = async () => ({ feed, status });
const NOW = new Date('2026-11-28T09:00:00+13:00');

const sender = (url: string, tabId = 11): Sender => ({ id: 'x', tab: { id: tabId, index: 0 } as Sender['tab'], frameId: 0, url });

describe('onSessionReport', () => {
  beforeEach(() => fakeBrowser.reset());

  it('identifies the portal from the sender, stores the tab, sets the badge, and returns the banner notices', async () => {
    const badge = vi.fn(async () => {});
    const reply = await onSessionReport({ state: 'signed-in', evidence: ['logout-control'], path: '/dashboard' }, sender('https://portal.managemyhealth.co.nz/?token=secret'), {
      now: () => 1000,
      badge,
      notices: (match) => import('./portal-notices').then(({ portalNotices }) => portalNotices(match, { feed: activeFeed, now: () => NOW })),
    });
    expect(reply.notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12']);
    expect(reply.notices[0]?.why).toBe(`You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added ${new Date(`${mmh.added}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}.`);
    expect(badge).toHaveBeenCalledWith(11, expect.objectContaining({ text: '!1' }));
    // The query string (which may carry tokens) is never stored; the path comes from the page.
    expect(await getTabSession(11)).toEqual({ state: 'signed-in', evidence: ['logout-control'], detectedAt: 1000, url: 'https://portal.managemyhealth.co.nz/dashboard' });
  });

  it.each([
    ['a site outside the catalogue', 'https://www.example-clinic.org/'],
    ['a look-alike', 'https://mychart-health.org/login'],
  ])('ignores reports from %s', async (_name, url) => {
    const badge = vi.fn(async () => {});
    const reply = await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/' }, sender(url), { badge });
    expect(reply).toEqual({ ok: true, notices: [] });
    expect(badge).not.toHaveBeenCalled();
    expect(await getTabSession(11)).toBeUndefined();
  });

  it('sends the platform’s own session hints with the reply', async () => {
    const reply = await onSessionReport({ state: 'unknown', evidence: [], path: '/MyChart/' }, sender('https://mychart.clevelandclinic.org/MyChart/'), { badge: async () => {}, notices: async () => ({ relevant: [], others: [], active: undefined }) });
    expect(reply.signals?.loginPaths?.length).toBeGreaterThan(0);
  });
});

describe('onSessionReport: the platform of a host the patient added', () => {
  beforeEach(() => fakeBrowser.reset());
  // A patient's own portal, as the options page or the watch flow adds it (utils/portals/custom.ts).
  const watched: Portal = { id: 'patient-mychart-uwhealth-org', name: 'mychart.uwhealth.org', operator: 'Added by you', country: 'US', kind: 'portal', hosts: [{ host: 'mychart.uwhealth.org', match: 'exact', evidence: 'unverified' }], sources: ['https://mychart.uwhealth.org/'] };
  const index = async () => createPortalIndex([...(CATALOGUE as readonly Portal[]), watched]);
  const deps = { now: () => 5, badge: async () => {}, notices: async () => ({ relevant: [], others: [], active: undefined }), index, probe: async () => false };
  const page = 'https://mychart.uwhealth.org/MyChart/Authentication/Login';
  const detection = { platformId: 'epic-mychart', matched: ['mychart-login-path', 'mychart-prelogin-script', 'mychart-jsenabled-field'] };

  it('sends the platform-signal table to a watched host, not to a catalogue host', async () => {
    const reply = await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/MyChart/Authentication/Login' }, sender(page), deps);
    expect(reply.platforms?.map((platform) => platform.id)).toContain('epic-mychart');
    const catalogueReply = await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/' }, sender('https://portal.managemyhealth.co.nz/'), deps);
    expect(catalogueReply.platforms).toBeUndefined();
  });

  it('stores the detection with the sender’s host and its registrable domain', async () => {
    await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/MyChart/Authentication/Login', detection }, sender(page), deps);
    expect((await getTabSession(11))?.platform).toEqual({ platformId: 'epic-mychart', platformName: 'MyChart', host: 'mychart.uwhealth.org', registrableDomain: 'uwhealth.org', state: 'login', matched: detection.matched });
  });

  it.each([
    ['a platform the background does not know', { platformId: 'made-up-platform', matched: ['mychart-login-path'] }],
    ['a signal id of another platform', { platformId: 'epic-mychart', matched: ['nextmd-script'] }],
  ])('ignores %s', async (_label, forged) => {
    await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/', detection: forged }, sender(page), deps);
    const session = await getTabSession(11);
    expect(session?.state).toBe('login');
    expect(session?.platform).toBeUndefined();
  });

  it('ignores a detection from a catalogue host, whose platform the catalogue already knows', async () => {
    await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/', detection }, sender('https://mychart.clevelandclinic.org/MyChart/'), deps);
    expect((await getTabSession(11))?.platform).toBeUndefined();
  });
});

describe('tabStatus', () => {
  beforeEach(() => fakeBrowser.reset());
  const deps = { getSession: getTabSession, getFeed: activeFeed, now: () => NOW };

  it('describes a Manage My Health tab with its notice and why it matched', async () => {
    await onSessionReport({ state: 'login', evidence: ['password-field'], path: '/' }, sender('https://portal.managemyhealth.co.nz/'), { badge: async () => {} });
    const result = await tabStatus({ tabId: 11 }, deps);
    expect(result.lookup).toBe('portal');
    expect(result.portal?.displayName).toBe('Manage My Health');
    expect(result.session?.state).toBe('login');
    expect(result.notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12']);
    expect(result.notices[0]?.why).toContain('You are on portal.managemyhealth.co.nz, which is Manage My Health');
    expect(result.feed?.sequence).toBe(7);
  });

  it('carries shared-computer mode’s reminders, so the popup reads no storage itself', async () => {
    const { signOutReminders, writeItem } = await import('../state/storage');
    await writeItem(signOutReminders, [{ id: 'portal-guard-signout:managemyhealth', portalId: 'managemyhealth', host: 'portal.managemyhealth.co.nz', displayName: 'Manage My Health', signOutUrl: 'https://portal.managemyhealth.co.nz/', at: Date.UTC(2026, 10, 28, 1), how: 'closed', notification: 'no-permission', clearedSiteData: false }]);
    const result = await tabStatus({ tabId: 11, url: 'https://www.example-clinic.org/' }, deps);
    expect(result.signOutReminders).toEqual([{ id: 'portal-guard-signout:managemyhealth', displayName: 'Manage My Health', signOutUrl: 'https://portal.managemyhealth.co.nz/' }]);
  });

  it('starts every read at once when the popup gives the address, not one round after another', async () => {
    // The popup shows nothing until this answer comes: each read is a round trip to the browser.
    // The catalogue index is in memory after its first load, so the address is looked up at once,
    // and the reads that need it (trackers seen, whether the script runs there) go out with the rest.
    const started: string[] = [];
    const finished: string[] = [];
    const held = <T,>(name: string, value: T) => () => {
      started.push(name);
      return new Promise<T>((resolve) =>
        setTimeout(() => {
          finished.push(name);
          resolve(value);
        }, 5),
      );
    };
    const index = createPortalIndex(CATALOGUE);
    const reply = tabStatus(
      { tabId: 3, url: 'https://portal.managemyhealth.co.nz/dashboard' },
      {
        getSession: held('session', undefined),
        getFeed: held('feed', { feed, status }),
        now: () => NOW,
        index: async () => index,
        organization: held('organization', undefined),
        reminders: held('reminders', []),
        scriptable: held('scriptable', true),
        trackers: held('trackers', []),
      },
    );
    await new Promise((settle) => setTimeout(settle, 0));
    expect(started.sort()).toEqual(['feed', 'organization', 'reminders', 'scriptable', 'session', 'trackers']);
    expect(finished).toEqual([]);
    const result = await reply;
    expect(result).toMatchObject({ lookup: 'portal', scriptable: true, portal: { id: 'managemyhealth' } });
    expect(result.notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12']);
  });

  it('reads the patient’s notice choices with everything else, not after the feed arrives', async () => {
    const local = vi.spyOn(fakeBrowser.storage.local, 'get');
    const slowFeed = () => new Promise<{ feed: Feed; status: FeedStatus }>((resolve) => setTimeout(() => resolve({ feed, status }), 5));
    const reply = tabStatus({ tabId: 3, url: 'https://portal.managemyhealth.co.nz/dashboard' }, { ...deps, getFeed: slowFeed });
    await new Promise((settle) => setTimeout(settle, 0));
    const keys = local.mock.calls.flatMap(([key]) => (Array.isArray(key) ? key : [key]));
    expect(keys).toEqual(expect.arrayContaining(['noticeDismissals', 'portalAccounts', 'settings']));
    expect((await reply).notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12']);
  });

  it('moves a dismissed notice to “other notices” until its modified date changes', async () => {
    await dismissNotice(feed.notices[0]!);
    const result = await tabStatus({ tabId: 3, url: 'https://portal.managemyhealth.co.nz/' }, deps);
    expect(result.notices).toEqual([]);
    expect(result.otherNotices).toEqual([{ id: 'nz-managemyhealth-2025-12', title: feed.notices[0]!.title }]);
  });

  it('hides a notice after the patient says they changed the password since', async () => {
    await setPasswordChangedOn('managemyhealth', '2026-11-01');
    const result = await tabStatus({ tabId: 3, url: 'https://portal.managemyhealth.co.nz/' }, deps);
    expect(result.notices).toEqual([]);
  });

  it('shows a tenant-only notice on that tenant and not on another MyChart', async () => {
    // UW Health's real notice names no tenant host in our sources, so use a variant that does.
    const tenantNotice = { ...uwHealth, id: 'us-fairview-2021', portals: ['epic-mychart'], tenants: ['mychart.fairview.org'], status: 'investigating' };
    const tenantFeed = feedSchema.parse({ ...feed, notices: [tenantNotice] });
    const tenantDeps = { ...deps, getFeed: async () => ({ feed: tenantFeed, status }) };
    const own = await tabStatus({ tabId: 3, url: 'https://mychart.fairview.org/MyChart/' }, tenantDeps);
    expect(own.portal?.displayName).toBe('M Health Fairview’s MyChart');
    expect(own.notices.map((notice) => notice.id)).toEqual(['us-fairview-2021']);
    const other = await tabStatus({ tabId: 3, url: 'https://mychart.clevelandclinic.org/MyChart/' }, tenantDeps);
    expect(other.portal?.displayName).toBe('Cleveland Clinic’s MyChart');
    expect(other.notices).toEqual([]);
    expect(other.otherNotices).toEqual([]);
  });

  it('ignores a stored session from another host in the same tab', async () => {
    await onSessionReport({ state: 'signed-in', evidence: ['logout-control'], path: '/' }, sender('https://portal.managemyhealth.co.nz/'), { badge: async () => {} });
    const result = await tabStatus({ tabId: 11, url: 'https://mychart.clevelandclinic.org/' }, deps);
    expect(result.session).toBeUndefined();
  });

  it.each([
    ['an unknown site', 'https://www.example-clinic.org/', 'none'],
    ['a look-alike', 'https://nextmd.online/', 'lookalike'],
    ['a malformed URL', 'not a url', 'none'],
  ])('answers for %s', async (_name, url, lookup) => {
    const result = await tabStatus({ tabId: 3, url }, deps);
    expect(result.lookup).toBe(lookup);
    expect(result.notices).toEqual([]);
  });
});
