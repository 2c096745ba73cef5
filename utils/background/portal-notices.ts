import { dataClassLabel } from '../feed/data-class-label';
import { noticeText } from '../notices/notice-text';
import type { Notice } from '../feed/schema';
import { getActiveFeed, noticesForMatch, withLocalNotices, type ActiveFeed } from '../state/active-feed';
import type { BannerNotice } from '../messaging/protocol';
import { relevantNotices, type NoticeChoices, type RelevantNotice } from '../state/patient-choices';
import { policyNotices } from '../policy/managed';
import type { PortalMatch } from '../portals';
import { formatDate, formatList } from '../i18n/format';
import { t } from '../i18n/t';
import { markedName } from '../portals/review-mark';

/**
 * A portal's notices, split into the ones to show now (relevance rules plus the patient's own
 * choices) and the rest. Shared by the badge, the banner and the popup so they always agree.
 *
 * A notice belongs to the portal by its portal id or by its organisation's registrable domains
 * (`utils/notices/notice-index.ts`). They come from the verified feed and from the managed policy's `localNotices` (an
 * organisation's notices for its own patients, docs/deploy.md). A local notice with the id of a
 * feed notice is ignored: the signed feed is the authority on its own notices.
 */
export interface PortalNotices {
  relevant: RelevantNotice[];
  /** Notices for this portal that are dismissed, old, or covered by a password change. */
  others: Notice[];
  active: ActiveFeed | undefined;
}

export async function portalNotices(match: PortalMatch, { feed = getActiveFeed, now = () => new Date(), local = policyNotices, choices }: { feed?: () => Promise<ActiveFeed>; now?: () => Date; local?: () => Promise<Notice[]>; choices?: Promise<NoticeChoices> } = {}): Promise<PortalNotices> {
  const [active, fromPolicy] = await Promise.all([feed().catch(() => undefined), local().catch(() => [])]);
  const notices = withLocalNotices(active?.feed.notices ?? [], fromPolicy);
  if (notices.length === 0) return { relevant: [], others: [], active };
  const all = noticesForMatch(notices, match);
  const relevant = await relevantNotices(match.portal.id, all, now(), choices);
  const shown = new Set(relevant.map(({ notice }) => notice.id));
  return { relevant, others: all.filter((notice) => !shown.has(notice.id)), active };
}

/** "You are on portal.managemyhealth.co.nz, which is Manage My Health; notice added 1 Jan 2026." */
export function whyShown(match: PortalMatch, notice: Notice): string {
  return t('notice.why', { host: match.host, portal: markedName(match.displayName, match.portal.addedBy), date: formatDate(notice.added) });
}

export function toBannerNotice(match: PortalMatch, notice: Notice): BannerNotice {
  const official = notice.links.find((link) => link.official);
  return {
    id: notice.id,
    title: noticeText(notice).title,
    why: whyShown(match, notice),
    taken: formatList(notice.dataClasses.map(dataClassLabel), 'unit'),
    ...(notice.notAffected.length ? { notTaken: formatList(notice.notAffected.map(dataClassLabel), 'unit') } : {}),
    ...(official ? { officialUrl: official.url } : {}),
  };
}
