import { identifierType } from '@/utils/export-review/identifiers';
import { CATEGORIES, DOCUMENT_KINDS, IDENTITY_FIELDS, type Category, type DocumentKind, type Findings, type IdentityField } from '@/utils/export-review/model';
import type { CrossReference } from '@/utils/export-review/cross-reference';
import type { HighRiskItem } from '@/utils/export-review/summary';
import { formatRange } from './format';

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
      <h2>Summary of a health record export</h2>
      <p>
        Made by Portal Guard on {printedOn}, on this computer, from {files} file{files === 1 ? '' : 's'}. It lists kinds of information only: no identifier numbers, names or file names.
      </p>
      <p>Dates in the record: {formatRange(findings.firstDate, findings.lastDate)}.</p>
      {highRisk.length > 0 ? (
        <>
          <h3>High-risk items</h3>
          <ul>
            {highRisk.map((item) => (
              <li key={item.id}>
                {item.title}. What to do: {item.whatToDo}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>About the patient</h3>
      <p>{(Object.keys(IDENTITY_FIELDS) as IdentityField[]).filter((field) => findings.identity[field]).map((field) => IDENTITY_FIELDS[field]).join(', ') || 'None found'}.</p>
      <h3>Identifier numbers (values not printed)</h3>
      <ul>
        {kinds.length === 0 ? <li>None found.</li> : null}
        {kinds.map((kind) => {
          const found = findings.identifiers.filter((identifier) => identifier.kind === kind);
          return (
            <li key={kind}>
              {identifierType(kind).label}: {found.length === 1 ? 'present' : `${found.length} different numbers`}
            </li>
          );
        })}
      </ul>
      <h3>Health information</h3>
      <ul>
        {(Object.keys(CATEGORIES) as Category[])
          .filter((category) => findings.categories[category]?.count)
          .map((category) => (
            <li key={category}>
              {CATEGORIES[category]}: {findings.categories[category]!.count}
            </li>
          ))}
        {[...documentCounts].map(([kind, count]) => (
          <li key={kind}>
            {DOCUMENT_KINDS[kind]}: {count}
          </li>
        ))}
      </ul>
      {references.map((reference) => (
        <div key={reference.noticeId}>
          <h3>Compared with: {reference.title}</h3>
          {reference.headlines.map((headline) => (
            <p key={headline}>{headline}</p>
          ))}
          <ul>
            {reference.rows
              .filter((row) => row.notice === 'affected')
              .map((row) => (
                <li key={row.dataClass}>
                  {row.label}: {row.status === 'in-export' ? 'in these files' : row.status === 'not-in-export' ? 'not found' : 'cannot be checked'}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
