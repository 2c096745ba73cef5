import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NoticeSummary, TabStatus } from '@/utils/messaging/protocol';
import { exportReviewPageUrl, optionsPageUrl, parseExportReviewPage, parseNoticePage } from '@/utils/pages';
import { Popup, type PopupDeps } from './Popup';

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

function mount(status: TabStatus, target: { tabId: number; url?: string } = { tabId: 4 }, check = vi.fn()) {
  const container = document.createElement('div');
  document.body.append(container);
  const deps: PopupDeps = { resolveTab: async () => target, getStatus: async () => status, check };
  render(<Popup deps={deps} />, container);
  return { container, check };
}

const text = (container: Element, testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim();

afterEach(() => {
  document.body.replaceChildren();
});

describe('Popup', () => {
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

  it('warns on a known look-alike site', async () => {
    const { container } = mount({ lookup: 'lookalike', lookalike: { host: 'nextmd.online', imitates: 'NextMD', officialHome: 'https://nextmd.com/' }, notices: [] });
    await vi.waitFor(() => expect(container.querySelector('[data-testid="lookalike"] h1')?.textContent).toBe('This is not NextMD'));
    expect(container.textContent).toContain('Never enter your NextMD password here.');
  });

  it('says so when the background cannot answer', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    render(<Popup deps={{ resolveTab: async () => ({ tabId: 1 }), getStatus: async () => Promise.reject(new Error('no reply')), check: vi.fn() }} />, container);
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
      resolveTab: async () => ({ tabId: 4 }),
      getStatus: async () => ({ lookup: 'none', notices: [], signOutReminders: [reminder('managemyhealth', 'Manage My Health'), reminder('riverside', 'Riverside Medical Centre patient portal')] }),
      check: vi.fn(),
    };
    render(<Popup deps={deps} />, container);
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="popup-sign-out-reminder"]')).toHaveLength(2));
    expect([...container.querySelectorAll('[data-testid="popup-sign-out-reminder"]')].map((item) => item.textContent)).toEqual(['Riverside Medical Centre patient portal Sign out', 'Manage My Health Sign out']);
    expect(container.querySelector('[data-testid="popup-sign-out-reminder"] a')?.getAttribute('href')).toBe('https://riverside.example.org/logout');
  });
});
