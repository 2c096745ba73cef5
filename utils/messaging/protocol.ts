import { z } from 'zod';
import { GUIDE_STEPS } from '../guide/steps';
import { platformSignalKindSchema } from '../portals/schema';
import { sessionStateSchema } from '../session/schema';
import { notPrototypeName } from '../own-keys';

/**
 * The one message protocol. Every message name says its direction (`cs-bg`: content script to
 * background, `ui-bg`: extension page to background), every payload and reply has a zod schema,
 * and the receiver parses both the payload and the sender before a handler runs. Content scripts
 * are unprivileged: the background never takes a portal's identity from their payload, only from
 * the sender's URL that the browser reports.
 */

const tabIdSchema = z.number().int().nonnegative();

export const portalSummarySchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  displayName: z.string(),
  operator: z.string(),
  country: z.string(),
  host: z.string(),
  tenant: z.strictObject({ organization: z.string(), host: z.string() }).optional(),
  homeUrl: z.string().optional(),
  /** Set for a portal Portal Guard has not reviewed (the patient's or the organisation's own). */
  addedBy: z.enum(['user', 'policy']).optional(),
});

export const noticeSummarySchema = z.strictObject({
  id: z.string(),
  /** Why this notice is shown here, in a sentence. */
  why: z.string(),
  title: z.string(),
  summary: z.string(),
  organization: z.string(),
  disclosed: z.string(),
  added: z.string(),
  modified: z.string(),
  status: z.string(),
  severity: z.string(),
  affectedLabel: z.string().optional(),
  dataClasses: z.array(z.string()),
  notAffected: z.array(z.string()),
  officialUrl: z.string().optional(),
});

export const feedStatusSchema = z.strictObject({
  source: z.enum(['bundled', 'remote']),
  sourceUrl: z.string().optional(),
  sequence: z.number(),
  generatedAt: z.string(),
  /** When this copy was fetched (remote) or installed (bundled), in ms since the epoch. */
  receivedAt: z.number(),
  /** From the last accepted signed index (docs/feed.md, "How the extension updates"). */
  issuedAt: z.iso.datetime({ offset: true }).optional(),
  expires: z.iso.datetime({ offset: true }).optional(),
  /**
   * Set when notices may be out of date: the index expired, or no new signed data arrived for
   * STALE_AFTER_DAYS (utils/feed/config.ts). The instant it became stale; the UI says "since" it.
   */
  staleSince: z.iso.datetime({ offset: true }).optional(),
  lastCheckedAt: z.number().optional(),
  /** `reason` is plain language (t()); `code` names the check that refused the update. */
  lastError: z.strictObject({ at: z.number(), reason: z.string(), code: z.string().optional() }).optional(),
});

/** A lowercase hostname, as `URL.hostname` gives it; never a URL. */
const requestHostSchema = z.string().regex(/^[a-z0-9.-]{1,253}$/);
/** A query parameter's NAME (never its value), as the tracker list writes them (`dl`, `cd[content_name]`, `ep.portal_section`). */
export const paramNameSchema = z.string().regex(/^[A-Za-z0-9_.[\]-]{1,81}$/);

/** One tracker seen on a portal, summarised for the popup and the tracker page. */
export const trackerSummarySchema = z.strictObject({
  vendor: z.string(),
  product: z.string(),
  hosts: z.array(z.string()).max(20),
  params: z.array(z.string()).max(40),
  firstSeen: z.number(),
  lastSeen: z.number(),
});

/** The tab the popup describes. */
const popupTargetSchema = z.strictObject({ tabId: tabIdSchema, url: z.string().max(8192).optional() });

