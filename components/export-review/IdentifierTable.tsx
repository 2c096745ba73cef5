import { useState } from 'preact/hooks';
import { identifierType, maskIdentifier } from '@/utils/export-review/identifiers';
import { WHERE_FOUND, type FoundIdentifier } from '@/utils/export-review/model';
import { t } from '@/utils/i18n/t';

const CHECK_WORDS = { valid: 'exportReview.identifiers.checkValid', invalid: 'exportReview.identifiers.checkInvalid', 'no-check-digit': 'exportReview.identifiers.noCheckDigit' } as const;
const STRUCTURAL_WORDS = { valid: 'exportReview.identifiers.formatValid', invalid: 'exportReview.identifiers.formatInvalid', 'no-check-digit': 'exportReview.identifiers.noCheckDigit' } as const;

/**
 * National identifiers, masked (`***-**-2222`). Showing one takes a click on that row's button,
 * which says exactly what it will show; it hides again on a second click.
 */
export function IdentifierTable({ identifiers }: { identifiers: readonly FoundIdentifier[] }) {
  const [shown, setShown] = useState<ReadonlySet<number>>(new Set());
  if (identifiers.length === 0) return <p>{t('exportReview.identifiers.none')}</p>;
  return (
    <table class="data">
      <caption class="visually-hidden">{t('exportReview.identifiers.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('exportReview.identifiers.number')}</th>
          <th scope="col">{t('exportReview.identifiers.value')}</th>
          <th scope="col">{t('exportReview.identifiers.checked')}</th>
          <th scope="col">{t('exportReview.identifiers.foundIn')}</th>
        </tr>
      </thead>
      <tbody>
        {identifiers.map((found, index) => {
          const type = identifierType(found.kind);
          const label = t(type.label);
          const visible = shown.has(index);
          return (
            <tr key={`${found.kind}-${index}`}>
              <th scope="row">{label}</th>
              <td data-label={t('exportReview.identifiers.value')}>
                <code data-testid="identifier-value">{visible ? found.value : maskIdentifier(found.kind, found.value)}</code>{' '}
                <button
                  type="button"
                  class="link-button"
                  aria-pressed={visible}
                  aria-label={visible ? t('exportReview.identifiers.hideLabel', { type: label }) : t('exportReview.identifiers.showLabel', { type: label })}
                  onClick={() => {
                    const next = new Set(shown);
                    if (visible) next.delete(index);
                    else next.add(index);
                    setShown(next);
                  }}
                >
                  {visible ? t('exportReview.identifiers.hide') : t('exportReview.identifiers.show')}
                </button>
              </td>
              <td data-label={t('exportReview.identifiers.checked')}>{t((type.structuralOnly ? STRUCTURAL_WORDS : CHECK_WORDS)[found.check])}</td>
              <td data-label={t('exportReview.identifiers.foundIn')}>{t(WHERE_FOUND[found.where])}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
