import type { CrossReference } from '@/utils/export-review/cross-reference';
import { formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

/** One notice set against the files: the dated headline first, then every data class. */
export function CrossReferenceView({ result }: { result: CrossReference }) {
  const affected = result.rows.filter((row) => row.notice === 'affected');
  const inFiles = affected.filter((row) => row.status === 'in-export');
  return (
    <section class="cross-reference" aria-labelledby={`xref-${result.noticeId}`} data-testid="cross-reference">
      <h3 id={`xref-${result.noticeId}`}>{t('exportReview.crossReference.heading', { title: result.title })}</h3>
      {result.headlines.map((headline) => (
        // Two whole sentences, one after the other: what the period holds, then what has no date.
        <p key={headline.dataClass} class="headline" data-testid="xref-headline">
          {headline.text}
          {headline.undated ? ` ${headline.undated}` : null}
        </p>
      ))}
      <p>{t('exportReview.crossReference.summary', affected.length, { count: formatNumber(affected.length), held: formatNumber(inFiles.length) })}</p>
      <table class="data">
        <caption class="visually-hidden">{t('exportReview.crossReference.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('exportReview.crossReference.information')}</th>
            <th scope="col">{t('exportReview.crossReference.noticeSays')}</th>
            <th scope="col">{t('exportReview.crossReference.inFiles')}</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={`${row.notice}-${row.dataClass}`} class={row.notice === 'affected' && row.status === 'in-export' ? 'match' : ''}>
              <th scope="row">{row.label}</th>
              <td data-label={t('exportReview.crossReference.noticeSays')}>
                {row.window
                  ? t(row.notice === 'affected' ? 'exportReview.crossReference.affectedFrom' : 'exportReview.crossReference.notAffectedFrom', { window: row.window.label })
                  : t(row.notice === 'affected' ? 'exportReview.crossReference.affected' : 'exportReview.crossReference.notAffected')}
                {row.noticeNote ? <span class="small muted"> {row.noticeNote}</span> : null}
              </td>
              <td data-label={t('exportReview.crossReference.inFiles')}>
                {row.status === 'in-export' ? <strong>{row.inFiles}</strong> : row.inFiles}
                {row.why ? <span class="small muted"> {row.why}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
