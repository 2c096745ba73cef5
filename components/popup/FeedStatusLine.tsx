import type { FeedStatus } from '@/utils/messaging/protocol';
import { formatAge } from '@/utils/i18n/format';
import { FeedStaleWarning } from '../shared/FeedStaleWarning';
import { t } from '@/utils/i18n/t';

/** The feed's age and source, and the last update error if there was one. */
export function FeedStatusLine({ feed, now = Date.now() }: { feed: FeedStatus | undefined; now?: number }) {
  if (!feed) {
    return (
      <p class="muted small" data-testid="feed-status">
        {t('popup.feed.notLoaded')}
      </p>
    );
  }
  // The edition is a serial number, not a quantity: no thousands separator.
  const edition = String(feed.sequence);
  const age = formatAge(feed.receivedAt, now);
  // Whole sentences per case, so a translator never has to match up pieces.
  const line =
    feed.lastCheckedAt === undefined
      ? t(feed.source === 'bundled' ? 'popup.feed.bundled' : 'popup.feed.online', { edition, age })
      : t(feed.source === 'bundled' ? 'popup.feed.bundledChecked' : 'popup.feed.onlineChecked', { edition, age, checked: formatAge(feed.lastCheckedAt, now) });
  return (
    <>
      {feed.staleSince && <FeedStaleWarning since={feed.staleSince} />}
      <footer class="muted small" data-testid="feed-status">
        <p>{line}</p>
        {feed.lastError && (
          <p class="error" role="status" data-testid="feed-error">
            {t('popup.feed.error', { reason: feed.lastError.reason })}
          </p>
        )}
      </footer>
    </>
  );
}

