import type { TrackerSummary } from '@/utils/messaging/protocol';
import { formatDay, formatList } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

/** "Meta (Pixel)": the company, then its product. */
export const trackerName = (tracker: Pick<TrackerSummary, 'vendor' | 'product'>) => t('trackers.vendorProduct', { vendor: tracker.vendor, product: tracker.product });

/**
 * One portal's trackers, in full: hosts, the parameter names that carried page content, first and
 * last seen. Everything here is text (names from our own list, hosts and names the background
 * checked against its patterns), rendered as text.
 */
export function TrackerFacts({ trackers }: { trackers: readonly TrackerSummary[] }) {
  return (
    <ul class="trackers" data-testid="tracker-facts">
      {trackers.map((tracker) => (
        <li key={`${tracker.vendor} ${tracker.product}`} data-testid="tracker-fact">
          <strong>{trackerName(tracker)}</strong>
          <br />
          <span class="small">{t('trackers.page.hosts', { hosts: formatList(tracker.hosts, 'unit') })}</span>
          <br />
          <span class="small" data-testid="tracker-fact-params">
            {tracker.params.length > 0 ? t('trackers.page.params', { params: formatList(tracker.params, 'unit') }) : t('trackers.page.noParams')}
          </span>
          <br />
          <span class="muted small">{t('trackers.page.seen', { first: formatDay(tracker.firstSeen), last: formatDay(tracker.lastSeen) })}</span>
        </li>
      ))}
    </ul>
  );
}
