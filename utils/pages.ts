import { browser } from 'wxt/browser';

/**
 * The one contract for the addresses of our own extension pages: a typed builder and a parser per
 * page. Everything that links to a page, opens one, or reads its own address goes through here, so
 * a parameter cannot be renamed in one place and forgotten in another.
 *
 * Builders take the page's address as a default parameter (`browser.runtime.getURL`), so tests
 * pass fixtures. Parsers take a search string (`location.search`), a relative or an absolute URL,
 * resolved against the same default, and refuse what they do not understand: another page, an
 * unknown parameter, a missing one, a portal or notice id that is not kebab-case, a host that is not
 * a hostname, a hash other than the one we link to. An address is only ever a hint: the pages still
 * look the portal up in the current index and the notice up in the verified feed.
 *
 * Hand-written rather than zod: the popup imports this file and deliberately does not load zod
 * (see `getReminders` in components/popup/Popup.tsx). `pages.test.ts` checks that the two rules
 * below agree with `hostnameSchema` and `portalIdSchema` on a table of cases, so they cannot drift.
 */

/** Kebab-case, as catalogue portal ids and feed notice ids are (`managemyhealth`, `nz-managemyhealth-2025-12`). */
const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A lowercase ASCII hostname with at least two labels and no punycode, as `hostnameSchema` in utils/portals/schema.ts. */
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** Also not an IPv4 address (all-digit last label), which the portal matcher never gives a portal. */
const isHostname = (host: string) => HOSTNAME.test(host) && !host.split('.').some((label) => label.startsWith('xn--')) && !/\.\d+$/.test(host);

/** The anchor of the notice page's "What to do" heading (components/notice/NoticeDetail.tsx). */
export const TODO_ANCHOR = 'todo-heading';
/** The notice page's "Stop showing this notice?" question, where the banner's Dismiss leads. */
export const DISMISS_ANCHOR = 'dismiss-heading';

export type PageRefusal =
  | 'malformed-url'
  | 'wrong-page'
  | 'unknown-param'
  | 'missing-param'
  | 'bad-id'
  | 'bad-portal'
  | 'bad-host'
  | 'bad-tab-id'
  | 'unknown-hash';

/** What a parser gives: the page's typed parameters, or why it refused the address (and which parameter). */
export type ParsedPage<T> = { ok: true; params: T } | { ok: false; reason: PageRefusal; param?: string };

const refuse = (reason: PageRefusal, param?: string): { ok: false; reason: PageRefusal; param?: string } => (param === undefined ? { ok: false, reason } : { ok: false, reason, param });

/** `base?a=1&b=2#hash`, leaving out parameters that are undefined or empty; no `?` when none is left. */
function pageUrl(base: string, params: Record<string, string | undefined>, hash = ''): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const search = query.toString();
  return `${base}${search ? `?${search}` : ''}${hash ? `#${hash}` : ''}`;
}

/**
 * The address, if it is `base` itself (same scheme, extension id and path: the page's own address
 * or a search string resolved against it), with its parameters. A parameter given twice counts
 * once, by its first value, as `URLSearchParams.get` and so the browser's own pages read it.
 */
