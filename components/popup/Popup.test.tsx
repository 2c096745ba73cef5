import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NoticeSummary, TabStatus } from '@/utils/messaging/protocol';
import { exportReviewPageUrl, optionsPageUrl, parseExportReviewPage, parseNoticePage } from '@/utils/pages';
import type { PlatformDetection } from '@/utils/portals/platform-detection';
import { Popup, type PopupDeps } from './Popup';
import type { WatchDeps } from './WatchPortal';

const MMH_NOTICE: NoticeSummary = {
  id: 'nz-managemyhealth-2025-12',
  why: 'You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added 1 Jan 2026.',
  title: 'Manage My Health: patient documents stolen',
  summary: 'An attacker used one patient’s stolen login to copy documents from “My Health Documents”.',
  organization: 'Manage My Health Limited',
  disclosed: '2026-01-01',
  added: '2026-01-01',
  modified: '2026-05-30',
  status: 'regulator-action',
  severity: 'critical',
  affectedLabel: '99,416 people (unverified)',
  dataClasses: ['Hospital discharge summaries', 'Referral letters'],
  notAffected: ['Appointments', 'Prescriptions'],
  officialUrl: 'https://managemyhealth.co.nz/mmh-cyber-breach-update',
};
const FEED = { source: 'bundled' as const, sequence: 3, generatedAt: '2026-06-01T00:00:00Z', receivedAt: Date.now() - 3 * 3_600_000 };

function mount(status: TabStatus, target: { tabId: number; url?: string } = { tabId: 4 }, check = vi.fn(), watch?: WatchDeps) {
  const container = document.createElement('div');
  document.body.append(container);
  const deps: PopupDeps = { ask: async () => ({ target, status }), check, ...(watch ? { watch } : {}) };
  render(<Popup deps={deps} />, container);
  return { container, check };
}

