import { useEffect, useState } from 'preact/hooks';
import { t, type PlainKey } from '@/utils/i18n/t';
import { loadTrackerAudit, watchTrackerAudit, type TrackerAuditData } from '@/utils/options/tracker-audit';
import { optionsPageUrl, parseTrackersPage } from '@/utils/pages';
import { TrackerFacts } from './TrackerFacts';

/**
 * Where to complain, with each regulator's own complaint page (https, fixed here, never from
 * data). The portal's own country comes first.
 */
export const COMPLAINT_ROUTES = [
  { country: 'US', regulator: 'trackers.page.regulatorUs', countryName: 'trackers.page.countryUs', url: 'https://www.hhs.gov/ocr/complaints/index.html' },
  { country: 'NZ', regulator: 'trackers.page.regulatorNz', countryName: 'trackers.page.countryNz', url: 'https://www.privacy.org.nz/your-rights/making-a-complaint/' },
  { country: 'UK', regulator: 'trackers.page.regulatorUk', countryName: 'trackers.page.countryUk', url: 'https://ico.org.uk/make-a-complaint/' },
  { country: 'AU', regulator: 'trackers.page.regulatorAu', countryName: 'trackers.page.countryAu', url: 'https://www.oaic.gov.au/privacy/privacy-complaints' },
  { country: 'CA', regulator: 'trackers.page.regulatorCa', countryName: 'trackers.page.countryCa', url: 'https://www.priv.gc.ca/en/report-a-concern/' },
] as const satisfies readonly { country: string; regulator: PlainKey; countryName: PlainKey; url: `https://${string}` }[];

/** HHS OCR's bulletin on online tracking technologies (updated after AHA v. Becerra, June 2024). */
export const HHS_TRACKING_GUIDANCE = 'https://www.hhs.gov/hipaa/for-professionals/privacy/guidance/hipaa-online-tracking/index.html';

/**
 * The tracker audit's explanation (`trackers.html?portal=…`, utils/pages.ts): what the portal's
 * trackers are, what that means, what the operator is responsible for, and where to complain.
 * Read-only: it sends no message, so the background refuses every `ui-bg/` message from it.
 */
export function TrackersPage({ search = location.search, load = loadTrackerAudit }: { search?: string; load?: () => Promise<TrackerAuditData> }) {
  const page = parseTrackersPage(search);
  const portalId = page.ok ? page.params.portal : undefined;
  const [data, setData] = useState<TrackerAuditData | undefined>();

  useEffect(() => {
    const reload = () => void load().then(setData, () => setData({ setting: { on: true, locked: false }, portals: [] }));
    reload();
    return watchTrackerAudit(reload);
  }, [load]);

  const portal = data?.portals.find((entry) => entry.portalId === portalId);
  const routes = [...COMPLAINT_ROUTES].sort((a, b) => Number(b.country === portal?.country) - Number(a.country === portal?.country));
  return (
    <main data-testid="trackers-page">
      <h1>{t('trackers.page.heading')}</h1>
      {portalId !== undefined && data && (
        <section aria-labelledby="seen-heading" data-testid="trackers-seen">
          {portal ? (
            <>
              <p id="seen-heading">{t('trackers.page.seenOn', { portal: portal.name })}</p>
              <TrackerFacts trackers={portal.trackers} />
            </>
          ) : (
            <p id="seen-heading">{page.ok ? t('trackers.page.nothingSeen') : t('trackers.page.unknownPortal')}</p>
          )}
        </section>
      )}

      <h2>{t('trackers.page.meansHeading')}</h2>
      <p>{t('trackers.page.means1')}</p>
      <p>{t('trackers.page.means2')}</p>

      <h2>{t('trackers.page.seesHeading')}</h2>
      <p>{t('trackers.page.sees')}</p>

      <h2>{t('trackers.page.operatorHeading')}</h2>
      <p>{t('trackers.page.operatorUs')}</p>
      <p>
        <a href={HHS_TRACKING_GUIDANCE} target="_blank" rel="noopener noreferrer">
          {t('trackers.page.guidance')}
        </a>
      </p>
      <p>{t('trackers.page.operatorElsewhere')}</p>

      <h2>{t('trackers.page.doHeading')}</h2>
      <p>{t('trackers.page.do1')}</p>
      <h3>{t('trackers.page.complaintsHeading')}</h3>
      <ul data-testid="complaint-routes">
        {routes.map((route) => (
          <li key={route.country}>
            <a href={route.url} target="_blank" rel="noopener noreferrer" data-testid={`complain-${route.country.toLowerCase()}`}>
              {t('trackers.page.complaint', { regulator: t(route.regulator), country: t(route.countryName) })}
            </a>
          </li>
        ))}
      </ul>
      <p class="muted">
        {t('trackers.page.settings')}{' '}
        <a href={optionsPageUrl()} target="_blank" rel="noopener">
          {t('trackers.page.openSettings')}
        </a>
      </p>
    </main>
  );
}
