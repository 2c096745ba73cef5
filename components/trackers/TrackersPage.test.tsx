import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PortalSummary, TrackerSummary } from '@/utils/messaging/protocol';
import type { TrackerAuditData } from '@/utils/options/tracker-audit';
import { parseTrackersPage } from '@/utils/pages';
import { TrackerAuditSection } from '../options/TrackerAuditSection';
import { TrackerLine } from '../popup/TrackerLine';
import { COMPLAINT_ROUTES, TrackersPage } from './TrackersPage';

const DAY = Date.UTC(2026, 11, 4, 1);
const META: TrackerSummary = { vendor: 'Meta', product: 'Pixel', hosts: ['www.facebook.com'], params: ['cd[content_name]', 'dl', 'ev'], firstSeen: DAY, lastSeen: DAY };
const GA: TrackerSummary = { vendor: 'Google', product: 'Analytics', hosts: ['www.google-analytics.com'], params: ['dl', 'dt', 'en', 'ep.portal_section'], firstSeen: DAY, lastSeen: DAY };
const MMH: PortalSummary = { id: 'managemyhealth', name: 'Manage My Health', displayName: 'Manage My Health', operator: 'Manage My Health Limited', country: 'NZ', host: 'portal.managemyhealth.co.nz' };
const data = (portals: TrackerAuditData['portals'], setting = { on: true, locked: false }): TrackerAuditData => ({ setting, portals });

function mount(node: preact.ComponentChild) {
  const container = document.createElement('div');
  document.body.append(container);
  render(node, container);
  return container;
}
const text = (container: Element, testId: string) => [...container.querySelectorAll(`[data-testid="${testId}"]`)].map((node) => node.textContent?.replace(/\s+/g, ' ').trim());

beforeEach(() => fakeBrowser.reset());
afterEach(() => document.body.replaceChildren());

describe('TrackerLine (the popup)', () => {
  it('names the trackers in one sentence, each with its first day and parameter names, and links the explanation', () => {
    const container = mount(<TrackerLine portal={MMH} trackers={[META, GA]} />);
    expect(text(container, 'trackers-summary')).toEqual(['While you were signed in, this portal’s pages sent data to Meta (Pixel) and Google (Analytics).']);
    const items = text(container, 'tracker');
    expect(items[0]).toMatch(/^Meta \(Pixel\), first seen .*2026 \(page content in: cd\[content_name\], dl, ev\)$/);
    expect(items[1]).toContain('(page content in: dl, dt, en, ep.portal_section)');
    const link = container.querySelector<HTMLAnchorElement>('[data-testid="trackers-explain"]')!;
    expect(parseTrackersPage(link.href)).toEqual({ ok: true, params: { portal: 'managemyhealth' } });
  });

  it('shows nothing when nothing was seen', () => {
    expect(mount(<TrackerLine portal={MMH} trackers={[]} />).childElementCount).toBe(0);
  });

  it('renders a hostile name as text', () => {
    const container = mount(<TrackerLine portal={MMH} trackers={[{ ...META, vendor: '<img src=x onerror=alert(1)>', params: ['cd[<b>x</b>]'] }]} />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });
});

describe('TrackersPage (trackers.html)', () => {
  it('lists the portal’s trackers and every complaint route, the portal’s country first, all https', async () => {
    const container = mount(<TrackersPage search="?portal=managemyhealth" load={async () => data([{ portalId: 'managemyhealth', name: 'Manage My Health', country: 'NZ', trackers: [META, GA] }])} />);
    await vi.waitFor(() => expect(text(container, 'tracker-fact')).toHaveLength(2));
    expect(container.textContent).toContain('While you were signed in to Manage My Health, Portal Guard saw its pages send data to these companies.');
    const routes = [...container.querySelectorAll<HTMLAnchorElement>('[data-testid="complaint-routes"] a')];
    expect(routes.map((link) => link.textContent)).toEqual([
      'Office of the Privacy Commissioner (New Zealand)',
      'HHS Office for Civil Rights (United States)',
      'Information Commissioner’s Office (United Kingdom)',
      'Office of the Australian Information Commissioner (Australia)',
      'Office of the Privacy Commissioner of Canada (Canada)',
    ]);
    for (const link of routes) expect(link.href).toMatch(/^https:\/\//);
    expect(COMPLAINT_ROUTES).toHaveLength(5);
    expect(container.textContent).toContain('American Hospital Association v. Becerra');
  });

  it.each([
    ['a portal with nothing recorded', '?portal=mychart-cleveland', 'Portal Guard has not seen a tracker on this portal’s signed-in pages.'],
  ])('says so for %s', async (_label, search, expected) => {
    const container = mount(<TrackersPage search={search} load={async () => data([])} />);
    await vi.waitFor(() => expect(container.textContent).toContain(expected));
  });
});

describe('TrackerAuditSection (settings)', () => {
  it('switches the audit off and clears a portal', async () => {
    const save = vi.fn(async () => {});
    const clear = vi.fn(async () => {});
    const container = mount(<TrackerAuditSection deps={{ load: async () => data([{ portalId: 'managemyhealth', name: 'Manage My Health', country: 'NZ', trackers: [META] }]), save, clear }} />);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="tracker-audit"]')).not.toBeNull());
    const box = container.querySelector<HTMLInputElement>('[data-testid="tracker-audit"]')!;
    expect(box.checked).toBe(true);
    box.click();
    expect(save).toHaveBeenCalledWith(false);
    container.querySelector<HTMLButtonElement>('[data-testid="clear-trackers"]')!.click();
    expect(clear).toHaveBeenCalledWith('managemyhealth');
  });

  it('is read-only, marked, when the organisation decided', async () => {
    const container = mount(<TrackerAuditSection deps={{ load: async () => data([], { on: false, locked: true }), save: vi.fn(), clear: vi.fn() }} />);
    await vi.waitFor(() => expect(container.querySelector('[data-testid="tracker-audit-locked"]')?.textContent).toBe('Set by your organisation'));
    const box = container.querySelector<HTMLInputElement>('[data-testid="tracker-audit"]')!;
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect(text(container, 'trackers-none')).toHaveLength(1);
  });
});
