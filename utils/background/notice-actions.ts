import { browser } from 'wxt/browser';
import { getActiveFeed, withLocalNotices } from '../state/active-feed';
import type { Sender } from '../messaging/listen';
import type { RequestOf, ResponseOf } from '../messaging/protocol';
import { dismissNotice } from '../state/patient-choices';
import { policyNotices } from '../policy/managed';
import { noticeIndex } from '../notices/notice-index';
import { noticePageUrl } from '../pages';
import { portalIndex } from '../state/current-portals';
import { applyBadge, badgeFor } from './badge';
import { portalNotices } from './portal-notices';
import { allTabSessions } from './tab-sessions';

/**
 * What the banner may ask for: open a notice's page, for a notice that belongs to the portal the
 * sender is on (by portal id or by the registrable domain of the sender's host, the banner's own
 * rule), so a page cannot use our content script to act on other portals' notices. The banner
 * cannot dismiss: a portal page can cover the banner with its own picture and let the patient's
 * real click fall through onto Dismiss (issue 14, item 1), so the banner's Dismiss only opens the
 * notice page at "Stop showing this notice?", and the dismissal is saved from there
 * (`ui-bg/dismiss-notice`), a page no portal can draw over.
 */

async function noticeOnSenderPortal(noticeId: string, sender: Sender) {
  const lookup = (await portalIndex()).lookupUrl(sender.url ?? '');
  if (lookup.kind !== 'portal') throw new Error('not on a portal');
  const [active, local] = await Promise.all([getActiveFeed().catch(() => undefined), policyNotices()]);
  const notices = withLocalNotices(active?.feed.notices ?? [], local);
  const notice = notices.find((candidate) => candidate.id === noticeId);
  if (!notice || !noticeIndex(notices).applies(notice, lookup.match)) throw new Error('no such notice for this portal');
  return { notice, match: lookup.match };
}

/**
 * The patient confirmed the dismissal on the notice page. The `modified` date comes from our
 * feed, not from the page, so a re-arm cannot be forged; then every tab on one of the notice's
 * portals gets its badge recounted.
 */
export async function onConfirmDismiss({ noticeId }: RequestOf<'ui-bg/dismiss-notice'>, { index = portalIndex, sessions = allTabSessions, badge = applyBadge } = {}): Promise<ResponseOf<'ui-bg/dismiss-notice'>> {
  const [active, local] = await Promise.all([getActiveFeed().catch(() => undefined), policyNotices()]);
  const notices = withLocalNotices(active?.feed.notices ?? [], local);
  const notice = notices.find((candidate) => candidate.id === noticeId);
  if (!notice) throw new Error('no such notice');
  await dismissNotice(notice);
  const [portals, tabs] = await Promise.all([index(), sessions()]);
  const rule = noticeIndex(notices);
  for (const [tabId, session] of Object.entries(tabs)) {
    const lookup = portals.lookupUrl(session.url);
    // The banner's own rule (portal id or organisation domain), so a watched host's tab is recounted too.
    if (lookup.kind !== 'portal' || !rule.applies(notice, lookup.match)) continue;
    const { relevant } = await portalNotices(lookup.match);
    await badge(Number(tabId), badgeFor(lookup.match.displayName, session.state, relevant.length));
  }
  return { ok: true };
}

export async function onOpenNotice({ noticeId, section }: RequestOf<'cs-bg/open-notice'>, sender: Sender, tabs = browser.tabs): Promise<ResponseOf<'cs-bg/open-notice'>> {
  const { notice, match } = await noticeOnSenderPortal(noticeId, sender);
  const opener = sender.tab;
  await tabs.create({
    url: noticePageUrl({ id: notice.id, portal: match.portal.id, host: match.host, section }),
    ...(opener?.id !== undefined ? { openerTabId: opener.id, index: opener.index + 1 } : {}),
  });
  return { ok: true };
}
