import { CATEGORIES, DOCUMENT_KINDS, IDENTITY_FIELDS, type Category, type Findings, type IdentityField } from '@/utils/export-review/model';
import { formatBytes, formatPartialDate, formatRange } from './format';
import { IdentifierTable } from './IdentifierTable';

/** Titles that only repeat the document's kind in LOINC's words. */
const KIND_NAMES = new Set(['summary of episode note', 'discharge summary', 'referral note', 'consult note', 'consultation note', 'history and physical note', 'progress note', 'procedure note', 'laboratory report']);

/** How many documents the page lists before "and N more". */
const DOCUMENTS_SHOWN = 200;

function dateSpan(dates: Record<string, number>): string {
  const keys = Object.keys(dates).sort();
  return keys.length === 0 ? 'no dates' : formatRange(keys[0], keys[keys.length - 1]);
}

/** What the files hold: who (identity and numbers), what (categories) and which documents. */
export function SummaryView({ findings }: { findings: Findings }) {
  const identity = (Object.keys(IDENTITY_FIELDS) as IdentityField[]).filter((field) => (findings.identity[field] ?? 0) > 0);
  const categories = (Object.keys(CATEGORIES) as Category[]).filter((category) => (findings.categories[category]?.count ?? 0) > 0);
  return (
    <>
      <section aria-labelledby="identity-heading">
        <h3 id="identity-heading">About you</h3>
        {identity.length === 0 ? (
          <p>No names, dates of birth, addresses or contact details were found.</p>
        ) : (
          <ul class="chips" data-testid="identity">
            {identity.map((field) => (
              <li key={field}>{IDENTITY_FIELDS[field]}</li>
            ))}
          </ul>
        )}
        {findings.recordNumbers > 0 ? <p>{findings.recordNumbers} other record or member number{findings.recordNumbers === 1 ? '' : 's'} (such as a hospital record number) also identify you.</p> : null}
      </section>

      <section aria-labelledby="identifiers-heading">
        <h3 id="identifiers-heading">National identifier numbers</h3>
        <p class="muted small">Numbers are partly hidden. Use “Show” only where nobody can see your screen.</p>
        <IdentifierTable identifiers={findings.identifiers} />
      </section>

      <section aria-labelledby="categories-heading">
        <h3 id="categories-heading">Health information</h3>
        {categories.length === 0 ? (
          <p>No diagnoses, medications, results or other health entries were found.</p>
        ) : (
          <table class="data" data-testid="categories">
            <caption class="visually-hidden">Kinds of health information, with how many and when</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">How many</th>
                <th scope="col">Dated</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((category) => {
                const count = findings.categories[category]!;
                return (
                  <tr key={category}>
                    <th scope="row">{CATEGORIES[category]}</th>
                    <td data-label="How many">{count.count.toLocaleString('en')}</td>
                    <td data-label="Dated">
                      {dateSpan(count.dates)}
                      {count.undated > 0 && count.undated < count.count ? ` (${count.undated} undated)` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="documents-heading">
        <h3 id="documents-heading">Documents and letters</h3>
        {findings.documents.length === 0 ? (
          <p>No documents or letters were found.</p>
        ) : (
          <table class="data" data-testid="documents">
            <caption class="visually-hidden">Documents found, with their kind, date and file</caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Date</th>
                <th scope="col">File</th>
              </tr>
            </thead>
            <tbody>
              {findings.documents.slice(0, DOCUMENTS_SHOWN).map((document, index) => (
                <tr key={index}>
                  <th scope="row">
                    {DOCUMENT_KINDS[document.kind]}
                    {document.title && document.title !== DOCUMENT_KINDS[document.kind] && !KIND_NAMES.has(document.title.toLowerCase()) ? <span class="small muted"> ({document.title})</span> : null}
                  </th>
                  <td data-label="Date">{document.date ? formatPartialDate(document.date) : document.fileDate ? `file saved ${formatPartialDate(document.fileDate)}` : 'no date'}</td>
                  <td class="path" data-label="File">
                    {document.path}
                    {document.size !== undefined ? <span class="small muted"> · {formatBytes(document.size)}</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {findings.documents.length + findings.documentsNotListed > DOCUMENTS_SHOWN ? <p>And {(findings.documents.length + findings.documentsNotListed - DOCUMENTS_SHOWN).toLocaleString('en')} more documents.</p> : null}
      </section>
    </>
  );
}
