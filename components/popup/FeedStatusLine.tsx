import type { FeedStatus } from '@/utils/messaging/protocol';
import { formatAge } from '@/utils/i18n/format';

/** The feed's age and source, and the last update error if there was one. */
export function FeedStatusLine({ feed, now = Date.now() }: { feed: FeedStatus | undefined; now?: number }) {
  if (!feed) {
    return (
      <p class="muted small" data-testid="feed-status">
        The breach-notice feed is not loaded yet.
      </p>
    );
  }
  const source = feed.source === 'bundled' ? 'the copy that came with Portal Guard' : 'the online feed';
  return (
    <footer class="muted small" data-testid="feed-status">
      <p>
        Notices from {source} (edition {feed.sequence}), received {formatAge(feed.receivedAt, now)}
        {feed.lastCheckedAt !== undefined && `; last checked ${formatAge(feed.lastCheckedAt, now)}`}.
      </p>
      {feed.lastError && (
        <p class="error" role="status" data-testid="feed-error">
          The last update check failed: {feed.lastError.reason}. Portal Guard keeps using the last good feed.
        </p>
      )}
    </footer>
  );
}
