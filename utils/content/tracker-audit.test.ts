import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createTrackerAudit } from './tracker-audit';

const DOMAINS = ['facebook.com', 'facebook.net', 'google-analytics.com', 'googletagmanager.com'];

/** What a signed-in MyChart or Manage My Health page loads: its own files, a CDN, and trackers. */
const ENTRIES = [
  'https://portal.managemyhealth.co.nz/style.css',
  'https://portal.managemyhealth.co.nz/api/results?patient=123',
  'https://fonts.gstatic.com/s/roboto/v30/a.woff2',
  'https://connect.facebook.net/en_US/fbevents.js',
  'https://www.facebook.com/tr/?id=12345&ev=PageView&dl=https%3A%2F%2Fportal.managemyhealth.co.nz%2Fdashboard&cd[content_name]=Lab%20results&sw=1280',
  'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC&dl=https%3A%2F%2Fportal.managemyhealth.co.nz%2Fdashboard&dt=Results&en=page_view&ep.portal_section=results',
  'https://www.googletagmanager.com/gtag/js?id=G-ABC',
  'https://notfacebook.com/tr?ev=x',
  'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
];

describe('createTrackerAudit', () => {
  let ctx: ContentScriptContext;
  let take: ((urls: string[]) => void) | undefined;
  let stopped = 0;
  const observe = (callback: (urls: string[]) => void) => {
    take = callback;
    return () => {
      stopped++;
      take = undefined;
    };
  };

  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    ctx = new ContentScriptContext('portal');
    take = undefined;
    stopped = 0;
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.useRealTimers();
  });

  it('sends each tracker request once, as a host and its parameter names, in one batch', async () => {
    const sent: unknown[] = [];
    const audit = createTrackerAudit(ctx, { send: async (requests) => sent.push(requests), observe, host: () => 'portal.managemyhealth.co.nz' });
    audit.update(DOMAINS);
    take!(ENTRIES);
    take!(ENTRIES.slice(3, 5));
    await vi.advanceTimersByTimeAsync(1_100);
    expect(sent).toEqual([
      [
        { host: 'connect.facebook.net', params: [] },
        { host: 'www.facebook.com', params: ['cd[content_name]', 'dl', 'ev', 'id', 'sw'] },
        { host: 'www.google-analytics.com', params: ['dl', 'dt', 'en', 'ep.portal_section', 'tid', 'v'] },
        { host: 'www.googletagmanager.com', params: ['id'] },
      ],
    ]);
    // Names only: no value from any URL is in what was sent.
    expect(JSON.stringify(sent)).not.toMatch(/Lab|Results|dashboard|G-ABC|12345|https/);
  });

  it('watches nothing until the reply brings the domains, and stops when a reply has none', async () => {
    const sent: unknown[] = [];
    const audit = createTrackerAudit(ctx, { send: async (requests) => sent.push(requests), observe, host: () => 'portal.managemyhealth.co.nz' });
    audit.update(undefined);
    expect(take).toBeUndefined();
    audit.update(DOMAINS);
    expect(take).toBeDefined();
    // Signed out (or the patient switched the audit off): the next reply has no domains.
    audit.update(undefined);
    expect(stopped).toBe(1);
    expect(take).toBeUndefined();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sent).toEqual([]);
  });

  it('stops with its context (an extension update)', () => {
    const audit = createTrackerAudit(ctx, { send: async () => {}, observe, host: () => 'portal.managemyhealth.co.nz' });
    audit.update(DOMAINS);
    ctx.notifyInvalidated();
    expect(stopped).toBe(1);
  });

  it('drops names the protocol would refuse, and caps a page that invents many', async () => {
    const sent: { host: string; params: string[] }[][] = [];
    const audit = createTrackerAudit(ctx, { send: async (requests) => void sent.push(requests), observe, host: () => 'portal.managemyhealth.co.nz' });
    audit.update(DOMAINS);
    const many = Array.from({ length: 60 }, (_, index) => `p${index}=1`).join('&');
    take!([`https://www.facebook.com/tr?ev=PageView&${encodeURIComponent('bad name<script>')}=1&${many}`]);
    take!(Array.from({ length: 70 }, (_, index) => `https://h${index}.facebook.com/tr?ev=x`));
    await vi.advanceTimersByTimeAsync(3_000);
    const all = sent.flat();
    expect(sent[0]).toHaveLength(50);
    expect(all).toHaveLength(71);
    expect(all[0]!.params).toHaveLength(40);
    expect(all[0]!.params.some((name) => name.includes('<'))).toBe(false);
  });
});
