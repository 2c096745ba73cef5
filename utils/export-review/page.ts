import { getActiveFeed, noticesForPortal } from '../feed/active-feed';
import type { Notice } from '../feed/schema';
import { CATALOGUE, catalogueIndex, type PortalIndex } from '../portals';
import type { Portal } from '../portals';
import { startReview } from './worker-client';

/** The page to open: `export-review.html`, optionally `?portal=<catalogue id>`. */
export const EXPORT_REVIEW_PATH = '/export-review.html';

/** `?portal=managemyhealth` → `managemyhealth`, if the catalogue has it; anything else → ''. */
export function portalFromQuery(search: string, index: PortalIndex = catalogueIndex): string {
  const id = new URLSearchParams(search).get('portal') ?? '';
  return index.byId(id) ? id : '';
}

/** The notices for one portal from the verified feed (read from storage, never the network). */
export async function loadPortalNotices(portalId: string, getFeed = getActiveFeed): Promise<Notice[]> {
  return noticesForPortal((await getFeed()).feed, portalId);
}

/**
 * Notices about incidents that involved no catalogue portal (a prescription exchange, an insurer,
 * a claims clearinghouse): the patient can still compare their files with one of them.
 */
export async function loadOtherNotices(getFeed = getActiveFeed): Promise<Notice[]> {
  return (await getFeed()).feed.notices.filter((notice) => notice.portals.length === 0).sort((a, b) => a.title.localeCompare(b.title));
}

export function pageDeps(search: string) {
  return {
    portals: CATALOGUE as readonly Portal[],
    initialPortal: portalFromQuery(search),
    startReview,
    loadNotices: (portalId: string) => loadPortalNotices(portalId),
    loadOtherNotices: () => loadOtherNotices(),
  };
}
