import type { PortalSummary, TrackerSummary } from '@/utils/messaging/protocol';
import { formatDay, formatList } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { trackersPageUrl } from '@/utils/pages';
import { trackerName } from '../trackers/TrackerFacts';

/**
 * The tracker audit's line on the portal card (docs/trackers.md): which companies this portal's
 * signed-in pages sent data to, when each was first seen, and the names of the parameters that
 * carried page content, with a link to what it means and where to complain.
 */
export function TrackerLine({ portal, trackers }: { portal: PortalSummary; trackers: readonly TrackerSummary[] }) {
  if (trackers.length === 0) return null;
  return (
    <section class="card trackers" aria-labelledby="trackers-heading" data-testid="trackers">
      <h2 id="trackers-heading">{t('trackers.popup.heading')}</h2>
      <p data-testid="trackers-summary">{t('trackers.popup.summary', { trackers: formatList(trackers.map(trackerName)) })}</p>
      <ul class="small">
        {trackers.map((tracker) => (
          <li key={`${tracker.vendor} ${tracker.product}`} data-testid="tracker">
            {t('trackers.popup.firstSeen', { tracker: trackerName(tracker), date: formatDay(tracker.firstSeen) })}
            {tracker.params.length > 0 && (
              <>
                {' '}
                <span class="muted" data-testid="tracker-params">
                  {t('trackers.popup.params', { params: formatList(tracker.params, 'unit') })}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <p class="small">
        <a href={trackersPageUrl({ portal: portal.id })} target="_blank" rel="noopener" data-testid="trackers-explain">
          {t('trackers.popup.explain')}
        </a>
      </p>
    </section>
  );
}