export const tabStatusSchema = z.strictObject({
  lookup: z.enum(['portal', 'lookalike', 'none']),
  portal: portalSummarySchema.optional(),
  lookalike: z
    .strictObject({
      host: z.string(),
      imitates: z.string(),
      officialHome: z.string().optional(),
      /** Why the address imitates a reviewed one, when it is not a listed look-alike (`imitation.ts`). */
      reason: z.string().optional(),
    })
    .optional(),
  /**
   * For a page Portal Guard does not know: its host may become the patient's watched portal (an
   * https host, not a catalogue or look-alike address). The popup offers "Watch this portal" only
   * with this and a platform the detector recognised on the page.
   */
  watch: z.strictObject({ host: z.string(), registrableDomain: z.string() }).optional(),
  session: z.strictObject({ state: sessionStateSchema, detectedAt: z.number(), evidence: z.array(z.string()) }).optional(),
  notices: z.array(noticeSummarySchema),
  /** This portal's notices that are not shown now (dismissed, older, or password changed since). */
  otherNotices: z.array(z.strictObject({ id: z.string(), title: z.string() })).optional(),
  feed: feedStatusSchema.optional(),
  /**
   * For an https page that is a portal or no known portal: whether Portal Guard's content script can
   * run there now (the manifest covers the host, or a watched portal's script with its permission).
   * `false` on a recognised host outside the manifest (a feed-added tenant) or an unknown one, so the
   * popup can offer "Watch this portal". Absent for look-alikes and non-https pages.
   */
  scriptable: z.boolean().optional(),
  /** The organisation that deployed Portal Guard, from the managed policy (docs/deploy.md). */
  organization: z.strictObject({ name: z.string(), supportUrl: z.string().optional(), phone: z.string().optional() }).optional(),
  /**
   * Shared-computer mode's "you may still be signed in" reminders, oldest first. The background
   * reads them from storage, so the popup never reads storage itself.
   */
  signOutReminders: z.array(z.strictObject({ id: z.string(), displayName: z.string(), signOutUrl: z.string().startsWith('https://').optional() })).max(50).optional(),
  /**
   * The tracker audit (docs/trackers.md): the trackers this portal's signed-in pages sent data to,
   * one per vendor and product, with the parameter names that carried page content. Absent when
   * nothing was seen.
   */
  trackers: z.array(trackerSummarySchema).max(40).optional(),
});

/** What the in-page banner needs about one relevant notice: text only, plus one https link. */
export const bannerNoticeSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** "You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added 1 Jan 2026." */
  why: z.string(),
  /** Plain words for what was taken, e.g. "Hospital discharge summaries, Referral letters". */
  taken: z.string(),
  notTaken: z.string().optional(),
  officialUrl: z.string().optional(),
});

const noticeIdSchema = z.string().regex(/^[a-z0-9-]{3,80}$/).refine(notPrototypeName);

/**
 * A change the guide page asks for (utils/guide/state.ts `GuideEvent`). The well-known check's
 * result and the reminder's record are the background's own and cannot be sent from a page.
 */
const siteNameSchema = z.string().min(1).max(200);
export const guidePageEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('open'), host: z.string().max(253).optional() }),
  z.strictObject({ type: z.literal('mark'), step: z.enum(GUIDE_STEPS), status: z.enum(['done', 'skipped']) }),
  z.strictObject({ type: z.literal('reopen'), step: z.enum(GUIDE_STEPS) }),
  z.strictObject({ type: z.literal('add-site'), name: siteNameSchema }),
  z.strictObject({ type: z.literal('tick-site'), name: siteNameSchema, changed: z.boolean() }),
  z.strictObject({ type: z.literal('remove-site'), name: siteNameSchema }),
  z.strictObject({ type: z.literal('finish') }),
  z.strictObject({ type: z.literal('restart') }),
]);

/** The background's answer for one Pwned Passwords prefix (utils/background/pwned-range.ts). */
export const rangeReplySchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ok'), entries: z.array(z.tuple([z.string().regex(/^[0-9A-F]{35}$/), z.number().int().positive()])).max(5_000) }),
  z.strictObject({ status: z.literal('failed'), reason: z.enum(['off', 'offline', 'timeout', 'server', 'bad-response']) }),
]);

/**
 * The compact platform-signal table (utils/portals/platform-signals.ts `SignalTable`): what the
 * page-side detector needs, without sources. Bounded, since it is handed into pages.
 */
