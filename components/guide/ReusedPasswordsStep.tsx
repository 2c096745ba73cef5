import type { ReusedSite } from '@/utils/guide/state';

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
      <p>If you used the same password anywhere else, anyone who has it can try it there too. Change it on those sites, starting with your email account, because email can reset everything else.</p>
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
          <label for="reused-site">Name of a site (never the password)</label>
          <input id="reused-site" name="reused-site" type="text" autocomplete="off" spellcheck={false} maxLength={80} placeholder="for example: my email" />
          <button type="submit">Add</button>
        </form>
      )}
      {sites.length > 0 ? (
        <ul class="sites" data-testid="guide-sites" aria-label="Sites that used the same password">
          {sites.map((site) => (
            <li key={site.name}>
              <label>
                <input type="checkbox" checked={site.changed} disabled={disabled} onChange={(event) => onTick(site.name, event.currentTarget.checked)} /> {site.name}
                {site.changed ? <span class="chip"> changed</span> : <span class="muted"> still to change</span>}
              </label>
              {!disabled && (
                <button type="button" class="link-button" onClick={() => onRemove(site.name)} aria-label={`Remove ${site.name}`}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No sites listed. If you never used this password anywhere else, you can mark this step done.</p>
      )}
    </div>
  );
}
