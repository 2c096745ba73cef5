import { dataClassLabel } from '../feed/data-class-label';
import { noticeText } from '../notices/notice-text';
import type { DataClass, Notice } from '../feed/schema';
import { getActiveFeed, type ActiveFeed } from '../state/active-feed';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import { browser } from 'wxt/browser';
import type { NoticeSummary, PortalSummary, RequestOf, ResponseOf, TabStatus, TrackerSummary } from '../messaging/protocol';
import { currentPolicy } from '../policy/managed';
import type { Organization } from '../policy/schema';
import type { PortalIndex, PortalMatch } from '../portals';
import { portalIndex } from '../state/current-portals';
import { watchCandidate } from '../portals/watch';
import { portalNotices, whyShown } from './portal-notices';
import { getTabSession } from './tab-sessions';
import { readItem, signOutReminders, type SignOutReminder } from '../state/storage';
import { readNoticeChoices } from '../state/patient-choices';
import { isScriptable } from './scriptable';
import { portalTrackers } from './tracker-audit';

/**
 * Everything the popup shows about one tab, assembled in the background from three trusted
 * sources: the catalogue, the per-tab session the content script reported (with the URL the
 * browser gave us, not one the page claimed), and the last good feed.
 */

export interface TabStatusDeps {
  getSession: typeof getTabSession;
  getFeed: () => Promise<ActiveFeed>;
  now: () => Date;
  /** The catalogue plus policy and patient portals (utils/state/current-portals.ts). */
  index?: () => Promise<PortalIndex>;
  /** The organisation named by the managed policy, if any. */
  organization?: () => Promise<Organization | undefined>;
  /** Shared-computer mode's reminders (storage.session). */
  reminders?: () => Promise<SignOutReminder[]>;
  /** Whether the content script can run on a URL now (scriptable.ts). */
  scriptable?: (url: string) => Promise<boolean | undefined>;
  /** The trackers seen on a portal's signed-in pages (tracker-audit.ts). */
  trackers?: typeof portalTrackers;
  /** The toolbar popup's tab: the active tab of the focused window. */
  activeTab?: () => Promise<PopupTarget | undefined>;
}

const defaultDeps: TabStatusDeps = { getSession: getTabSession, getFeed: getActiveFeed, now: () => new Date(), index: portalIndex };

/** The popup opened as a page for a named tab (`popup.html?tabId=`). */
export function tabStatus(request: RequestOf<'ui-bg/tab-status'>, deps: TabStatusDeps = defaultDeps): Promise<TabStatus> {
  return statusOf(Promise.resolve(request), deps);
}

/**
 * The toolbar popup: the active tab of the window the patient clicked in, and its status. The
 * reads that need no tab start while the browser is still answering which tab that is.
 */
export async function activeTabStatus(deps: TabStatusDeps = defaultDeps): Promise<ResponseOf<'ui-bg/active-tab-status'>> {
  const found = (deps.activeTab ?? activeTab)();
  const status = statusOf(
    found.then((target) => target ?? Promise.reject(new Error('no active tab'))),
    deps,
  );
  const target = await found.catch(() => undefined);
  if (!target) {
    status.catch(() => undefined); // Nothing to describe: its refusal is expected, not unhandled.
    return {};
  }
  return { target, status: await status };
}

async function activeTab(): Promise<PopupTarget | undefined> {
  // `lastFocusedWindow`, not `currentWindow`: the background has no window of its own, and the
  // toolbar button the patient just clicked is in the focused one. `activeTab` shows us its URL.
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined || tab.id < 0) return undefined;
  return { tabId: tab.id, ...(tab.url ? { url: tab.url } : {}) };
}

type PopupTarget = RequestOf<'ui-bg/tab-status'>;

