import { statusOf } from '../state/active-feed';
import { feedDb, readNotices } from '../state/feed-db';
import type { FeedStatus, ResponseOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { feedCheck, feedMeta, noticeDismissals, portalAccounts, readItem, settings, updateItem, type Settings } from '../state/storage';

/**
 * What the options page shows and changes. Reading only: the stored feed was verified by the
 * background before it was stored, so here it is parsed for titles and never written; a refresh is
 * asked of the background with a protocol message, so it stays the feed's only writer.
 */

export interface OptionsData {
  feed: FeedStatus | undefined;
  settings: Settings;
  dismissed: { id: string; title: string; modified: string }[];
  passwordChanges: { portalId: string; date: string }[];
}

export async function loadOptionsData(now: () => number = Date.now): Promise<OptionsData> {
  const [meta, check, prefs, dismissals, accounts] = await Promise.all([readItem(feedMeta), readItem(feedCheck), readItem(settings), readItem(noticeDismissals), readItem(portalAccounts)]);
  const titles = new Map<string, string>();
  // Only the dismissed notices' titles, read by id from the stored edition (never the whole feed).
  const ids = Object.keys(dismissals);
  if (meta && ids.length > 0) {
    const notices = await feedDb()
      .then((db) => readNotices(db, ids))
      .catch(() => []);
    for (const notice of notices) titles.set(notice.id, notice.title);
  }
  return {
    feed: meta ? statusOf(meta, check, now()) : undefined,
    settings: prefs,
    dismissed: Object.entries(dismissals).map(([id, modified]) => ({ id, title: titles.get(id) ?? id, modified })),
    passwordChanges: Object.entries(accounts).flatMap(([portalId, account]) => (account.passwordChangedOn ? [{ portalId, date: account.passwordChangedOn }] : [])),
  };
}

/**
 * Ask the background to check the feed now (`ui-bg/check-feed-now`). Never rejects: a failed
 * check is recorded by the background as the feed's last problem, which this page shows.
 */
export async function requestFeedRefresh(send = sendMessage<'ui-bg/check-feed-now'>): Promise<ResponseOf<'ui-bg/check-feed-now'>['outcome'] | 'failed'> {
  return send('ui-bg/check-feed-now', {}).then(
    (reply) => reply.outcome,
    () => 'failed' as const,
  );
}

export const setNoticeWindow = (months: number) => updateItem(settings, (current) => ({ ...current, noticeWindowMonths: months }));

export const undismiss = (noticeId: string) =>
  updateItem(noticeDismissals, (all) => {
    const { [noticeId]: _gone, ...rest } = all;
    return rest;
  });

/** Call `onChange` whenever anything the options page shows changes; returns a stop function. */
export function watchOptionsData(onChange: () => void): () => void {
  const stops = [feedMeta, feedCheck, settings, noticeDismissals, portalAccounts].map((registered) => registered.item.watch(() => onChange()));
  return () => stops.forEach((stop) => stop());
}
