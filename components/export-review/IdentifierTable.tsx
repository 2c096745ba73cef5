import { useState } from 'preact/hooks';
import { identifierType, maskIdentifier } from '@/utils/export-review/identifiers';
import type { FoundIdentifier } from '@/utils/export-review/model';

const CHECK_WORDS = { valid: 'Check digit correct', invalid: 'Check digit wrong: a typo, or not a real number', 'no-check-digit': 'Has no check digit' } as const;
const STRUCTURAL_WORDS = { valid: 'Format is valid', invalid: 'Format is not valid', 'no-check-digit': 'Has no check digit' } as const;

/**
 * National identifiers, masked (`***-**-2222`). Showing one takes a click on that row's button,
 * which says exactly what it will show; it hides again on a second click.
 */
export function IdentifierTable({ identifiers }: { identifiers: readonly FoundIdentifier[] }) {
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  if (identifiers.length === 0) return <p>No national identifier numbers (NHI, IHI, Medicare, NHS number, SSN, MBI) were found.</p>;
  return (
    <table class="data">
      <caption class="visually-hidden">National identifier numbers found</caption>
      <thead>
        <tr>
          <th scope="col">Number</th>
          <th scope="col">Value</th>
          <th scope="col">Checked</th>
          <th scope="col">Found in</th>
        </tr>
      </thead>
      <tbody>
        {identifiers.map((found, index) => {
          const type = identifierType(found.kind);
          const visible = shown.has(index);
          return (
            <tr key={`${found.kind}-${index}`}>
              <th scope="row">{type.label}</th>
              <td data-label="Value">
                <code data-testid="identifier-value">{visible ? found.value : maskIdentifier(found.kind, found.value)}</code>{' '}
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={visible}
                  aria-label={`${visible ? 'Hide' : 'Show'} the full ${type.label}`}
                  onClick={() => {
                    const next = new Set(shown);
                    if (visible) next.delete(index);
                    else next.add(index);
                    setShown(next);
                  }}
                >
                  {visible ? 'Hide' : 'Show'}
                </button>
              </td>
              <td data-label="Checked">{(type.structuralOnly ? STRUCTURAL_WORDS : CHECK_WORDS)[found.check]}</td>
              <td data-label="Found in">{found.where}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