async function statusOf(target: Promise<PopupTarget>, deps: TabStatusDeps): Promise<TabStatus> {
  // The popup waits for this answer before it shows anything, and each read is a round trip to the
  // browser's storage (2–3 ms while the popup is opening). So every read starts now, together:
  // the ones that need the tab or its address start as soon as those are known, which for the
  // popup is at once or after one tab query. A read that turns out unneeded (the patient's notice
  // choices on a page that is no portal) costs nothing the popup waits for.
  const session = target.then(({ tabId }) => deps.getSession(tabId));
  const active = deps.getFeed().catch(() => undefined);
  const choices = readNoticeChoices();
  choices.catch(() => undefined); // Awaited, and its error surfaced, only on a portal page.
  const address = target.then(({ url }): string | Promise<string> => url ?? session.then((stored) => stored?.url ?? ''));
  const page = Promise.all([(deps.index ?? portalIndex)(), address]).then(([index, pageUrl]) => ({ index, pageUrl, lookup: index.lookupUrl(pageUrl) }));
  // These two never fail: if the address cannot be looked up, `page` fails the whole answer below.
  const canRunOnPage = page.then(({ lookup, pageUrl }) => (lookup.kind === 'lookalike' ? undefined : (deps.scriptable ?? isScriptable)(pageUrl))).catch(() => undefined);
  const trackers = page.then(({ lookup }) => (lookup.kind === 'portal' ? (deps.trackers ?? portalTrackers)(lookup.match.portal.id) : [])).catch((): TrackerSummary[] => []);
  const [{ index, pageUrl, lookup }, stored, loaded, organization, reminders] = await Promise.all([
    page,
    session,
    active,
    (deps.organization ?? policyOrganization)().catch(() => undefined),
    (deps.reminders ?? (() => readItem(signOutReminders)))().catch((): SignOutReminder[] => []),
  ]);
  const feed = loaded?.status;
  const org = {
    ...(organization ? { organization } : {}),
    ...(reminders.length ? { signOutReminders: reminders.map(({ id, displayName, signOutUrl }) => ({ id, displayName, ...(signOutUrl ? { signOutUrl } : {}) })) } : {}),
  };

  if (lookup.kind === 'lookalike') {
    const { imitates } = lookup;
    return { lookup: 'lookalike', lookalike: { host: lookup.host, imitates: imitates.name, ...(imitates.homeUrl ? { officialHome: imitates.homeUrl } : {}) }, notices: [], otherNotices: [], ...(feed ? { feed } : {}), ...org };
  }
  if (lookup.kind === 'none') {
    // An address nothing recognises may still imitate a reviewed one (`mychart-uwhealth.org`):
    // that is a look-alike, never a portal to watch. Otherwise it may be offered for watching.
    const candidate = watchCandidate(pageUrl, index);
    if (candidate.kind === 'imitation') {
      const { imitates, reason } = candidate.imitation;
      return { lookup: 'lookalike', lookalike: { host: candidate.host, imitates: imitates.name, ...(imitates.homeUrl ? { officialHome: imitates.homeUrl } : {}), reason }, notices: [], otherNotices: [], ...(feed ? { feed } : {}), ...org };
    }
    const watch = candidate.kind === 'watchable' ? { watch: { host: candidate.host, registrableDomain: candidate.registrableDomain } } : {};
    const scriptable = scriptableField(await canRunOnPage);
    return { lookup: 'none', notices: [], otherNotices: [], ...watch, ...(feed ? { feed } : {}), ...scriptable, ...org };
  }

  const { match } = lookup;
  // A session reported for another page of the same tab (before a navigation) is stale.
  const sameHost = stored && safeHost(stored.url) === match.host;
  // The feed loaded above, not a second load (each reads storage again).
  const [{ relevant, others }, seen, canRun] = await Promise.all([
    portalNotices(match, { feed: async () => loaded ?? Promise.reject(new Error('no feed')), now: deps.now, choices }),
    trackers,
    canRunOnPage,
  ]);
  const scriptable = scriptableField(canRun);
  return {
    lookup: 'portal',
    portal: summarisePortal(match),
    ...(stored && sameHost ? { session: { state: stored.state, detectedAt: stored.detectedAt, evidence: stored.evidence } } : {}),
    notices: relevant.map(({ notice }) => summariseNotice(notice, whyShown(match, notice))),
    otherNotices: others.map((notice) => ({ id: notice.id, title: noticeText(notice).title })),
    ...(feed ? { feed } : {}),
    ...scriptable,
    ...org,
    ...(seen.length ? { trackers: seen } : {}),
  };
}

function scriptableField(canRun: boolean | undefined): { scriptable?: boolean } {
  return canRun === undefined ? {} : { scriptable: canRun };
}

async function policyOrganization(): Promise<Organization | undefined> {
  return (await currentPolicy()).policy.organization;
}

export function summarisePortal(match: PortalMatch): PortalSummary {
  const { portal } = match;
  return {
    id: portal.id,
    name: portal.name,
    displayName: match.displayName,
    operator: match.tenant && match.how === 'tenant' ? `${match.tenant.organization} (software: ${portal.name})` : portal.operator,
    country: portal.country,
    host: match.host,
    ...(match.tenant ? { tenant: { organization: match.tenant.organization, host: match.tenant.host } } : {}),
    ...(portal.homeUrl ? { homeUrl: portal.homeUrl } : {}),
    ...(portal.addedBy ? { addedBy: portal.addedBy } : {}),
  };
}

const label = (dataClass: DataClass) => dataClassLabel(dataClass);

export function summariseNotice(notice: Notice, why: string): NoticeSummary {
  const official = notice.links.find((link) => link.official) ?? notice.links[0];
  return {
    id: notice.id,
    why,
    // In the browser's language when the feed has it (the popup shows what this says).
    ...noticeText(notice),
    organization: notice.organization,
    disclosed: notice.disclosed,
    added: notice.added,
    modified: notice.modified,
    status: notice.status,
    severity: notice.severity,
    ...(notice.affected ? { affectedLabel: affectedLabel(notice.affected) } : {}),
    dataClasses: notice.dataClasses.map(label),
    notAffected: notice.notAffected.map(label),
    ...(official ? { officialUrl: official.url } : {}),
  };
}

/** "About 99,416 people (estimate, unverified)": one whole message per combination, for translators. */
function affectedLabel(affected: NonNullable<Notice['affected']>): string {
  const count = { count: formatNumber(affected.count) };
  if (affected.estimate && affected.unverified) return t('notice.affected.estimateUnverified', affected.count, count);
  if (affected.estimate) return t('notice.affected.estimate', affected.count, count);
  if (affected.unverified) return t('notice.affected.unverified', affected.count, count);
  return t('notice.affected.exact', affected.count, count);
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}
