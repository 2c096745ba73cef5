import { STEP_INFO } from '@/utils/guide/steps';
import type { GuideSummary as Summary } from '@/utils/guide/state';
import { formatList, formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

/** What the patient did, what they skipped, and what is still worth doing. */
export function GuideSummary({ portalName, summary, changedOn, finishedOn, onRestart }: { portalName: string; summary: Summary; changedOn: string | undefined; finishedOn: string; onRestart: () => void }) {
  return (
    <section class="summary" aria-labelledby="summary-heading" data-testid="guide-summary" tabIndex={-1}>
      <h2 id="summary-heading">{t('guide.summary.heading', { portal: portalName })}</h2>
      <p>{t('guide.summary.finished', { date: finishedOn })}</p>
      {summary.passwordChanged ? (
        <p class="ok" data-testid="guide-summary-changed">
          {changedOn ? t('guide.summary.changedOn', { date: changedOn, portal: portalName }) : t('guide.summary.changed', { portal: portalName })}
        </p>
      ) : (
        <p class="warning" data-testid="guide-summary-changed">
          {t('guide.summary.skippedChange', { portal: portalName })}
        </p>
      )}
      {summary.done.length > 0 && (
        <>
          <h3>{t('guide.summary.done')}</h3>
          <ul>
            {summary.done.map((step) => (
              <li key={step}>{t(STEP_INFO[step].title)}</li>
            ))}
          </ul>
        </>
      )}
      {summary.skipped.length > 0 && (
        <>
          <h3>{t('guide.summary.skipped')}</h3>
          <ul>
            {summary.skipped.map((step) => (
              <li key={step}>{t(STEP_INFO[step].title)}</li>
            ))}
          </ul>
        </>
      )}
      {summary.sites.stillToChange.length > 0 && (
        <p data-testid="guide-summary-sites">{t('guide.summary.stillToChange', { sites: formatList(summary.sites.stillToChange, 'unit') })}</p>
      )}
      {summary.sites.total > 0 && summary.sites.stillToChange.length === 0 && <p>{t('guide.summary.allChanged', summary.sites.total, { count: formatNumber(summary.sites.total) })}</p>}
      <button type="button" class="secondary" onClick={onRestart}>
        {t('guide.summary.restart')}
      </button>
    </section>
  );
}
