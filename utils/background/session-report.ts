import type { Sender } from '../messaging/listen';
import type { RequestOf, ResponseOf } from '../messaging/protocol';
import { portalIndex } from '../state/current-portals';
import { applyBadge, badgeFor } from './badge';
import { probeWanted } from './guide-actions';
import { completeDetection, isCataloguePortal, platformSignalTable } from './platform-signals';
import { portalNotices, toBannerNotice } from './portal-notices';
import { setTabSession } from './tab-sessions';
import { trackerDomainsFor } from './tracker-audit';

/**
 * A content script reported its page's session state. The portal is identified from `sender.url`
 * (what the browser says the frame's URL is), never from the payload: a hostile page can make our
 * content script see anything, but not change where it runs. The reply carries the notices to
 * show in the banner.
 */
export async function onSessionReport(
  report: RequestOf<'cs-bg/session'>,
  sender: Sender,
  { now = Date.now, badge = applyBadge, notices = portalNotices, probe = probeWanted, index = portalIndex, trackers = trackerDomainsFor } = {},
): Promise<ResponseOf<'cs-bg/session'>> {
  const tabId = sender.tab?.id;
  const url = sender.url;
  if (tabId === undefined || url === undefined) return { ok: true, notices: [] };
  // The catalogue plus the organisation's and the patient's own portals (utils/state/current-portals.ts).
  const lookup = (await index()).lookupUrl(url);
  if (lookup.kind !== 'portal') return { ok: true, notices: [] };
  const { match } = lookup;

  // Origin from the browser, path from the page; no query or fragment, which can carry tokens.
  const pageUrl = `${new URL(url).origin}${report.path}`;
  // On a host the patient or organisation added, the page may say which platform it runs (the
  // watch flow reads it from the tab's session); on a catalogue host the catalogue already knows.
  const custom = !isCataloguePortal(match.portal);
  const platform = custom && report.detection ? completeDetection(report.detection, url, report.state) : undefined;
  await setTabSession(tabId, { state: report.state, evidence: report.evidence, detectedAt: now(), url: pageUrl, ...(platform ? { platform } : {}) });
  const { relevant } = await notices(match);
  await badge(tabId, badgeFor(match.displayName, report.state, relevant.length));
  // The tracker audit's domains, only for a signed-in page with the audit on (tracker-audit.ts).
  const audit = await trackers(report.state).catch(() => undefined);
  return {
    ok: true,
    notices: relevant.map(({ notice }) => toBannerNotice(match, notice)),
    ...(match.portal.signals ? { signals: match.portal.signals } : {}),
    ...(custom ? { platforms: platformSignalTable() } : {}),
    ...((await probe(match, new URL(url).origin, now())) ? { probeChangePassword: true as const } : {}),
    ...(audit ? { trackers: audit } : {}),
  };
}