export const signalTableSchema = z
  .array(
    z.strictObject({
      id: z.string().regex(/^[a-z0-9-]{2,80}$/),
      name: z.string().min(1).max(100),
      signals: z
        .array(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{2,80}$/), kind: platformSignalKindSchema, pattern: z.string().min(2).max(200) }).readonly())
        .max(40)
        .readonly(),
    }).readonly(),
  )
  .max(200)
  .readonly();

/**
 * The lazy bundles (utils/content/bundles.ts), by name: each is the built file `/<name>.js`. A
 * closed list, so `cs-bg/load-bundle` can only ever name one of these three, never a path.
 */
export const LAZY_BUNDLE_NAMES = ['banner', 'password-assistant', 'password-strength'] as const;
export type LazyBundleName = (typeof LAZY_BUNDLE_NAMES)[number];

/**
 * Our extension pages, by path. Each `ui-bg/` message lists the ones that send it, and the
 * background refuses it from any other, so a page we ship for one job (the export review reads a
 * patient's files) cannot drive the background's other features.
 */
export type ExtensionPagePath = '/popup.html' | '/notice.html' | '/guide.html' | '/options.html' | '/export-review.html';

/** What every message must say: its direction, and for an extension-page message, its pages. */
type MessageSpec =
  | { from: 'content-script'; request: z.ZodType; response: z.ZodType }
  | { from: 'extension-page'; pages: readonly [ExtensionPagePath, ...ExtensionPagePath[]]; request: z.ZodType; response: z.ZodType };

