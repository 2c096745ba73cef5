import { beforeEach, describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { portalIdSchema } from './feed/schema';
import { hostnameSchema } from './portals/schema';
import {
  exportReviewPageUrl,
  guidePageUrl,
  noticePageUrl,
  optionsPageUrl,
  parseExportReviewPage,
  parseGuidePage,
  parseNoticePage,
  parsePopupPage,
  parseTrackersPage,
  trackersPageUrl,
  popupPageUrl,
  type PageRefusal,
} from './pages';

// Fixture bases, as `browser.runtime.getURL` gives them in Chrome and in Firefox.
const EXT = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const MOZ = 'moz-extension://2f1e4a9c-5b7d-4c3e-9a8f-1d2c3b4a5e6f';
const NOTICE = `${EXT}/notice.html`;
const GUIDE = `${EXT}/guide.html`;
const EXPORT = `${EXT}/export-review.html`;
const POPUP = `${EXT}/popup.html`;

const refused = (reason: PageRefusal, param?: string) => ({ ok: false, reason, ...(param === undefined ? {} : { param }) });

describe('notice.html', () => {
  it.each([
    [{ id: 'nz-managemyhealth-2025-12', portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }, `${NOTICE}?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz`],
    [{ id: 'nz-managemyhealth-2025-12', portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz', section: 'todo' as const }, `${NOTICE}?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz#todo-heading`],
    [{ id: 'us-changehealthcare-2024', portal: 'epic-mychart', host: 'mychart.clevelandclinic.org', section: 'details' as const }, `${NOTICE}?id=us-changehealthcare-2024&portal=epic-mychart&host=mychart.clevelandclinic.org`],
    [{ id: 'nz-managemyhealth-2025-12', portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz', section: 'dismiss' as const }, `${NOTICE}?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz#dismiss-heading`],
    [{ id: 'au-medisecure-2024' }, `${NOTICE}?id=au-medisecure-2024`],
  ])('builds %j as %s, and reads it back', (params, url) => {
    expect(noticePageUrl(params, NOTICE)).toBe(url);
    const { section, ...rest } = params as typeof params & { section?: string };
    expect(parseNoticePage(url, NOTICE)).toEqual({ ok: true, params: { ...rest, ...(section === 'todo' || section === 'dismiss' ? { section } : {}) } });
  });

  it.each([
    ['the page’s own search string', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz', { ok: true, params: { id: 'nz-managemyhealth-2025-12', portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' } }],
    ['a notice without a portal (the popup’s “other notices”)', '?id=xx-gone-2020', { ok: true, params: { id: 'xx-gone-2020' } }],
    ['a clinic’s local notice on its own tenant', '?id=nz-riverside-2026-10&portal=riverside-myindici&host=riverside.myindici.co.nz', { ok: true, params: { id: 'nz-riverside-2026-10', portal: 'riverside-myindici', host: 'riverside.myindici.co.nz' } }],
    ['a repeated id (the first counts, as the browser reads it)', '?id=nz-managemyhealth-2025-12&id=xx-other-2020', { ok: true, params: { id: 'nz-managemyhealth-2025-12' } }],
    ['no query at all', '', refused('missing-param', 'id')],
    ['an empty id', '?id=', refused('bad-id', 'id')],
    ['an id with a script in it', '?id=%3Cscript%3Ealert(1)%3C%2Fscript%3E', refused('bad-id', 'id')],
    ['an id in capitals', '?id=NZ-ManageMyHealth-2025-12', refused('bad-id', 'id')],
    ['an id with a path in it', '?id=..%2F..%2Fmanifest', refused('bad-id', 'id')],
    ['a portal id that is not kebab-case', '?id=nz-managemyhealth-2025-12&portal=Manage_My_Health', refused('bad-portal', 'portal')],
    ['a host with a port', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz:8443', refused('bad-host', 'host')],
    ['a host that is a URL', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=https%3A%2F%2Fevil.example', refused('bad-host', 'host')],
    ['a punycode look-alike host', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.xn--mangemyhealth-xyz.co.nz', refused('bad-host', 'host')],
    ['a single-label host', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=localhost', refused('bad-host', 'host')],
    ['a host without its portal', '?id=nz-managemyhealth-2025-12&host=portal.managemyhealth.co.nz', refused('missing-param', 'portal')],
    ['an unknown parameter', '?id=nz-managemyhealth-2025-12&portal=managemyhealth&officialUrl=https%3A%2F%2Fevil.example', refused('unknown-param', 'officialUrl')],
    ['a tracking parameter', '?id=nz-managemyhealth-2025-12&utm_source=mail', refused('unknown-param', 'utm_source')],
    ['an anchor we never link to', `${NOTICE}?id=nz-managemyhealth-2025-12#changed-heading`, refused('unknown-hash')],
    ['the guide page', `${GUIDE}?portal=managemyhealth`, refused('wrong-page')],
    ['another extension’s notice page', 'chrome-extension://evilevilevilevilevilevilevilevil/notice.html?id=nz-managemyhealth-2025-12', refused('wrong-page')],
    ['the same path on a web page', 'https://portal.managemyhealth.co.nz/notice.html?id=nz-managemyhealth-2025-12', refused('wrong-page')],
    ['a protocol-relative address', '//evil.example/notice.html?id=nz-managemyhealth-2025-12', refused('wrong-page')],
    ['user info in front of our id', `chrome-extension://me@abcdefghijklmnopabcdefghijklmnop/notice.html?id=nz-managemyhealth-2025-12`, refused('wrong-page')],
    ['a javascript: address', 'javascript:alert(1)', refused('wrong-page')],
    ['an address that does not parse', 'http://[::1', refused('malformed-url')],
  ])('%s', (_name, input, expected) => expect(parseNoticePage(input, NOTICE)).toEqual(expected));
});

describe('guide.html', () => {
  it.each([
    [{ portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }, `${GUIDE}?portal=managemyhealth&host=portal.managemyhealth.co.nz`],
    [{ portal: 'epic-mychart', host: 'mychart.clevelandclinic.org' }, `${GUIDE}?portal=epic-mychart&host=mychart.clevelandclinic.org`],
    [{ portal: 'oracle-health', host: 'barn-hs.iqhealth.com' }, `${GUIDE}?portal=oracle-health&host=barn-hs.iqhealth.com`],
    [{ portal: 'managemyhealth' }, `${GUIDE}?portal=managemyhealth`],
  ])('builds %j as %s, and reads it back', (params, url) => {
    expect(guidePageUrl(params, GUIDE)).toBe(url);
    expect(parseGuidePage(url, GUIDE)).toEqual({ ok: true, params });
  });

  it('leaves out an empty or missing host, as the reminder does for a guide with none', () => {
    expect(guidePageUrl({ portal: 'managemyhealth', host: '' }, GUIDE)).toBe(`${GUIDE}?portal=managemyhealth`);
    expect(guidePageUrl({ portal: 'managemyhealth', host: undefined }, GUIDE)).toBe(`${GUIDE}?portal=managemyhealth`);
  });

  it.each([
    ['a portal the catalogue does not list (the page says it does not know it)', '?portal=not-a-portal', { ok: true, params: { portal: 'not-a-portal' } }],
    ['a host that belongs to another portal (the page drops it)', '?portal=managemyhealth&host=mychart.clevelandclinic.org', { ok: true, params: { portal: 'managemyhealth', host: 'mychart.clevelandclinic.org' } }],
    ['no portal', '?host=portal.managemyhealth.co.nz', refused('missing-param', 'portal')],
    ['an empty portal', '?portal=', refused('bad-portal', 'portal')],
    ['a portal with a space', '?portal=manage%20my%20health', refused('bad-portal', 'portal')],
    ['a portal with a trailing hyphen', '?portal=epic-mychart-', refused('bad-portal', 'portal')],
    ['an IP address as the host', '?portal=managemyhealth&host=127.0.0.1', refused('bad-host', 'host')],
    ['a host with a path', '?portal=managemyhealth&host=portal.managemyhealth.co.nz%2Flogin', refused('bad-host', 'host')],
    ['a host in capitals', '?portal=managemyhealth&host=Portal.ManageMyHealth.co.nz', refused('bad-host', 'host')],
    ['a host with user info', '?portal=managemyhealth&host=patient%40portal.managemyhealth.co.nz', refused('bad-host', 'host')],
    ['an unknown parameter', '?portal=managemyhealth&step=change-password', refused('unknown-param', 'step')],
    ['an anchor', `${GUIDE}?portal=managemyhealth#todo-heading`, refused('unknown-hash')],
    ['the notice page', `${NOTICE}?portal=managemyhealth`, refused('wrong-page')],
    ['the same page in another browser’s extension', `${MOZ}/guide.html?portal=managemyhealth`, refused('wrong-page')],
  ])('%s', (_name, input, expected) => expect(parseGuidePage(input, GUIDE)).toEqual(expected));

  it('reads the Firefox address with a Firefox base', () => {
    expect(parseGuidePage(`${MOZ}/guide.html?portal=epic-mychart&host=mychart.clevelandclinic.org`, `${MOZ}/guide.html`)).toEqual({ ok: true, params: { portal: 'epic-mychart', host: 'mychart.clevelandclinic.org' } });
  });
});

describe('export-review.html', () => {
  it.each([
    [{ portal: 'managemyhealth' }, `${EXPORT}?portal=managemyhealth`],
    [{ portal: 'riverside-myindici' }, `${EXPORT}?portal=riverside-myindici`],
    [{}, EXPORT],
  ])('builds %j as %s, and reads it back', (params, url) => {
    expect(exportReviewPageUrl(params, EXPORT)).toBe(url);
    expect(parseExportReviewPage(url, EXPORT)).toEqual({ ok: true, params });
  });

  it.each([
    ['no query', '', { ok: true, params: {} }],
    ['a repeated portal (the first counts)', '?portal=managemyhealth&portal=nhs-app', { ok: true, params: { portal: 'managemyhealth' } }],
    ['an empty portal', '?portal=', refused('bad-portal', 'portal')],
    ['a portal that is a URL', '?portal=https%3A%2F%2Fevil.example', refused('bad-portal', 'portal')],
    ['a file name', '?portal=managemyhealth&file=record.zip', refused('unknown-param', 'file')],
    ['the guide page', `${GUIDE}?portal=managemyhealth`, refused('wrong-page')],
  ])('%s', (_name, input, expected) => expect(parseExportReviewPage(input, EXPORT)).toEqual(expected));
});

describe('trackers.html', () => {
  const TRACKERS = 'chrome-extension://hhgfimkmfcaiemkpadgcfaegejnclhhk/trackers.html';
  it.each([
    [{ portal: 'managemyhealth' }, `${TRACKERS}?portal=managemyhealth`],
    [{ portal: 'epic-mychart' }, `${TRACKERS}?portal=epic-mychart`],
    [{}, TRACKERS],
  ])('builds %j as %s, and reads it back', (params, url) => {
    expect(trackersPageUrl(params, TRACKERS)).toBe(url);
    expect(parseTrackersPage(url, TRACKERS)).toEqual({ ok: true, params });
  });

  it.each([
    ['no query', '', { ok: true, params: {} }],
    ['a portal that is a URL', '?portal=https%3A%2F%2Fevil.example', refused('bad-portal', 'portal')],
    ['a tracker URL smuggled in', '?portal=managemyhealth&url=https%3A%2F%2Fwww.facebook.com%2Ftr', refused('unknown-param', 'url')],
    ['a hash', '?portal=managemyhealth#x', refused('unknown-hash')],
    ['the options page', 'chrome-extension://hhgfimkmfcaiemkpadgcfaegejnclhhk/options.html', refused('wrong-page')],
  ])('%s', (_name, input, expected) => expect(parseTrackersPage(input, TRACKERS)).toEqual(expected));
});

describe('popup.html', () => {
  it.each([
    [{ tabId: 12 }, `${POPUP}?tabId=12`],
    [{ tabId: 0 }, `${POPUP}?tabId=0`],
    [{}, POPUP],
  ])('builds %j as %s, and reads it back', (params, url) => {
    expect(popupPageUrl(params, POPUP)).toBe(url);
    expect(parsePopupPage(url, POPUP)).toEqual({ ok: true, params });
  });

  it.each([
    ['the toolbar popup (no query)', '', { ok: true, params: {} }],
    ['a negative tab id (tabs.TAB_ID_NONE)', '?tabId=-1', refused('bad-tab-id', 'tabId')],
    ['a tab id that is not a number', '?tabId=abc', refused('bad-tab-id', 'tabId')],
    ['a fractional tab id', '?tabId=1.5', refused('bad-tab-id', 'tabId')],
    ['a tab id past the safe integers', '?tabId=99999999999999999999', refused('bad-tab-id', 'tabId')],
    ['an empty tab id', '?tabId=', refused('bad-tab-id', 'tabId')],
    ['a URL for the tab', '?tabId=12&url=https%3A%2F%2Fevil.example', refused('unknown-param', 'url')],
  ])('%s', (_name, input, expected) => expect(parsePopupPage(input, POPUP)).toEqual(expected));
});

describe('the default bases come from browser.runtime.getURL', () => {
  beforeEach(() => fakeBrowser.reset());

  it('builds and reads each page at the extension’s own address', () => {
    const url = noticePageUrl({ id: 'nz-managemyhealth-2025-12', portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz', section: 'todo' });
    expect(url).toBe(`${browser.runtime.getURL('/notice.html')}?id=nz-managemyhealth-2025-12&portal=managemyhealth&host=portal.managemyhealth.co.nz#todo-heading`);
    expect(parseNoticePage(url)).toMatchObject({ ok: true, params: { section: 'todo' } });
    expect(parseGuidePage(guidePageUrl({ portal: 'epic-mychart', host: 'mychart.clevelandclinic.org' }))).toEqual({ ok: true, params: { portal: 'epic-mychart', host: 'mychart.clevelandclinic.org' } });
    expect(parseExportReviewPage(exportReviewPageUrl({ portal: 'managemyhealth' }))).toEqual({ ok: true, params: { portal: 'managemyhealth' } });
    expect(parsePopupPage(popupPageUrl({ tabId: 12 }))).toEqual({ ok: true, params: { tabId: 12 } });
    expect(optionsPageUrl()).toBe(browser.runtime.getURL('/options.html'));
    expect(parseGuidePage(exportReviewPageUrl({ portal: 'managemyhealth' }))).toEqual(refused('wrong-page'));
  });
});

// Beyond the schema, a page address also refuses IPv4 addresses (in the guide's table above).
describe('the hand-written rules agree with the schemas they stand in for', () => {
  it.each([
    'portal.managemyhealth.co.nz',
    'mychart.clevelandclinic.org',
    'riverside.myindici.co.nz',
    'barn-hs.iqhealth.com',
    'localhost',
    'portal.managemyhealth.co.nz.',
    '-portal.managemyhealth.co.nz',
    'portal..managemyhealth.co.nz',
    'Portal.ManageMyHealth.co.nz',
    'xn--mangemyhealth-xyz.co.nz',
    `${'a'.repeat(64)}.example.org`,
    `${'a'.repeat(63)}.example.org`,
    'portal_managemyhealth.co.nz',
  ])('host %s', (host) => {
    const guide = parseGuidePage(`?portal=managemyhealth&host=${encodeURIComponent(host)}`, GUIDE);
    expect(guide.ok).toBe(hostnameSchema.safeParse(host).success);
  });

  it.each(['managemyhealth', 'epic-mychart', 'riverside-myindici', 'nz-managemyhealth-2025-12', 'Epic-MyChart', 'epic--mychart', '-epic', 'epic_mychart', 'épic', ''])('portal id %j', (id) => {
    const guide = parseGuidePage(`?portal=${encodeURIComponent(id)}`, GUIDE);
    expect(guide.ok).toBe(portalIdSchema.safeParse(id).success);
  });
});
