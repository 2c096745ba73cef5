import { formatDate } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

/**
 * "Breach notices may be out of date since 27 Nov 2026": the index expired, or no new signed data
 * arrived for STALE_AFTER_DAYS (docs/feed.md, "How the extension updates"). In the popup and on the options page.
 */
export function FeedStaleWarning({ since }: { since: string }) {
  return (
    <p class="warning" role="status" data-testid="feed-stale">
      {t('popup.feed.stale', { date: formatDate(since) })}
    </p>
  );
}
