import { CATEGORIES, DOCUMENT_KINDS, IDENTITY_FIELDS, type Category, type Findings, type IdentityField } from '@/utils/export-review/model';
import { personFieldsList } from '@/utils/export-review/summary';
import { formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { formatBytes, formatPartialDate, formatRange } from './format';
import { IdentifierTable } from './IdentifierTable';

/** Titles that only repeat the document's kind in LOINC's words (data compared with the document's own title, not shown). */
const KIND_NAMES = new Set(['summary of episode note', 'discharge summary', 'referral note', 'consult note', 'consultation note', 'history and physical note', 'progress note', 'procedure note', 'laboratory report', 'surgical operation note', 'transfer summary note', 'plan of care note', 'diagnostic imaging study']); // i18n-ignore: LOINC display names to compare with, never shown

/** How many documents the page lists before "and N more". */
const DOCUMENTS_SHOWN = 200;

function dateSpan(dates: Record<string, number>): string {
  const keys = Object.keys(dates).sort();
  return formatRange(keys[0], keys[keys.length - 1]);
}

/** Who the files are about: one person, several (and where their records disagree), or nobody named. */
function People({ findings }: { findings: Findings }) {
  const text =
    findings.patients === 0
      ? t('exportReview.people.none')
      : findings.patients === 1
        ? t('exportReview.people.one')
        : t(findings.patientsOverCap ? 'exportReview.people.severalOverCap' : 'exportReview.people.several', { count: formatNumber(findings.patients), fields: personFieldsList(findings.patientsDifferIn) });
  return (
    <p data-testid="people">{findings.patients > 1 ? <strong>{text}</strong> : text}</p>
  );
}

/** What the files hold: who (identity and numbers), what (categories) and which documents. */
export function SummaryView({ findings }: { findings: Findings }) {
  const identity = (Object.keys(IDENTITY_FIELDS) as IdentityField[]).filter((field) => (findings.identity[field] ?? 0) > 0);
  const categories = (Object.keys(CATEGORIES) as Category[]).filter((category) => (findings.categories[category]?.count ?? 0) > 0);
  const more = findings.documents.length + findings.documentsNotListed - DOCUMENTS_SHOWN;
  return (
    <>
      <section aria-labelledby="identity-heading">
        <h3 id="identity-heading">{t('exportReview.summary.aboutYou')}</h3>
        <People findings={findings} />
        {identity.length === 0 ? (
          <p>{t('exportReview.summary.noIdentity')}</p>
        ) : (
          <ul class="chips" data-testid="identity">
            {identity.map((field) => (
              <li key={field}>{t(IDENTITY_FIELDS[field])}</li>
            ))}
          </ul>
        )}
        {findings.recordNumbers > 0 ? <p>{t('exportReview.summary.recordNumbers', findings.recordNumbers, { count: formatNumber(findings.recordNumbers) })}</p> : null}
      </section>

      <section aria-labelledby="identifiers-heading">
        <h3 id="identifiers-heading">{t('exportReview.summary.identifiersHeading')}</h3>
        <p class="muted small">{t('exportReview.summary.identifiersHint')}</p>
        <IdentifierTable identifiers={findings.identifiers} />
      </section>

      <section aria-labelledby="categories-heading">
        <h3 id="categories-heading">{t('exportReview.summary.healthHeading')}</h3>
        {categories.length === 0 ? (
          <p>{t('exportReview.summary.noHealth')}</p>
        ) : (
          <table class="data" data-testid="categories">
            <caption class="visually-hidden">{t('exportReview.summary.healthCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exportReview.summary.kind')}</th>
                <th scope="col">{t('exportReview.summary.howMany')}</th>
                <th scope="col">{t('exportReview.summary.dated')}</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((category) => {
                const count = findings.categories[category]!;
                const span = dateSpan(count.dates);
                return (
                  <tr key={category}>
                    <th scope="row">{t(CATEGORIES[category])}</th>
                    <td data-label={t('exportReview.summary.howMany')}>{formatNumber(count.count)}</td>
                    <td data-label={t('exportReview.summary.dated')}>
                      {count.undated > 0 && count.undated < count.count ? t('exportReview.summary.datedSomeUndated', count.undated, { range: span, count: formatNumber(count.undated) }) : span}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="documents-heading">
        <h3 id="documents-heading">{t('exportReview.summary.documentsHeading')}</h3>
        {findings.documents.length === 0 ? (
          <p>{t('exportReview.summary.noDocuments')}</p>
        ) : (
          <table class="data" data-testid="documents">
            <caption class="visually-hidden">{t('exportReview.summary.documentsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exportReview.summary.kind')}</th>
                <th scope="col">{t('exportReview.summary.date')}</th>
                <th scope="col">{t('exportReview.summary.file')}</th>
              </tr>
            </thead>
            <tbody>
              {findings.documents.slice(0, DOCUMENTS_SHOWN).map((document, index) => {
                const kind = t(DOCUMENT_KINDS[document.kind]);
                return (
                  <tr key={index}>
                    <th scope="row">
                      {kind}
                      {document.title && document.title !== kind && !KIND_NAMES.has(document.title.toLowerCase()) ? <span class="small muted"> {t('exportReview.summary.documentTitle', { title: document.title })}</span> : null}
                    </th>
                    <td data-label={t('exportReview.summary.date')}>
                      {document.date ? formatPartialDate(document.date) : document.fileDate ? t('exportReview.summary.fileSaved', { date: formatPartialDate(document.fileDate) }) : t('exportReview.noDates')}
                    </td>
                    <td class="path" data-label={t('exportReview.summary.file')}>
                      {document.path}
                      {document.size !== undefined ? <span class="small muted"> {t('exportReview.summary.documentSize', { size: formatBytes(document.size) })}</span> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {more > 0 ? <p>{t('exportReview.summary.more', more, { count: formatNumber(more) })}</p> : null}
      </section>
    </>
  );
}