const text = (container: Element, testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();

afterEach(() => {
  document.body.replaceChildren();
});

describe('Popup', () => {
  it('asks about the tab as soon as it renders, not a painted frame later', () => {
    // A plain effect waits for the next frame: 10–16 ms added to every opening before the question
    // is even sent (npm run bench -- popup-render).
    const ask = vi.fn(async () => ({ target: { tabId: 4 }, status: { lookup: 'none' as const, notices: [] } }));
    const container = document.createElement('div');
    document.body.append(container);
    render(<Popup deps={{ ask, check: vi.fn() }} />, container);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(text(container, 'popup')).toBeUndefined();
    expect(container.querySelector('main[aria-busy="true"]')).not.toBeNull();
  });

  it('shows a signed-in Manage My Health session with its notice', async () => {
    const { container } = mount({
      lookup: 'portal',
      portal: { id: 'managemyhealth', name: 'Manage My Health', displayName: 'Manage My Health', operator: 'Manage My Health Limited', country: 'NZ', host: 'portal.managemyhealth.co.nz' },
      session: { state: 'signed-in', detectedAt: 1, evidence: ['logout-control'] },
      notices: [MMH_NOTICE],
      feed: FEED,
    });
    await vi.waitFor(() => expect(text(container, 'portal-name')).toBe('Manage My Health'));
    expect(text(container, 'portal-operator')).toBe('Run by Manage My Health Limited');
    expect(text(container, 'portal-host')).toBe('portal.managemyhealth.co.nz');
    expect(text(container, 'session-state')).toBe('Signed in');
    expect(container.textContent).toContain('we saw a sign-out button');
    expect(text(container, 'notice-title')).toBe(MMH_NOTICE.title);
    expect(container.textContent).toContain('You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added 1 Jan 2026.');
    expect(text(container, 'notice-not-affected')).toBe('Appointments, Prescriptions');
    expect(container.querySelector('a[href="https://managemyhealth.co.nz/mmh-cyber-breach-update"]')?.textContent).toBe('Read the official notice');
    expect(text(container, 'feed-status')).toContain('edition 3');
    expect(text(container, 'feed-status')).toContain('3 hours ago');
    expect(container.querySelector('[data-testid="feed-stale"]')).toBeNull();
  });

  it('says when breach notices may be out of date (an expired index), above the feed line', async () => {
    const { container } = mount({
      lookup: 'portal',
      portal: { id: 'managemyhealth', name: 'Manage My Health', displayName: 'Manage My Health', operator: 'Manage My Health Limited', country: 'NZ', host: 'portal.managemyhealth.co.nz' },
      notices: [MMH_NOTICE],
      feed: { ...FEED, source: 'remote', issuedAt: '2026-11-20T00:00:00.000Z', expires: '2026-11-27T00:00:00.000Z', staleSince: '2026-11-27T00:00:00.000Z' },
    });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="feed-stale"]')).not.toBeNull());
    expect(text(container, 'feed-stale')).toBe('Breach notices may be out of date since 27 Nov 2026. Portal Guard keeps using the notices it has and will keep checking for new ones.');
    expect(container.querySelector('[data-testid="feed-stale"]')?.getAttribute('role')).toBe('status');
  });

  it('links to the password guide for the portal shown, keeping the e2e data-testids', async () => {
    const { container } = mount({
      lookup: 'portal',
      portal: { id: 'epic-mychart', name: 'MyChart', displayName: 'Cleveland Clinic’s MyChart', operator: 'Cleveland Clinic (software: MyChart)', country: 'US', host: 'mychart.clevelandclinic.org' },
      notices: [],
    });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="guide-link"]')).not.toBeNull());
    const link = container.querySelector<HTMLAnchorElement>('[data-testid="guide-link"]')!;
    expect(link.textContent).toBe('Start the password guide');
    expect(link.getAttribute('href')).toMatch(/\/guide\.html\?portal=epic-mychart&host=mychart\.clevelandclinic\.org$/);
    for (const testId of ['portal-name', 'portal-operator', 'portal-host', 'session-state', 'no-notices']) expect(container.querySelector(`[data-testid="${testId}"]`)).not.toBeNull();
  });

  it('links a notice to “What to do” on its notice page, an earlier one to its top, and the export review to this portal', async () => {
    const { container } = mount({
      lookup: 'portal',
      portal: { id: 'managemyhealth', name: 'Manage My Health', displayName: 'Manage My Health', operator: 'Manage My Health Limited', country: 'NZ', host: 'portal.managemyhealth.co.nz' },
      notices: [MMH_NOTICE],
      otherNotices: [{ id: 'nz-managemyhealth-2024-03', title: 'Manage My Health: an earlier notice' }],
      feed: FEED,
    });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="notice-details"]')).not.toBeNull());
    const href = (selector: string) => container.querySelector<HTMLAnchorElement>(selector)!.getAttribute('href')!;
    const from = { portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' };
    expect(parseNoticePage(href('[data-testid="notice-details"]'))).toEqual({ ok: true, params: { id: MMH_NOTICE.id, ...from, section: 'todo' } });
    expect(parseNoticePage(href('[data-testid="other-notices"] a'))).toEqual({ ok: true, params: { id: 'nz-managemyhealth-2024-03', ...from } });
    expect(parseExportReviewPage(href('[data-testid="open-export-review"]'))).toEqual({ ok: true, params: { portal: 'managemyhealth' } });
    expect(href('[data-testid="open-options"]')).toBe(optionsPageUrl());
  });

  it('opens the export review with no portal from a page that is not one', async () => {
    const { container } = mount({ lookup: 'none', notices: [] });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="open-export-review"]')).not.toBeNull());
    expect(container.querySelector('[data-testid="open-export-review"]')!.getAttribute('href')).toBe(exportReviewPageUrl());
  });

  it('names the tenant of a platform', async () => {
    const { container } = mount({
      lookup: 'portal',
      portal: { id: 'epic-mychart', name: 'MyChart', displayName: 'Cleveland Clinic’s MyChart', operator: 'Cleveland Clinic (software: MyChart)', country: 'US', host: 'mychart.clevelandclinic.org', tenant: { organization: 'Cleveland Clinic', host: 'mychart.clevelandclinic.org' } },
      session: { state: 'login', detectedAt: 1, evidence: ['password-field', 'login-path'] },
      notices: [],
    });
    await vi.waitFor(() => expect(text(container, 'portal-name')).toBe('Cleveland Clinic’s MyChart'));
    expect(text(container, 'session-state')).toBe('On the sign-in page');
    expect(text(container, 'no-notices')).toContain('No breach notice');
    expect(text(container, 'feed-status')).toContain('not loaded yet');
  });

  describe('a tenant the signed feed added, outside the manifest (issue 12, item 7)', () => {
    const tenant: TabStatus = {
      lookup: 'portal',
      portal: { id: 'epic-mychart', name: 'MyChart', displayName: 'UW Health’s MyChart', operator: 'UW Health (software: MyChart)', country: 'US', host: 'mychart.uwhealth.org', tenant: { organization: 'UW Health', host: 'mychart.uwhealth.org' } },
      notices: [],
      scriptable: false,
    };
    const deps = (granted: boolean) => ({ request: vi.fn(async () => granted), release: vi.fn(async () => true), watch: vi.fn() });

    it('offers to watch it, asking for that origin only in the click, and says to reload', async () => {
      const watch = deps(true);
      const { container } = mount(tenant, { tabId: 4 }, vi.fn(), watch);
      await vi.waitFor(() => expect(container.querySelector('[data-testid="allow-tenant-button"]')).not.toBeNull());
      expect(text(container, 'allow-tenant')).toContain('Portal Guard knows mychart.uwhealth.org as UW Health’s MyChart');
      (container.querySelector('[data-testid="allow-tenant-button"]') as HTMLButtonElement).click();
      expect(watch.request).toHaveBeenCalledWith(['https://mychart.uwhealth.org/*']);
      await vi.waitFor(() => expect(text(container, 'allow-tenant-result')).toBe('Portal Guard now watches mychart.uwhealth.org. Reload the page to start.'));
      // Nothing is stored: the signed feed vouches for the address, the browser's grant is the switch.
      expect(watch.watch).not.toHaveBeenCalled();
    });

    it('says so when the browser does not give permission', async () => {
      const { container } = mount(tenant, { tabId: 4 }, vi.fn(), deps(false));
      await vi.waitFor(() => expect(container.querySelector('[data-testid="allow-tenant-button"]')).not.toBeNull());
      (container.querySelector('[data-testid="allow-tenant-button"]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(text(container, 'allow-tenant-result')).toContain('did not give permission'));
    });

    it.each<[string, Partial<TabStatus>]>([
      ['where the content script already runs', { scriptable: true }],
      ['on a portal the patient added (it has its own grant on the settings page)', { portal: { ...tenant.portal!, addedBy: 'user' } }],
    ])('is not offered %s', async (_name, change) => {
      const { container } = mount({ ...tenant, ...change }, { tabId: 4 }, vi.fn(), deps(true));
      await vi.waitFor(() => expect(text(container, 'portal-name')).toBeDefined());
      expect(container.querySelector('[data-testid="allow-tenant"]')).toBeNull();
    });
  });

  it('renders hostile feed text as inert text', async () => {
    const hostile = { ...MMH_NOTICE, title: '<img src=x onerror="alert(1)">Title', summary: '<script>alert(1)</script><a href="javascript:alert(1)">click</a>' };
    const { container } = mount({ lookup: 'portal', portal: { id: 'managemyhealth', name: 'Manage My Health', displayName: 'Manage My Health', operator: 'x', country: 'NZ', host: 'portal.managemyhealth.co.nz' }, notices: [hostile] });
    await vi.waitFor(() => expect(text(container, 'notice-title')).toBe(hostile.title));
    expect(container.querySelector('img, script, a[href^="javascript"]')).toBeNull();
    expect(container.textContent).toContain('<script>alert(1)</script>');
  });

  it('offers "Check this page" on an unknown site opened from the toolbar, and shows the result', async () => {
    const check = vi.fn(async () => ({ classification: { state: 'login' as const, evidence: ['password-field'] } }));
    const { container } = mount({ lookup: 'none', notices: [] }, { tabId: 9, url: 'https://www.example-clinic.org/' }, check);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="not-a-portal"]')).not.toBeNull());
    (container.querySelector('[data-testid="check-page"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(text(container, 'check-result')).toContain('This page asks for a password'));
    expect(check).toHaveBeenCalledWith(9);
  });

  it('does not offer the check when opened as a page, where no activeTab grant exists', async () => {
    const { container } = mount({ lookup: 'none', notices: [] }, { tabId: 9 });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="not-a-portal"]')).not.toBeNull());
    expect(container.querySelector('[data-testid="check-page"]')).toBeNull();
  });

  describe('"Watch this portal" on an unlisted MyChart tenant', () => {
    const UW: PlatformDetection = { platformId: 'epic-mychart', platformName: 'MyChart', host: 'mychart.uwhealth.org', registrableDomain: 'uwhealth.org', state: 'login', matched: ['mychart-login-path'] };
    const status: TabStatus = { lookup: 'none', notices: [], watch: { host: 'mychart.uwhealth.org', registrableDomain: 'uwhealth.org' } };
    const checked = () => vi.fn(async () => ({ classification: { state: 'login' as const, evidence: ['password-field'] }, detection: UW }));
    const watchDeps = (reply: Awaited<ReturnType<WatchDeps['watch']>>, granted = true) => ({
      request: vi.fn(async () => granted),
      release: vi.fn(async () => true),
      watch: vi.fn(async () => reply),
    });
    const open = async (deps: ReturnType<typeof watchDeps>, tab = status) => {
      const { container } = mount(tab, { tabId: 9, url: 'https://mychart.uwhealth.org/MyChart/Authentication/Login' }, checked(), deps);
      await vi.waitFor(() => expect(container.querySelector('[data-testid="check-page"]')).not.toBeNull());
      (container.querySelector('[data-testid="check-page"]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(container.querySelector('[data-testid="watch-offer"]')).not.toBeNull());
      return container;
    };

    it('says plainly what the page looks like and that the address is not reviewed', async () => {
      const container = await open(watchDeps({ status: 'watching', portalId: 'watch-mychart-uwhealth-org', name: 'MyChart (uwhealth.org)' }));
      expect(text(container, 'watch-summary')).toBe('This looks like a MyChart sign-in page at mychart.uwhealth.org (uwhealth.org). Portal Guard has not reviewed this address.');
      expect(text(container, 'watch-portal')).toBe('Watch this portal');
    });

    it('asks for that origin only, in the click itself, then has the background store the portal', async () => {
      const deps = watchDeps({ status: 'watching', portalId: 'watch-mychart-uwhealth-org', name: 'MyChart (uwhealth.org)' });
      const container = await open(deps);
      (container.querySelector('[data-testid="watch-portal"]') as HTMLButtonElement).click();
      // Synchronously, before any await: the browser's user-gesture rule; the background is told at once.
      expect(deps.request).toHaveBeenCalledWith(['https://mychart.uwhealth.org/*']);
      expect(deps.watch).toHaveBeenCalledTimes(1);
      await vi.waitFor(() => expect(text(container, 'watch-result')).toContain('Portal Guard now watches mychart.uwhealth.org as MyChart (uwhealth.org) (added by you, not reviewed by Portal Guard). Reload the page to start.'));
      expect(deps.watch).toHaveBeenCalledWith({ host: 'mychart.uwhealth.org', platformId: 'epic-mychart' });
      expect(deps.release).not.toHaveBeenCalled();
    });

    it('says so when the browser does not give permission (the background then stores nothing)', async () => {
      const deps = { ...watchDeps({ status: 'refused', reason: 'The browser has not given Portal Guard permission for mychart.uwhealth.org' }, false) };
      const container = await open(deps);
      (container.querySelector('[data-testid="watch-portal"]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(text(container, 'watch-result')).toBe('The browser did not give permission, so Portal Guard is not watching mychart.uwhealth.org.'));
      // Asked in the same click, so a popup the prompt closes has already told the background.
      expect(deps.watch).toHaveBeenCalledWith({ host: 'mychart.uwhealth.org', platformId: 'epic-mychart' });
      expect(deps.release).not.toHaveBeenCalled();
    });

    it('gives the permission back and shows the look-alike warning when the background refuses an imitation', async () => {
      const deps = watchDeps({ status: 'refused', reason: 'mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s', lookalike: { imitates: 'MyChart', officialHome: 'https://mychart.org/' } });
      const container = await open(deps);
      (container.querySelector('[data-testid="watch-portal"]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(container.querySelector('[data-testid="lookalike"] h1')?.textContent).toBe('This is not MyChart'));
      expect(deps.release).toHaveBeenCalledWith(['https://mychart.uwhealth.org/*']);
    });

    it('is not offered when the background did not say the tab’s host may be watched', async () => {
      const { container } = mount({ lookup: 'none', notices: [] }, { tabId: 9, url: 'https://mychart.uwhealth.org/' }, checked(), watchDeps({ status: 'watching', portalId: 'x', name: 'x' }));
      await vi.waitFor(() => expect(container.querySelector('[data-testid="check-page"]')).not.toBeNull());
      (container.querySelector('[data-testid="check-page"]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(text(container, 'check-result')).toContain('This page asks for a password'));
      expect(container.querySelector('[data-testid="watch-offer"]')).toBeNull();
    });

    it('is not offered when the detection names another host than the tab’s', async () => {
      const { container } = mount({ ...status, watch: { host: 'www.example-clinic.org', registrableDomain: 'example-clinic.org' } }, { tabId: 9, url: 'https://www.example-clinic.org/' }, checked(), watchDeps({ status: 'watching', portalId: 'x', name: 'x' }));
      await vi.waitFor(() => expect(container.querySelector('[data-testid="check-page"]')).not.toBeNull());
      (container.querySelector('[data-testid="check-page"]') as HTMLButtonElement).click();
      await vi.waitFor(() => expect(text(container, 'check-result')).toContain('This page asks for a password'));
      expect(container.querySelector('[data-testid="watch-offer"]')).toBeNull();
    });

    it('is never offered on an address that imitates a catalogue one: the look-alike warning shows instead', async () => {
      const { container } = mount(
        { lookup: 'lookalike', lookalike: { host: 'mychart-uwhealth.org', imitates: 'MyChart', officialHome: 'https://mychart.org/', reason: 'mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s' }, notices: [] },
        { tabId: 9, url: 'https://mychart-uwhealth.org/' },
        checked(),
        watchDeps({ status: 'watching', portalId: 'x', name: 'x' }),
      );
      await vi.waitFor(() => expect(container.querySelector('[data-testid="lookalike"] h1')?.textContent).toBe('This is not MyChart'));
      expect(container.textContent).toContain('mychart-uwhealth.org carries the name “mychart” of MyChart in an address that is not MyChart’s. Portal Guard does not know this address and will not watch it. Never enter your MyChart password here.');
      expect(container.textContent).toContain('To find the real MyChart, start from mychart.org.');
      expect(container.querySelector('[data-testid="check-page"], [data-testid="watch-portal"]')).toBeNull();
    });
  });

  it('marks a portal the patient added as not reviewed', async () => {
    const { container } = mount({
      lookup: 'portal',
      portal: { id: 'watch-mychart-uwhealth-org', name: 'MyChart (uwhealth.org)', displayName: 'MyChart (uwhealth.org)', operator: 'the owner of uwhealth.org, using MyChart', country: 'US', host: 'mychart.uwhealth.org', addedBy: 'user' },
      notices: [],
    });
    await vi.waitFor(() => expect(text(container, 'review-mark')).toBe('(added by you, not reviewed by Portal Guard)'));
  });

  it('warns on a known look-alike site', async () => {
    const { container } = mount({ lookup: 'lookalike', lookalike: { host: 'nextmd.online', imitates: 'NextMD', officialHome: 'https://nextmd.com/' }, notices: [] });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="lookalike"] h1')?.textContent).toBe('This is not NextMD'));
    expect(container.textContent).toContain('Never enter your NextMD password here.');
  });

  it('takes the answer popup.html’s early script already asked for, and asks nothing itself', async () => {
    const ask = vi.fn();
    const started = Promise.resolve({ target: { tabId: 4, url: 'https://portal.managemyhealth.co.nz/dashboard' }, status: { lookup: 'none' as const, notices: [] } });
    const container = document.createElement('div');
    document.body.append(container);
    render(<Popup deps={{ ask, started: () => started, check: vi.fn() }} />, container);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="not-a-portal"]')).not.toBeNull());
    expect(ask).not.toHaveBeenCalled();
  });

  it('asks itself when no early answer was started (the page opened without its early script)', async () => {
    const ask = vi.fn(async () => ({ target: { tabId: 4 }, status: { lookup: 'none' as const, notices: [] } }));
    const container = document.createElement('div');
    document.body.append(container);
    render(<Popup deps={{ ask, started: () => undefined, check: vi.fn() }} />, container);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="not-a-portal"]')).not.toBeNull());
    expect(ask).toHaveBeenCalledTimes(1);
  });

  it('says there is no tab to describe when the background found none', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    render(<Popup deps={{ ask: async () => ({}), check: vi.fn() }} />, container);
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('There is no tab to check.'));
  });

  it('says so when the background cannot answer', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    render(<Popup deps={{ ask: async () => Promise.reject(new Error('no reply')), check: vi.fn() }} />, container);
    await vi.waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('no reply'));
  });
});

describe('Popup: the organisation from a managed policy', () => {
  it('names the organisation and its support contact, on a portal and elsewhere', async () => {
    const organization = { name: 'Riverside Medical Centre', supportUrl: 'https://www.riversidemedical.co.nz/portal-help', phone: '+64 9 555 0100' };
    const { container } = mount({ lookup: 'none', notices: [], organization });
    await vi.waitFor(() => expect(text(container, 'organization-name')).toBe('Riverside Medical Centre'));
    expect(text(container, 'organization')).toBe('Set up for you by Riverside Medical Centre. Need help? Visit their support page or call +64 9 555 0100.');
    expect(container.querySelector('[data-testid="organization-support"]')?.getAttribute('href')).toBe(organization.supportUrl);
    expect(container.querySelector('[data-testid="organization-phone"]')?.getAttribute('href')).toBe('tel:+6495550100');
  });

  it('shows nothing about an organisation without a policy', async () => {
    const { container } = mount({ lookup: 'none', notices: [] });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="not-a-portal"]')).not.toBeNull());
    expect(container.querySelector('[data-testid="organization"]')).toBeNull();
  });
});

describe('Popup: shared-computer reminders', () => {
  it('lists the portals left signed in this session, newest first, with a sign-out link', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    // The background sends them with the tab status (oldest first); the popup reads no storage.
    const reminder = (portalId: string, displayName: string) => ({ id: `portal-guard-signout:${portalId}`, displayName, signOutUrl: `https://${portalId}.example.org/logout` });
    const deps: PopupDeps = {
      ask: async () => ({ target: { tabId: 4 }, status: { lookup: 'none', notices: [], signOutReminders: [reminder('managemyhealth', 'Manage My Health'), reminder('riverside', 'Riverside Medical Centre patient portal')] } }),
      check: vi.fn(),
    };
    render(<Popup deps={deps} />, container);
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="popup-sign-out-reminder"]')).toHaveLength(2));
    expect([...container.querySelectorAll('[data-testid="popup-sign-out-reminder"]')].map((item) => item.textContent)).toEqual(['Riverside Medical Centre patient portal Sign out', 'Manage My Health Sign out']);
    expect(container.querySelector('[data-testid="popup-sign-out-reminder"] a')?.getAttribute('href')).toBe('https://riverside.example.org/logout');
  });
});
