import { dataClassLabel } from '../feed/data-class-label';
import { noticeText } from '../notices/notice-text';
import type { DataClass, Notice } from '../feed/schema';
import { getActiveFeed, type ActiveFeed } from '../state/active-feed';
import { formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import type { NoticeSummary, PortalSummary, RequestOf, TabStatus, TrackerSummary } from '../messaging/protocol';
import { currentPolicy } from '../policy/managed';
import type { Organization } from '../policy/schema';
import type { PortalIndex, PortalMatch } from '../portals';
import { portalIndex } from '../state/current-portals';
import { watchCandidate } from '../portals/watch';
import { portalNotices, whyShown } from './portal-notices';
import { getTabSession } from './tab-sessions';
import { readItem, signOutReminders, type SignOutReminder } from '../state/storage';
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
}

const defaultDeps: TabStatusDeps = { getSession: getTabSession, getFeed: getActiveFeed, now: () => new Date(), index: portalIndex };

export async function tabStatus({ tabId, url }: RequestOf<'ui-bg/tab-status'>, deps: TabStatusDeps = defaultDeps): Promise<TabStatus> {
  // The popup waits for this answer before it shows anything, so reads that do not depend on one
  // another go out together: each is a round trip to the browser's storage.
  const [session, active, index, organization, reminders] = await Promise.all([
    deps.getSession(tabId),
    deps.getFeed().catch(() => undefined),
    (deps.index ?? portalIndex)(),
    (deps.organization ?? policyOrganization)().catch(() => undefined),
    (deps.reminders ?? (() => readItem(signOutReminders)))().catch((): SignOutReminder[] => []),
  ]);
  const feed = active?.status;
  // The popup's URL comes from activeTab and is the freshest; the stored one covers a popup
  // opened as a page (`popup.html?tabId=`), which has no activeTab grant.
  const lookup = index.lookupUrl(url ?? session?.url ?? '');
  const org = {
    ...(organization ? { organization } : {}),
    ...(reminders.length ? { signOutReminders: reminders.map(({ id, displayName, signOutUrl }) => ({ id, displayName, ...(signOutUrl ? { signOutUrl } : {}) })) } : {}),
  };
  const pageUrl = url ?? session?.url ?? '';
  // Started here, awaited where each answer needs it, so it overlaps the notice and tracker reads.
  const canRunOnPage = lookup.kind === 'lookalike' ? Promise.resolve(undefined) : (deps.scriptable ?? isScriptable)(pageUrl).catch(() => undefined);

  if (lookup.kind === 'lookalike') {
    const { imitates } = lookup;
    return { lookup: 'lookalike', lookalike: { host: lookup.host, imitates: imitates.name, ...(imitates.homeUrl ? { officialHome: imitates.homeUrl } : {}) }, notices: [], otherNotices: [], ...(feed ? { feed } : {}), ...org };
  }
  if (lookup.kind === 'none') {
    // An address nothing recognises may still imitate a reviewed one (`mychart-uwhealth.org`):
    // that is a look-alike, never a portal to watch. Otherwise it may be offered for watching.
    const candidate = watchCandidate(url ?? session?.url ?? '', index);
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
  const sameHost = session && safeHost(session.url) === match.host;
  // The feed loaded above, not a second load (each reads storage again).
  const [{ relevant, others }, trackers, canRun] = await Promise.all([
    portalNotices(match, { feed: async () => active ?? Promise.reject(new Error('no feed')), now: deps.now }),
    (deps.trackers ?? portalTrackers)(match.portal.id).catch((): TrackerSummary[] => []),
    canRunOnPage,
  ]);
  const scriptable = scriptableField(canRun);
  return {
    lookup: 'portal',
    portal: summarisePortal(match),
    ...(session && sameHost ? { session: { state: session.state, detectedAt: session.detectedAt, evidence: session.evidence } } : {}),
    notices: relevant.map(({ notice }) => summariseNotice(notice, whyShown(match, notice))),
    otherNotices: others.map((notice) => ({ id: notice.id, title: noticeText(notice).title })),
    ...(feed ? { feed } : {}),
    ...scriptable,
    ...org,
    ...(trackers.length ? { trackers } : {}),
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
