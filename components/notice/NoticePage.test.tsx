import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedSchema } from '@/utils/feed/schema';
import { getPasswordChangedOn, getStepChoices } from '@/utils/state/patient-choices';
import mmh from '../../feed/notices/nz-managemyhealth-2025-12.json';
import { DISMISS_ANCHOR, noticePageUrl, TODO_ANCHOR } from '@/utils/pages';
import { NoticePage } from './NoticePage';

const feed = feedSchema.parse({ formatVersion: '1.0', sequence: 4, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh] });
const active = { feed, status: { source: 'remote' as const, sequence: 4, generatedAt: feed.generatedAt, receivedAt: Date.now() - 2 * 86_400_000 } };

function mount(search: string) {
  const container = document.createElement('div');
  document.body.append(container);
  render(<NoticePage deps={{ search, loadFeed: async () => active, today: () => '2026-11-28' }} />, container);
  return container;
}
const byText = (root: Element, selector: string, text: string) => [...root.querySelectorAll<HTMLElement>(selector)].find((element) => element.textContent?.includes(text))!;

describe('NoticePage', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => document.body.replaceChildren());

  it('opened from the banner’s Dismiss, asks first, and saves the dismissal only when the patient confirms here', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const dismiss = vi.fn(async () => ({ ok: true }));
    const search = new URL(noticePageUrl({ id: 'nz-managemyhealth-2025-12', portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz', section: 'dismiss' }, 'chrome-extension://x/notice.html'));
    expect(search.hash).toBe(`#${DISMISS_ANCHOR}`);
    render(<NoticePage deps={{ search: `${search.search}${search.hash}`, loadFeed: async () => active, today: () => '2026-11-28', dismiss }} />, container);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="notice-dismiss"]')).not.toBeNull());
    // The question is the first thing on the page, above the notice itself.
    expect(container.querySelector('main')?.firstElementChild?.getAttribute('data-testid')).toBe('notice-dismiss');
    expect(container.querySelector(`#${DISMISS_ANCHOR}`)?.textContent).toBe('Stop showing this notice?');
    expect(dismiss).not.toHaveBeenCalled();
    container.querySelector<HTMLButtonElement>('[data-testid="notice-dismiss-confirm"]')!.click();
    await vi.waitFor(() => expect(container.querySelector('[data-testid="notice-dismissed"]')?.textContent).toContain('no longer shows this notice on Manage My Health'));
    expect(dismiss).toHaveBeenCalledWith('nz-managemyhealth-2025-12');
  });

  it('keeps the question at the end when opened for details', async () => {
    const page = mount('?id=nz-managemyhealth-2025-12&portal=managemyhealth');
    await vi.waitFor(() => expect(page.querySelector('[data-testid="notice-dismiss"]')).not.toBeNull());
    expect(page.querySelector('main')?.lastElementChild?.getAttribute('data-testid')).toBe('notice-dismiss');
  });

  it('shows the Manage My Health notice in full, with why it matched', async () => {
    const page = mount('?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz');
    await vi.waitFor(() => expect(page.querySelector('h1')?.textContent).toBe(mmh.title));
    expect(page.querySelector('[data-testid="notice-why"]')?.textContent).toContain('You are on portal.managemyhealth.co.nz, which is Manage My Health');
    const taken = page.querySelector('[data-testid="notice-data-classes"]')!.textContent!;
    expect(taken).toContain('Referral letters (dated 2017 to 2019)');
    expect(page.querySelector('[data-testid="notice-not-affected"]')?.textContent).toContain('Appointments');
    expect(page.querySelector('[data-testid="notice-not-affected"]')?.textContent).toContain('Prescriptions');
    expect(page.querySelector('[data-testid="notice-count"]')?.textContent).toContain('99,416');
    expect(page.querySelector('[data-testid="notice-feed-age"]')?.textContent).toContain('edition 4, received 2 days ago');
    // http sources are text, never links. (The one extension link is the password guide.)
    for (const link of page.querySelectorAll('a:not([data-testid="notice-guide-link"])')) expect(link.getAttribute('href')).toMatch(/^https:\/\//);
  });

  it('saves a step marked done or skipped, and clears it on a second press', async () => {
    const page = mount('?id=nz-managemyhealth-2025-12&portal=managemyhealth');
    await vi.waitFor(() => expect(page.querySelector('[data-testid="step-credentials"]')).not.toBeNull());
    byText(page.querySelector('[data-testid="step-credentials"]')!, 'button', 'Mark done').click();
    byText(page.querySelector('[data-testid="step-contact"]')!, 'button', 'Skip').click();
    await vi.waitFor(async () => expect(await getStepChoices('nz-managemyhealth-2025-12')).toEqual({ credentials: 'done', contact: 'skipped' }));
    byText(page.querySelector('[data-testid="step-credentials"]')!, 'button', 'Done').click();
    await vi.waitFor(async () => expect(await getStepChoices('nz-managemyhealth-2025-12')).toEqual({ contact: 'skipped' }));
  });

  it('records “I changed my password on…” for the portal', async () => {
    const page = mount('?id=nz-managemyhealth-2025-12&portal=managemyhealth');
    await vi.waitFor(() => expect(page.querySelector('#changed-on')).not.toBeNull());
    const input = page.querySelector<HTMLInputElement>('#changed-on')!;
    input.value = '2026-11-20';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    page.querySelector<HTMLFormElement>('.password-date form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    await vi.waitFor(async () => expect(await getPasswordChangedOn('managemyhealth')).toBe('2026-11-20'));
    await vi.waitFor(() => expect(page.querySelector('[data-testid="password-changed"]')?.textContent).toContain('on 20 Nov 2026'));
  });

  it('offers the password guide on the credentials step, for the portal it was opened from', async () => {
    const page = mount('?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz');
    await vi.waitFor(() => expect(page.querySelector('[data-testid="notice-guide-link"]')).not.toBeNull());
    const link = page.querySelector<HTMLAnchorElement>('[data-testid="notice-guide-link"]')!;
    expect(link.closest('[data-testid="step-credentials"]')).not.toBeNull();
    expect(link.getAttribute('href')).toMatch(/\/guide\.html\?portal=managemyhealth&host=portal\.managemyhealth\.co\.nz$/);
  });

  // An address utils/pages.ts refuses names no notice, even when its id is in the feed.
  it.each([
    ['an unknown parameter', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&officialUrl=https%3A%2F%2Fevil.example'],
    ['a host that is not a hostname', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz%2Fevil'],
    ['a host without its portal', '?id=nz-managemyhealth-2025-12&host=portal.managemyhealth.co.nz'],
  ])('refuses an address with %s', async (_name, search) => {
    const page = mount(search);
    await vi.waitFor(() => expect(page.querySelector('h1')?.textContent).toBe('Notice not found'));
  });

  it('has the heading that a “What to do” link opens at', async () => {
    const page = mount('?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz');
    const hash = new URL(noticePageUrl({ id: 'nz-managemyhealth-2025-12', section: 'todo' })).hash;
    await vi.waitFor(() => expect(page.querySelector(hash)?.textContent).toBe('What to do'));
    expect(hash).toBe(`#${TODO_ANCHOR}`);
  });

  it('says so when the notice is not in the feed', async () => {
    const page = mount('?id=xx-gone-2020');
    await vi.waitFor(() => expect(page.querySelector('h1')?.textContent).toBe('Notice not found'));
  });
});

describe('NoticePage: an organisation’s local notice', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => document.body.replaceChildren());

  it('shows a local notice from the managed policy when the feed has no such id, and the feed’s own notice over a local one', async () => {
    const { parsePolicy } = await import('@/utils/policy/schema');
    const { RIVERSIDE_POLICY, RIVERSIDE_NOTICE } = await import('@/utils/policy/fixtures');
    const local = parsePolicy(RIVERSIDE_POLICY).policy.localNotices;
    const forged = { ...local[0]!, id: mmh.id, title: 'Forged: a local notice with the feed notice’s id' };
    const mountWith = (search: string) => {
      const container = document.createElement('div');
      document.body.append(container);
      render(<NoticePage deps={{ search, loadFeed: async () => active, loadLocal: async () => [...local, forged], today: () => '2026-11-28' }} />, container);
      return container;
    };
    const { createPortalIndex, CATALOGUE } = await import('@/utils/portals');
    const { buildCurrentPortals } = await import('@/utils/state/current-portals');
    const index = buildCurrentPortals(parsePolicy(RIVERSIDE_POLICY).policy, [], CATALOGUE).index;
    const withPortal = document.createElement('div');
    document.body.append(withPortal);
    render(<NoticePage deps={{ search: `?id=${RIVERSIDE_NOTICE.id}&portal=riverside-myindici&host=riverside.myindici.co.nz`, loadFeed: async () => active, loadLocal: async () => local, today: () => '2026-11-28', index: async () => index }} />, withPortal);
    await vi.waitFor(() => expect(withPortal.querySelector('h1')?.textContent).toBe(RIVERSIDE_NOTICE.title));
    // The clinic's own portal is known here too: why it matched, the guide, and "I changed my password on…".
    expect(withPortal.querySelector('[data-testid="notice-why"]')?.textContent).toContain('You are on riverside.myindici.co.nz, which is Riverside Medical Centre patient portal (added by your organisation)');
    expect(withPortal.querySelector('#changed-heading')?.textContent).toBe('Mark as resolved');
    expect(withPortal.querySelector('label[for="changed-on"]')?.textContent).toBe('I changed my Riverside Medical Centre patient portal password on');
    expect(createPortalIndex(CATALOGUE).byId('riverside-myindici')).toBeUndefined();
    const page = mountWith(`?id=${RIVERSIDE_NOTICE.id}&portal=riverside-myindici&host=riverside.myindici.co.nz`);
    await vi.waitFor(() => expect(page.querySelector('h1')?.textContent).toBe(RIVERSIDE_NOTICE.title));
    const feedNotice = mountWith(`?id=${mmh.id}`);
    await vi.waitFor(() => expect(feedNotice.querySelector('h1')?.textContent).toBe(mmh.title));
  });
});

describe('NoticePage: a notice that reaches a watched portal by its domain', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => document.body.replaceChildren());

  it('offers the watched portal’s guide for its organisation’s notice, and not for another portal’s', async () => {
    const uwHealth = (await import('../../feed/notices/us-uwhealth-2021.json')).default;
    const { parsePolicy } = await import('@/utils/policy/schema');
    const { buildCurrentPortals } = await import('@/utils/state/current-portals');
    const both = feedSchema.parse({ formatVersion: '1.1', sequence: 5, generatedAt: '2026-11-28T00:00:00Z', notices: [mmh, uwHealth] });
    const watching = buildCurrentPortals(parsePolicy({}).policy, [{ id: 'user-uwhealth', name: 'UW Health MyChart', country: 'US', hosts: ['mychart.uwhealth.org'] }]).index;
    const mountFor = (search: string) => {
      const container = document.createElement('div');
      document.body.append(container);
      render(<NoticePage deps={{ search, loadFeed: async () => ({ ...active, feed: both }), today: () => '2026-11-28', index: async () => watching }} />, container);
      return container;
    };
    const own = mountFor('?id=us-uwhealth-2021&portal=user-uwhealth&host=mychart.uwhealth.org');
    await vi.waitFor(() => expect(own.querySelector('[data-testid="notice-guide-link"]')).not.toBeNull());
    expect(own.querySelector('[data-testid="notice-why"]')?.textContent).toContain('You are on mychart.uwhealth.org, which is UW Health MyChart');
    expect(own.querySelector('[data-testid="notice-guide-link"]')?.getAttribute('href')).toMatch(/\/guide\.html\?portal=user-uwhealth&host=mychart\.uwhealth\.org$/);

    const other = mountFor('?id=nz-managemyhealth-2025-12&portal=user-uwhealth&host=mychart.uwhealth.org');
    await vi.waitFor(() => expect(other.querySelector('h1')?.textContent).toBe(mmh.title));
    await vi.waitFor(() => expect(other.querySelector('#changed-on')).not.toBeNull());
    expect(other.querySelector('[data-testid="notice-guide-link"]')).toBeNull();
  });
});
