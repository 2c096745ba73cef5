import { identifierType } from '@/utils/export-review/identifiers';
import { CATEGORIES, DOCUMENT_KINDS, IDENTITY_FIELDS, type Category, type DocumentKind, type Findings, type IdentityField } from '@/utils/export-review/model';
import type { CrossReference } from '@/utils/export-review/cross-reference';
import type { HighRiskItem } from '@/utils/export-review/summary';
import { formatRange } from './format';
import { formatList, formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

/** "Name, Date of birth.", or "None found." */
function identityLine(findings: Findings): string {
  const fields = (Object.keys(IDENTITY_FIELDS) as IdentityField[]).filter((field) => findings.identity[field]).map((field) => t(IDENTITY_FIELDS[field]));
  return fields.length === 0 ? t('exportReview.print.noneFound') : t('exportReview.print.fields', { fields: formatList(fields, 'unit') });
}

/**
 * The printable summary. It names the kinds of identifier found but never a number, not even the
 * masked last digits, and no file names: a printout can be left on a shared printer.
 */
export function PrintSummary({ findings, files, highRisk, references, printedOn }: { findings: Findings; files: number; highRisk: readonly HighRiskItem[]; references: readonly CrossReference[]; printedOn: string }) {
  const kinds = [...new Set(findings.identifiers.map((found) => found.kind))];
  const documentCounts = new Map<DocumentKind, number>();
  for (const document of findings.documents) documentCounts.set(document.kind, (documentCounts.get(document.kind) ?? 0) + 1);
  return (
    <section class="print-only" aria-hidden="true" data-testid="print-summary">
      <h2>{t('exportReview.print.heading')}</h2>
      <p>{t('exportReview.print.madeBy', files, { date: printedOn, count: formatNumber(files) })}</p>
      <p>{t('exportReview.print.dates', { range: formatRange(findings.firstDate, findings.lastDate) })}</p>
      {highRisk.length > 0 ? (
        <>
          <h3>{t('exportReview.print.highRisk')}</h3>
          <ul>
            {highRisk.map((item) => (
              <li key={item.id}>
                {t('exportReview.print.highRiskItem', { title: item.title, whatToDo: item.whatToDo })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t('exportReview.print.patient')}</h3>
      <p>{identityLine(findings)}</p>
      <h3>{t('exportReview.print.identifiers')}</h3>
      <ul>
        {kinds.length === 0 ? <li>{t('exportReview.print.noneFound')}</li> : null}
        {kinds.map((kind) => {
          const found = findings.identifiers.filter((identifier) => identifier.kind === kind);
          return (
            <li key={kind}>
              {t('exportReview.print.identifierCount', found.length, { type: t(identifierType(kind).label), count: formatNumber(found.length) })}
            </li>
          );
        })}
      </ul>
      <h3>{t('exportReview.print.health')}</h3>
      <ul>
        {(Object.keys(CATEGORIES) as Category[])
          .filter((category) => findings.categories[category]?.count)
          .map((category) => (
            <li key={category}>
              {t('exportReview.print.count', { label: t(CATEGORIES[category]), count: formatNumber(findings.categories[category]!.count) })}
            </li>
          ))}
        {[...documentCounts].map(([kind, count]) => (
          <li key={kind}>
            {t('exportReview.print.count', { label: t(DOCUMENT_KINDS[kind]), count: formatNumber(count) })}
          </li>
        ))}
      </ul>
      {references.map((reference) => (
        <div key={reference.noticeId}>
          <h3>{t('exportReview.print.compared', { title: reference.title })}</h3>
          {reference.headlines.map((headline) => (
            <p key={headline.dataClass}>
              {headline.text}
              {headline.undated ? ` ${headline.undated}` : null}
            </p>
          ))}
          <ul>
            {reference.rows
              .filter((row) => row.notice === 'affected')
              .map((row) => (
                <li key={row.dataClass}>
                  {t(row.status === 'in-export' ? 'exportReview.print.inFiles' : row.status === 'not-in-export' ? 'exportReview.print.notFound' : 'exportReview.print.cannotCheck', { label: row.label })}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