export const protocol = {
  /**
   * The content script reports what it sees on a catalogue host; the reply carries the notices
   * relevant to that portal now, so the banner needs no second round trip.
   */
  'cs-bg/session': {
    from: 'content-script',
    request: z.strictObject({
      state: sessionStateSchema,
      // Short machine-readable reasons ("password-field", "logout-control"), for the popup's "why".
      evidence: z.array(z.string().max(40)).max(8),
      // The page's current path: after a single-page navigation, `sender.url` still names the
      // document's first URL. Only ever combined with the sender's own origin, never trusted for it.
      path: z.string().max(2048).startsWith('/'),
      // The platform the page looks like (utils/portals/platform-signals.ts), on hosts the patient
      // watches. A hint from the page, like the state: the background takes the host from the
      // sender and checks the platform id against its own table.
      detection: z.strictObject({ platformId: z.string().regex(/^[a-z0-9-]{2,80}$/), matched: z.array(z.string().regex(/^[a-z0-9-]{2,80}$/)).min(1).max(40) }).optional(),
    }),
    response: z.strictObject({
      ok: z.literal(true),
      notices: z.array(bannerNoticeSchema),
      // The platform-signal table, sent only to portals the catalogue does not list (the hosts a
      // patient or organisation added), so the content script carries no signals of its own.
      platforms: signalTableSchema.optional(),
      // The platform's own session hints from the catalogue. They come with the reply so the
      // content script does not carry the whole catalogue; it re-checks once when they arrive.
      signals: z
        .strictObject({ loginPaths: z.array(z.string()).optional(), signedOutPaths: z.array(z.string()).optional(), logoutSelectors: z.array(z.string()).optional() })
        .optional(),
      // A password guide for this portal needs the content script to check the portal's
      // /.well-known/change-password on its own origin (utils/guide/well-known.ts).
      probeChangePassword: z.literal(true).optional(),
      // Only on a signed-in page with the tracker audit on: the tracker list's domains, so the
      // content script can pick out tracker requests without carrying the list (docs/trackers.md).
      trackers: z.strictObject({ domains: z.array(requestHostSchema).max(1_000) }).optional(),
    }),
  },
  /**
   * The tracker audit: requests to hosts on the tracker list that this signed-in page made, as
   * resource timing shows them. The host and the query's parameter NAMES only, never a URL or a
   * value. The background takes the portal from `sender.url`, checks the tab's session is signed
   * in and the audit is on, matches each host against its own list, and stores only what matches.
   */
  'cs-bg/trackers': {
    from: 'content-script',
    request: z.strictObject({ requests: z.array(z.strictObject({ host: requestHostSchema, params: z.array(paramNameSchema).max(40) })).min(1).max(50) }),
    response: z.strictObject({ ok: z.literal(true), recorded: z.number().int().nonnegative() }),
  },
  /**
   * Open the notice's full page: details, "What to do", or (the banner's Dismiss) the question
   * "Stop showing this notice?". No content-script message saves a dismissal: a portal page can
   * trick a real click onto the banner (issue 14, item 1), so the patient confirms on our own page.
   */
  'cs-bg/open-notice': {
    from: 'content-script',
    request: z.strictObject({ noticeId: noticeIdSchema, section: z.enum(['details', 'todo', 'dismiss']) }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  /**
   * Open the password guide for the sender's portal (the banner's "Secure your account", a
   * trusted click). The reply says whether the content script should check the well-known URL.
   */
  'cs-bg/open-guide': {
    from: 'content-script',
    request: z.strictObject({}),
    response: z.strictObject({ ok: z.literal(true), probeChangePassword: z.boolean() }),
  },
  /** The outcome of the same-origin /.well-known/change-password check, when it was asked for. */
  'cs-bg/change-password-probe': {
    from: 'content-script',
    request: z.strictObject({ result: z.enum(['supported', 'unreliable', 'missing', 'failed']) }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  /**
   * The content script found a new-password form. The reply says what the assistant may offer:
   * the breach check (opted in and permitted) and where the sender portal's guide stands.
   */
  'cs-bg/password-form': {
    from: 'content-script',
    request: z.strictObject({ kind: z.enum(['change', 'new', 'signup']) }),
    response: z.strictObject({ ok: z.literal(true), breachCheck: z.boolean(), guide: z.enum(['none', 'in-progress', 'finished']), changePasswordStep: z.enum(['open', 'done', 'skipped']) }),
  },
  /**
   * Pwned Passwords, k-anonymity: ONLY the first 5 hex characters of the SHA-1 travel; the reply
   * lists every suffix for that prefix, compared in the content script (docs/password-guide.md).
   */
  'cs-bg/pwned-range': {
    from: 'content-script',
    request: z.strictObject({ prefix: z.string().regex(/^[0-9A-F]{5}$/) }),
    response: z.strictObject({ ok: z.literal(true), result: rangeReplySchema }),
  },
  /** "Mark step 1 done" in the assistant after the form was submitted (a trusted click). */
  'cs-bg/guide-password-changed': {
    from: 'content-script',
    request: z.strictObject({}),
    response: z.strictObject({ ok: z.literal(true), guide: z.enum(['in-progress', 'finished']) }),
  },
  /**
   * Firefox only: run one lazy bundle in the sender's frame (utils/background/inject-bundle.ts).
   * The content script names the bundle; the background picks the file, checks that the sender's
   * page is one our content script runs on, and injects into that tab and frame alone. Chrome's
   * content script imports the bundle itself (utils/content/load-bundle.ts says why).
   */
  'cs-bg/load-bundle': {
    from: 'content-script',
    request: z.strictObject({ bundle: z.enum(LAZY_BUNDLE_NAMES) }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  /**
   * The guide page changes a portal's guide. The background is the one writer of guide progress:
   * storage's read-modify-write is serialised per context only, and the background also writes
   * it (the well-known check, the assistant's step 1, the reminder), so a page writing directly
   * could undo those.
   */
  'ui-bg/guide-event': {
    from: 'extension-page',
    pages: ['/guide.html'],
    request: z.strictObject({ portalId: z.string().regex(/^[a-z0-9-]{2,80}$/).refine(notPrototypeName), event: guidePageEventSchema }),
    response: z.strictObject({ ok: z.literal(true), finished: z.boolean() }),
  },
  /**
   * "Watch this portal": the popup has already asked the browser for this host's origin, from the
   * patient's click. The background checks the host again (never a catalogue host or an
   * imitation of one), checks the grant, and stores the patient's portal on that platform.
   */
  'ui-bg/watch-portal': {
    from: 'extension-page',
    pages: ['/popup.html'],
    request: z.strictObject({ host: z.string().min(1).max(253), platformId: z.string().regex(/^[a-z0-9-]{2,80}$/) }),
    response: z.discriminatedUnion('status', [
      z.strictObject({ status: z.literal('watching'), portalId: z.string(), name: z.string() }),
      z.strictObject({ status: z.literal('refused'), reason: z.string(), lookalike: z.strictObject({ imitates: z.string(), officialHome: z.string().optional() }).optional() }),
    ]),
  },
  /** The popup's "Check this page" asks for the platform-signal table to hand into the page. */
  'ui-bg/platform-signals': {
    from: 'extension-page',
    pages: ['/popup.html'],
    request: z.strictObject({}),
    response: z.strictObject({ platforms: signalTableSchema }),
  },
  /**
   * The patient confirmed "Stop showing this notice" on the notice page (an extension page no
   * portal can draw over). The background saves it with the `modified` date from our own feed and
   * updates the badge of every tab on that notice's portals.
   */
  'ui-bg/dismiss-notice': {
    from: 'extension-page',
    pages: ['/notice.html'],
    request: z.strictObject({ noticeId: noticeIdSchema }),
    response: z.strictObject({ ok: z.literal(true) }),
  },
  /**
   * The popup, opened as a page for a named tab (`popup.html?tabId=`), asks for everything it shows
   * about that tab. The URL is the one the browser shows the popup, if any.
   */
  'ui-bg/tab-status': {
    from: 'extension-page',
    pages: ['/popup.html'],
    request: popupTargetSchema,
    response: tabStatusSchema,
  },
  /**
   * The toolbar popup asks the same before it knows its tab: the background finds the active tab
   * of the window the patient clicked in (its URL comes from `activeTab`) while its storage reads
   * are already under way, which saves the popup a round trip of its own first. No target: no tab.
   */
  'ui-bg/active-tab-status': {
    from: 'extension-page',
    pages: ['/popup.html'],
    request: z.strictObject({}),
    response: z.strictObject({ target: popupTargetSchema.optional(), status: tabStatusSchema.optional() }),
  },
  /**
   * The options page's "Check for updates now". The background runs the same one-at-a-time
   * refresh as its alarm and replies when the check is over; the page never touches the alarm,
   * which a page-made one-shot would replace (and with it the 12-hour schedule).
   */
  'ui-bg/check-feed-now': {
    from: 'extension-page',
    pages: ['/options.html'],
    request: z.strictObject({}),
    response: z.strictObject({ ok: z.literal(true), outcome: z.enum(['updated', 'not-modified', 'rejected']) }),
  },
} as const satisfies Record<string, MessageSpec>;

export type Protocol = typeof protocol;
export type MessageName = keyof Protocol;
export type RequestOf<N extends MessageName> = z.infer<Protocol[N]['request']>;
export type ResponseOf<N extends MessageName> = z.infer<Protocol[N]['response']>;
export type TabStatus = z.infer<typeof tabStatusSchema>;
export type PopupReminder = NonNullable<TabStatus['signOutReminders']>[number];
export type NoticeSummary = z.infer<typeof noticeSummarySchema>;
export type PortalSummary = z.infer<typeof portalSummarySchema>;
export type FeedStatus = z.infer<typeof feedStatusSchema>;
export type BannerNotice = z.infer<typeof bannerNoticeSchema>;
export type RangeReplyMessage = z.infer<typeof rangeReplySchema>;
export type GuidePageEvent = z.infer<typeof guidePageEventSchema>;
export type WatchReply = ResponseOf<'ui-bg/watch-portal'>;
export type TrackerSummary = z.infer<typeof trackerSummarySchema>;
