import { browser, type Browser } from 'wxt/browser';
import { forgetActiveFeed, getActiveFeed, watchStoredFeed } from '../state/active-feed';
import { FEED_ALARM, REFRESH_PERIOD_MINUTES, STARTUP_CHECK_AFTER_MS } from '../feed/config';
import { updateFeed, type UpdateResult } from '../state/feed-update';
import { feedSource } from '../policy/feed-source';
import { feedCheck, readItem } from '../state/storage';
import type { RequestOf, ResponseOf } from '../messaging/protocol';

/**
 * Make sure a feed is installed, then check for an update and use it if one was stored. Runs one
 * at a time: the alarm and a startup check may fire together.
 */
let running: Promise<UpdateResult> | undefined;
export function refreshFeed(update: () => Promise<UpdateResult> = async () => updateFeed(await feedSource())): Promise<UpdateResult> {
  running ??= (async () => {
    try {
      await getActiveFeed().catch(() => undefined);
      const result = await update();
      // The new edition is in the store: the next read loads it (watchStoredFeed also sees feedMeta change).
      if (result.outcome === 'updated') forgetActiveFeed();
      return result;
    } finally {
      running = undefined;
    }
  })();
  return running;
}

/**
 * The options page's "Check for updates now" (`ui-bg/check-feed-now`): the same one-at-a-time
 * refresh the alarm runs, answered when it is over. The page used to create the alarm itself,
 * which replaced the 12-hour schedule with a one-shot; now only the background touches it.
 */
export async function onCheckFeedNow(_request: RequestOf<'ui-bg/check-feed-now'>, refresh: () => Promise<UpdateResult> = refreshFeed): Promise<ResponseOf<'ui-bg/check-feed-now'>> {
  return { ok: true, outcome: (await refresh()).outcome };
}

export interface FeedRefreshOptions {
  alarms?: typeof browser.alarms;
  refresh?: () => Promise<unknown>;
  now?: () => number;
}

/**
 * Start refreshing: now, if the last check is more than an hour old (an MV3 background starts many
 * times a day), and on the alarm. The alarm is created only when missing, because re-creating it
 * on every start would push its first run back each time. Returns a function that removes the
 * listeners (the alarm itself stays registered with the browser, as it should across restarts).
 */
export function startFeedRefresh({ alarms = browser.alarms, refresh = refreshFeed, now = Date.now }: FeedRefreshOptions = {}): () => void {
  const onAlarm = (alarm: Browser.alarms.Alarm) => {
    if (alarm.name === FEED_ALARM) void refresh().catch(() => {});
  };
  alarms.onAlarm.addListener(onAlarm);
  const unwatch = watchStoredFeed();

  void (async () => {
    if (!(await alarms.get(FEED_ALARM))) await alarms.create(FEED_ALARM, { periodInMinutes: REFRESH_PERIOD_MINUTES, delayInMinutes: REFRESH_PERIOD_MINUTES });
    const { lastCheckedAt } = await readItem(feedCheck);
    if (lastCheckedAt === undefined || now() - lastCheckedAt > STARTUP_CHECK_AFTER_MS) await refresh();
  })().catch(() => {});

  return () => {
    alarms.onAlarm.removeListener(onAlarm);
    unwatch();
  };
}
