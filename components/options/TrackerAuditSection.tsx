import { useEffect, useState } from 'preact/hooks';
import { formatList } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { clearPortalTrackers, loadTrackerAudit, setTrackerAudit, watchTrackerAudit, type TrackerAuditData } from '@/utils/options/tracker-audit';
import { trackersPageUrl } from '@/utils/pages';
import { TrackerFacts, trackerName } from '../trackers/TrackerFacts';

export interface TrackerAuditDeps {
  load: () => Promise<TrackerAuditData>;
  save: (enabled: boolean) => Promise<void>;
  clear: (portalId: string) => Promise<void>;
}

const defaultDeps: TrackerAuditDeps = { load: loadTrackerAudit, save: setTrackerAudit, clear: clearPortalTrackers };

/**
 * The tracker audit on the settings page (docs/trackers.md): the switch (on by default; read-only
 * when the organisation's `trackerAudit` decides), and each portal's trackers with a Clear button.
 */
export function TrackerAuditSection({ deps = defaultDeps }: { deps?: TrackerAuditDeps }) {
  const [data, setData] = useState<TrackerAuditData | undefined>();
  useEffect(() => {
    const reload = () => void deps.load().then(setData, () => {});
    reload();
    return watchTrackerAudit(reload);
  }, [deps]);
  if (!data) return null;
  const { setting } = data;

  return (
    <section aria-labelledby="trackers-heading" data-testid="options-trackers">
      <h2 id="trackers-heading">{t('trackers.options.heading')}</h2>
      <p>
        <label>
          <input type="checkbox" data-testid="tracker-audit" checked={setting.on} disabled={setting.locked} aria-describedby="trackers-help" onChange={(event) => void deps.save(event.currentTarget.checked)} />{' '}
          {t('trackers.options.label')}
        </label>
        {setting.locked && (
          <>
            {' '}
            <span class="badge-org" data-testid="tracker-audit-locked">
              {t('options.setByOrganization')}
            </span>
          </>
        )}
        <br />
        <span id="trackers-help" class="muted small">
          {t('trackers.options.help')}
        </span>
      </p>
      {data.portals.length === 0 ? (
        <p data-testid="trackers-none">{t('trackers.options.none')}</p>
      ) : (
        data.portals.map((portal) => (
          <details key={portal.portalId} data-testid="portal-trackers" data-portal={portal.portalId}>
            <summary>
              <strong>{portal.name}</strong>: {formatList(portal.trackers.map(trackerName))}
            </summary>
            <TrackerFacts trackers={portal.trackers} />
            <p>
              <button type="button" class="secondary" data-testid="clear-trackers" aria-label={t('trackers.options.clearLabel', { portal: portal.name })} onClick={() => void deps.clear(portal.portalId)}>
                {t('trackers.options.clear')}
              </button>{' '}
              <a href={trackersPageUrl({ portal: portal.portalId })} target="_blank" rel="noopener">
                {t('trackers.options.explain')}
              </a>
            </p>
          </details>
        ))
      )}
    </section>
  );
}
