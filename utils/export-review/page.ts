import { getActiveFeed, withLocalNotices, type ActiveFeed } from '../state/active-feed';
import { noticeIndex } from '../notices/notice-index';
import type { Notice } from '../feed/schema';
import { policyNotices } from '../policy/managed';
import { parseExportReviewPage } from '../pages';
import { CATALOGUE, catalogueIndex, type Portal, type PortalIndex } from '../portals';
import { currentPortals, type CurrentPortals } from '../state/current-portals';
import { startReview } from './worker-client';

/** `?portal=managemyhealth` → `managemyhealth`, if Portal Guard knows that portal now; anything else → ''. */
export function portalFromQuery(search: string, index: Pick<PortalIndex, 'byId'>): string {
  const page = parseExportReviewPage(search);
  const id = page.ok ? page.params.portal : undefined;
  return id && index.byId(id) ? id : '';
}

/** Where the page's notices come from: the verified feed in storage (never the network) and the policy. */
export interface NoticeSources {
  feed: () => Promise<Pick<ActiveFeed, 'feed'>>;
  /** The organisation's `localNotices`; an unreadable policy means none. */
  local: () => Promise<Notice[]>;
}

const defaultSources: NoticeSources = { feed: () => getActiveFeed(), local: policyNotices };

async function allNotices(sources: NoticeSources): Promise<readonly Notice[]> {
  const [active, local] = await Promise.all([sources.feed(), sources.local().catch(() => [])]);
  return withLocalNotices(active.feed.notices, local);
}

/**
 * The notices for one portal: the feed's and the organisation's own, by portal id or by the
 * registrable domains of the portal's own hosts (a watched or clinic portal at `uwhealth.org`
 * gets the UW Health notice), with the same rule as the banner (`utils/notices/notice-index.ts`).
 */
export async function loadPortalNotices(portalId: string, sources: NoticeSources = defaultSources, portals: Pick<PortalIndex, 'byId'> = catalogueIndex): Promise<Notice[]> {
  return noticeIndex(await allNotices(sources)).forPortal(portals.byId(portalId) ?? { id: portalId, hosts: [] });
}

/**
 * Notices about incidents that involved no portal (a prescription exchange, an insurer, a claims
 * clearinghouse): the patient can still compare their files with one of them.
 */
export async function loadOtherNotices(sources: NoticeSources = defaultSources): Promise<Notice[]> {
  return (await allNotices(sources)).filter((notice) => notice.portals.length === 0).sort((a, b) => a.title.localeCompare(b.title));
}

/**
 * The page's wiring. The portal list, the `?portal=` check and the downloads list all use the
 * portals recognised now: the catalogue, then the organisation's and the patient's own portals, so
 * a clinic's myindici tenant can be chosen and its downloads found like a catalogue portal's.
 */
export function pageDeps(search: string, current: CurrentPortals, sources: NoticeSources = defaultSources) {
  return {
    portals: [...(CATALOGUE as readonly Portal[]), ...current.custom.map((custom) => custom.portal)],
    initialPortal: portalFromQuery(search, current.index),
    portalIndex: current.index,
    startReview,
    loadNotices: (portalId: string) => loadPortalNotices(portalId, sources, current.index),
    loadOtherNotices: () => loadOtherNotices(sources),
  };
}

/** `pageDeps` with the current portals read from storage and the policy. */
export async function loadPageDeps(search: string): Promise<ReturnType<typeof pageDeps>> {
  return pageDeps(search, await currentPortals());
}