function readPage(input: string, base: string, known: readonly string[]): ParsedPage<{ params: URLSearchParams; hash: string }> {
  let url: URL;
  let page: URL;
  try {
    url = new URL(input, base);
    page = new URL(base);
  } catch {
    return refuse('malformed-url');
  }
  const bare = new URL(url.href);
  bare.search = '';
  bare.hash = '';
  page.search = '';
  page.hash = '';
  if (bare.href !== page.href) return refuse('wrong-page');
  for (const key of url.searchParams.keys()) if (!known.includes(key)) return refuse('unknown-param', key);
  return { ok: true, params: { params: url.searchParams, hash: url.hash.replace(/^#/, '') } };
}

/** A parameter's value if present: it must then pass `valid`, else the address is refused. */
function optional(params: URLSearchParams, key: string, valid: (value: string) => boolean, reason: PageRefusal): ParsedPage<string | undefined> {
  const value = params.get(key);
  if (value === null) return { ok: true, params: undefined };
  return valid(value) ? { ok: true, params: value } : refuse(reason, key);
}

function required(params: URLSearchParams, key: string, valid: (value: string) => boolean, reason: PageRefusal): ParsedPage<string> {
  const value = optional(params, key, valid, reason);
  if (!value.ok) return value;
  return value.params === undefined ? refuse('missing-param', key) : { ok: true, params: value.params };
}

// notice.html ---------------------------------------------------------------------------------

/** One breach notice, as seen from a portal (`portal`, and the `host` the patient is on). */
export interface NoticePageParams {
  id: string;
  portal?: string | undefined;
  /** Only with `portal`: the page shows it only if the index gives it to that portal. */
  host?: string | undefined;
  /** `todo` opens the page at "What to do", `dismiss` at "Stop showing this notice?"; `details` (the default) at the top. */
  section?: 'details' | 'todo' | 'dismiss' | undefined;
}

/** `notice.html?id=…&portal=…&host=…`, with `#todo-heading` for the "What to do" section. */
export function noticePageUrl({ id, portal, host, section }: NoticePageParams, base: string = browser.runtime.getURL('/notice.html')): string {
  return pageUrl(base, { id, portal, host }, section === 'todo' ? TODO_ANCHOR : section === 'dismiss' ? DISMISS_ANCHOR : '');
}

export function parseNoticePage(input: string, base: string = browser.runtime.getURL('/notice.html')): ParsedPage<NoticePageParams> {
  const page = readPage(input, base, ['id', 'portal', 'host']);
  if (!page.ok) return page;
  const { params, hash } = page.params;
  if (hash !== '' && hash !== TODO_ANCHOR && hash !== DISMISS_ANCHOR) return refuse('unknown-hash');
  const id = required(params, 'id', (value) => KEBAB_ID.test(value), 'bad-id');
  if (!id.ok) return id;
  const portal = optional(params, 'portal', (value) => KEBAB_ID.test(value), 'bad-portal');
  if (!portal.ok) return portal;
  const host = optional(params, 'host', isHostname, 'bad-host');
  if (!host.ok) return host;
  if (host.params !== undefined && portal.params === undefined) return refuse('missing-param', 'portal');
  return {
    ok: true,
    params: { id: id.params, ...(portal.params ? { portal: portal.params } : {}), ...(host.params ? { host: host.params } : {}), ...(hash === TODO_ANCHOR ? { section: 'todo' as const } : hash === DISMISS_ANCHOR ? { section: 'dismiss' as const } : {}) },
  };
}

// guide.html ----------------------------------------------------------------------------------

/** The password guide for one portal, optionally naming the host the patient uses (a tenant). */
export interface GuidePageParams {
  portal: string;
  host?: string | undefined;
}

/** `guide.html?portal=…&host=…`. */
export function guidePageUrl({ portal, host }: GuidePageParams, base: string = browser.runtime.getURL('/guide.html')): string {
  return pageUrl(base, { portal, host });
}

export function parseGuidePage(input: string, base: string = browser.runtime.getURL('/guide.html')): ParsedPage<GuidePageParams> {
  const page = readPage(input, base, ['portal', 'host']);
  if (!page.ok) return page;
  const { params, hash } = page.params;
  if (hash !== '') return refuse('unknown-hash');
  const portal = required(params, 'portal', (value) => KEBAB_ID.test(value), 'bad-portal');
  if (!portal.ok) return portal;
  const host = optional(params, 'host', isHostname, 'bad-host');
  if (!host.ok) return host;
  return { ok: true, params: { portal: portal.params, ...(host.params ? { host: host.params } : {}) } };
}

// export-review.html --------------------------------------------------------------------------

/** The export review, optionally with the portal whose notices to compare preselected. */
export interface ExportReviewPageParams {
  portal?: string | undefined;
}

/** `export-review.html`, or `export-review.html?portal=…`. */
export function exportReviewPageUrl({ portal }: ExportReviewPageParams = {}, base: string = browser.runtime.getURL('/export-review.html')): string {
  return pageUrl(base, { portal });
}

export function parseExportReviewPage(input: string, base: string = browser.runtime.getURL('/export-review.html')): ParsedPage<ExportReviewPageParams> {
  return parseOptionalPortalPage(input, base);
}

/** A page whose only parameter is an optional catalogue-style portal id, and no hash (export review, trackers). */
function parseOptionalPortalPage(input: string, base: string): ParsedPage<{ portal?: string | undefined }> {
  const page = readPage(input, base, ['portal']);
  if (!page.ok) return page;
  const { params, hash } = page.params;
  if (hash !== '') return refuse('unknown-hash');
  const portal = optional(params, 'portal', (value) => KEBAB_ID.test(value), 'bad-portal');
  if (!portal.ok) return portal;
  return { ok: true, params: portal.params ? { portal: portal.params } : {} };
}

// trackers.html ------------------------------------------------------------------------------

/** The tracker audit's explanation, optionally for one portal (whose trackers it lists). */
export interface TrackersPageParams {
  portal?: string | undefined;
}

/** `trackers.html`, or `trackers.html?portal=…`. */
export function trackersPageUrl({ portal }: TrackersPageParams = {}, base: string = browser.runtime.getURL('/trackers.html')): string {
  return pageUrl(base, { portal });
}

export function parseTrackersPage(input: string, base: string = browser.runtime.getURL('/trackers.html')): ParsedPage<TrackersPageParams> {
  return parseOptionalPortalPage(input, base);
}

// popup.html ----------------------------------------------------------------------------------

/** The popup; opened as a page (the e2e tests do) it names the tab it describes. */
export interface PopupPageParams {
  tabId?: number | undefined;
}

/** `popup.html`, or `popup.html?tabId=12` for the popup opened as a page. */
export function popupPageUrl({ tabId }: PopupPageParams = {}, base: string = browser.runtime.getURL('/popup.html')): string {
  return pageUrl(base, { tabId: tabId === undefined ? undefined : String(tabId) });
}

/** Tab ids are non-negative integers (`tabs.TAB_ID_NONE` is -1, never a tab to describe). */
const isTabId = (value: string) => /^\d{1,15}$/.test(value) && Number.isSafeInteger(Number(value));

export function parsePopupPage(input: string, base: string = browser.runtime.getURL('/popup.html')): ParsedPage<PopupPageParams> {
  const page = readPage(input, base, ['tabId']);
  if (!page.ok) return page;
  const { params, hash } = page.params;
  if (hash !== '') return refuse('unknown-hash');
  const tabId = optional(params, 'tabId', isTabId, 'bad-tab-id');
  if (!tabId.ok) return tabId;
  return { ok: true, params: tabId.params === undefined ? {} : { tabId: Number(tabId.params) } };
}

// options.html --------------------------------------------------------------------------------

/**
 * The options page. It takes no parameters and never reads its own address, so it has a builder
 * and no parser (one would be dead code).
 */
export function optionsPageUrl(base: string = browser.runtime.getURL('/options.html')): string {
  return base;
}
