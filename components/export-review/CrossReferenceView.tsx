import type { CrossReference } from '@/utils/export-review/cross-reference';

/** One notice set against the files: the dated headline first, then every data class. */
export function CrossReferenceView({ result }: { result: CrossReference }) {
  const affected = result.rows.filter((row) => row.notice === 'affected');
  const inFiles = affected.filter((row) => row.status === 'in-export');
  return (
    <section class="cross-reference" aria-labelledby={`xref-${result.noticeId}`} data-testid="cross-reference">
      <h3 id={`xref-${result.noticeId}`}>Compared with: {result.title}</h3>
      {result.headlines.map((headline) => (
        <p key={headline} class="headline" data-testid="xref-headline">
          {headline}
        </p>
      ))}
      <p>
        The notice lists {affected.length} kinds of information as affected; your files hold {inFiles.length} of them.
      </p>
      <table class="data">
        <caption class="visually-hidden">What the notice says, and what your files hold</caption>
        <thead>
          <tr>
            <th scope="col">Information</th>
            <th scope="col">The notice says</th>
            <th scope="col">In your files</th>
          </tr>
        </thead>
        <tbody>
          {result.rows.map((row) => (
            <tr key={`${row.notice}-${row.dataClass}`} class={row.notice === 'affected' && row.status === 'in-export' ? 'match' : ''}>
              <th scope="row">{row.label}</th>
              <td data-label="The notice says">
                {row.notice === 'affected' ? 'Affected' : 'Not affected'}
                {row.window ? ` (from ${row.window.label})` : ''}
                {row.noticeNote ? <span class="small muted"> {row.noticeNote}</span> : null}
              </td>
              <td data-label="In your files">
                {row.status === 'in-export' ? <strong>{row.inFiles}</strong> : row.inFiles}
                {row.status === 'cannot-check' ? <span class="small muted"> {row.sentence}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
