import type { Sender } from '../messaging/listen';
import type { RequestOf, ResponseOf, TrackerSummary } from '../messaging/protocol';
import { currentPolicy } from '../policy/managed';
import { trackerAuditSetting } from '../policy/effective';
import { registrableDomainOf } from '../portals/registrable-domain';
import { getActiveFeed } from '../state/active-feed';
import { portalIndex } from '../state/current-portals';
import { MAX_SIGHTING_PARAMS, MAX_TRACKER_SIGHTINGS, readItem, trackerAuditPrefs, trackerSightings, updateItem, type TrackerSighting } from '../state/storage';
import { bundledTrackers } from '../trackers/bundled';
import { contentParamNames, createTrackerMatcher, mergeTrackerLists, type TrackerMatcher } from '../trackers/match';
import { summariseSightings } from '../trackers/summary';
import type { TrackerEntry } from '../trackers/schema';
import { getTabSession } from './tab-sessions';

/**
 * The tracker audit's background half (issue 16, docs/trackers.md). The content script on a
 * signed-in portal page sends the host and parameter names of requests to hosts on the tracker
 * list (`cs-bg/trackers`); here they are checked again and kept per portal as vendor, host,
 * parameter names and dates. Nothing is sent anywhere: the list is bundled or comes with the
 * signed feed, and the sightings stay in `storage.local`.
 *
 *   session reply (signed in, audit on) ──► list's domains ──► content script observes resources
 *   cs-bg/trackers {host, params[]} ──► portal from sender.url, tab signed in, audit on,
 *                                      host on OUR list, not the portal's own domain ──► store
 */

/** Whether the audit runs now: the organisation's `trackerAudit`, else the patient's switch (on by default). */
export async function trackerAuditOn(): Promise<boolean> {
  const [policy, prefs] = await Promise.all([currentPolicy().catch(() => undefined), readItem(trackerAuditPrefs)]);
  return trackerAuditSetting(policy?.policy ?? {}, prefs.enabled).on;
}

let cached: { feedTrackers: readonly TrackerEntry[] | undefined; matcher: TrackerMatcher } | undefined;

/** The bundled list with the active feed's updates applied, rebuilt only when the feed changes. */
export async function activeTrackerMatcher(feed = getActiveFeed): Promise<TrackerMatcher> {
  const feedTrackers = (await feed().catch(() => undefined))?.feed.trackers?.trackers as TrackerEntry[] | undefined;
  if (!cached || cached.feedTrackers !== feedTrackers) cached = { feedTrackers, matcher: createTrackerMatcher(mergeTrackerLists(bundledTrackers(), feedTrackers)) };
  return cached.matcher;
}

/** What the session reply carries on a signed-in page when the audit is on, else nothing. */
export async function trackerDomainsFor(state: string, { on = trackerAuditOn, matcher = activeTrackerMatcher } = {}): Promise<{ domains: string[] } | undefined> {
  if (state !== 'signed-in' || !(await on())) return undefined;
  return { domains: (await matcher()).domains };
}

export interface TrackerReportDeps {
  now?: () => number;
  on?: () => Promise<boolean>;
  matcher?: () => Promise<TrackerMatcher>;
  session?: typeof getTabSession;
  index?: typeof portalIndex;
}

/** `cs-bg/trackers`: keep what matches, for the sender's portal, when its tab is signed in. */
export async function onTrackerReport(request: RequestOf<'cs-bg/trackers'>, sender: Sender, { now = Date.now, on = trackerAuditOn, matcher = activeTrackerMatcher, session = getTabSession, index = portalIndex }: TrackerReportDeps = {}): Promise<ResponseOf<'cs-bg/trackers'>> {
  const none = { ok: true as const, recorded: 0 };
  const tabId = sender.tab?.id;
  if (tabId === undefined || sender.url === undefined) return none;
  const lookup = (await index()).lookupUrl(sender.url);
  if (lookup.kind !== 'portal') return none;
  // The background's own record of the tab, from the last session report: a page the content
  // script did not find signed in (the sign-in page) records nothing, whatever it sends.
  if ((await session(tabId))?.state !== 'signed-in' || !(await on())) return none;
  const list = await matcher();
  const portalHost = new URL(sender.url).hostname;
  const own = registrableDomainOf(portalHost) ?? portalHost;
  const seen: Omit<TrackerSighting, 'firstSeen' | 'lastSeen'>[] = [];
  for (const { host, params } of request.requests) {
    const entry = list.match(host);
    // First-party requests are the portal's own business, even when a tracker's domain hosts the portal.
    if (!entry || host === portalHost || (registrableDomainOf(host) ?? host) === own) continue;
    seen.push({ tracker: entry.id, vendor: entry.vendor, product: entry.product, host, params: contentParamNames(entry, params).slice(0, MAX_SIGHTING_PARAMS) });
  }
  if (seen.length === 0) return none;
  const at = now();
  const portalId = lookup.match.portal.id;
  await updateItem(trackerSightings, (all) => ({ ...all, [portalId]: recordSightings(all[portalId] ?? [], seen, at) }));
  return { ok: true, recorded: seen.length };
}

/**
 * Merge new sightings into a portal's list: one per tracker and host, its parameter names the
 * union (sorted, capped), `firstSeen` kept and `lastSeen` moved on. The oldest are dropped past
 * the cap, so a page that makes up hosts cannot grow storage without bound.
 */
export function recordSightings(current: readonly TrackerSighting[], seen: readonly Omit<TrackerSighting, 'firstSeen' | 'lastSeen'>[], at: number): TrackerSighting[] {
  const byKey = new Map(current.map((sighting) => [`${sighting.tracker} ${sighting.host}`, sighting]));
  for (const sighting of seen) {
    const key = `${sighting.tracker} ${sighting.host}`;
    const before = byKey.get(key);
    byKey.set(key, {
      ...sighting,
      params: [...new Set([...(before?.params ?? []), ...sighting.params])].sort().slice(0, MAX_SIGHTING_PARAMS),
      firstSeen: before?.firstSeen ?? at,
      lastSeen: at,
    });
  }
  return [...byKey.values()].sort((a, b) => b.lastSeen - a.lastSeen).slice(0, MAX_TRACKER_SIGHTINGS).sort((a, b) => a.firstSeen - b.firstSeen || (a.tracker < b.tracker ? -1 : 1));
}

/** The popup's line for a portal, when anything was seen there. */
export async function portalTrackers(portalId: string): Promise<TrackerSummary[]> {
  const all = await readItem(trackerSightings);
  return summariseSightings(Object.hasOwn(all, portalId) ? all[portalId]! : []);
}
