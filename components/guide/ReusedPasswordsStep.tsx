import type { ReusedSite } from '@/utils/guide/state';
import { t } from '@/utils/i18n/t';

/**
 * Step 3: the other sites where the same password was used, by NAME only, ticked off one by one.
 * The field is plain text with autocomplete off, and says in its label never to type a password.
 */
export function ReusedPasswordsStep({ sites, disabled, onAdd, onTick, onRemove }: {
  sites: ReusedSite[];
  disabled: boolean;
  onAdd: (name: string) => void;
  onTick: (name: string, changed: boolean) => void;
  onRemove: (name: string) => void;
}) {
  return (
    <div>
      <p>{t('guide.reused.intro')}</p>
      {!disabled && (
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            // Read the field itself: it is the one source of truth for what the patient typed.
            const field = event.currentTarget.elements.namedItem('reused-site') as HTMLInputElement;
            if (field.value.trim()) onAdd(field.value);
            field.value = '';
          }}
        >
          <label for="reused-site">{t('guide.reused.label')}</label>
          <input id="reused-site" name="reused-site" type="text" autocomplete="off" spellcheck={false} maxLength={80} placeholder={t('guide.reused.placeholder')} />
          <button type="submit">{t('guide.reused.add')}</button>
        </form>
      )}
      {sites.length > 0 ? (
        <ul class="sites" data-testid="guide-sites" aria-label={t('guide.reused.listLabel')}>
          {sites.map((site) => (
            <li key={site.name}>
              <label>
                <input type="checkbox" checked={site.changed} disabled={disabled} onChange={(event) => onTick(site.name, event.currentTarget.checked)} /> {site.name}
                {site.changed ? <span class="chip"> {t('guide.reused.changed')}</span> : <span class="muted"> {t('guide.reused.stillToChange')}</span>}
              </label>
              {!disabled && (
                <button type="button" class="link-button" onClick={() => onRemove(site.name)} aria-label={t('guide.reused.removeLabel', { site: site.name })}>
                  {t('guide.reused.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('guide.reused.none')}</p>
      )}
    </div>
  );
}
