import { browser } from 'wxt/browser';
import { getActiveFeed, withLocalNotices } from '../state/active-feed';
import type { Sender } from '../messaging/listen';
import type { RequestOf, ResponseOf } from '../messaging/protocol';
import { dismissNotice } from '../state/patient-choices';
import { policyNotices } from '../policy/managed';
import { noticePageUrl } from '../pages';
import { portalIndex } from '../state/current-portals';
import { applyBadge, badgeFor } from './badge';
import { portalNotices } from './portal-notices';
import { getTabSession } from './tab-sessions';

/**
 * What the banner may ask for. Both check that the notice belongs to the portal the sender is on,
 * so a page cannot use our content script to dismiss notices for other portals.
 */

async function noticeOnSenderPortal(noticeId: string, sender: Sender) {
  const lookup = (await portalIndex()).lookupUrl(sender.url ?? '');
  if (lookup.kind !== 'portal') throw new Error('not on a portal');
  const [active, local] = await Promise.all([getActiveFeed().catch(() => undefined), policyNotices()]);
  const notice = withLocalNotices(active?.feed.notices ?? [], local).find((candidate) => candidate.id === noticeId);
  if (!notice || !notice.portals.includes(lookup.match.portal.id)) throw new Error('no such notice for this portal');
  return { notice, match: lookup.match };
}

export async function onDismissNotice({ noticeId }: RequestOf<'cs-bg/dismiss-notice'>, sender: Sender): Promise<ResponseOf<'cs-bg/dismiss-notice'>> {
  const { notice, match } = await noticeOnSenderPortal(noticeId, sender);
  // The `modified` date comes from our feed, not from the page, so a re-arm cannot be forged.
  await dismissNotice(notice);
  const tabId = sender.tab?.id;
  const session = tabId === undefined ? undefined : await getTabSession(tabId);
  if (tabId !== undefined && session) {
    const { relevant } = await portalNotices(match);
    await applyBadge(tabId, badgeFor(match.displayName, session.state, relevant.length));
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
