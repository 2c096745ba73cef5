import { own } from '@/utils/own-keys';
import { useState } from 'preact/hooks';
import { portalFromForm, type ClinicData } from '@/utils/options/clinic-data';
import { portalOrigins } from '@/utils/portals/custom';
import type { CustomPortal, CustomPortalInput } from '@/utils/portals/custom';
import type { Country } from '@/utils/portals/schema';

export interface CustomPortalDeps {
  /** Called straight from the click, before any await: the browser shows its prompt only for a user gesture. */
  request: (origins: string[]) => Promise<boolean>;
  add: (input: CustomPortalInput) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

const COUNTRIES: { code: Country; name: string }[] = [
  { code: 'NZ', name: 'New Zealand' },
  { code: 'AU', name: 'Australia' },
  { code: 'UK', name: 'United Kingdom' },
  { code: 'US', name: 'United States' },
  { code: 'CA', name: 'Canada' },
];

/** A guess from the browser's language (en-NZ → NZ), which the patient confirms in the form. */
function defaultCountry(language = typeof navigator === 'undefined' ? '' : navigator.language): Country {
  const region = language.split('-')[1]?.toUpperCase();
  const code = region === 'GB' ? 'UK' : region;
  return COUNTRIES.find((country) => country.code === code)?.code ?? 'NZ';
}

const hostsOf = (portal: CustomPortal) => portal.portal.hosts.map((rule) => (rule.match === 'subdomains' ? `${rule.host} and its subdomains` : rule.host)).join(', ');

/**
 * Portals outside the catalogue: the organisation's (read-only) and the patient's own. Each needs
 * the browser's permission for its hosts before Portal Guard's content script runs there; the
 * permission is asked for from a click, naming only that portal's hosts, and the reason is said
 * beside the button.
 */
export function CustomPortalsSection({ data, deps, refresh = () => {} }: { data: ClinicData; deps: CustomPortalDeps; refresh?: () => void }) {
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [country] = useState(defaultCountry);
  const policyPortals = data.portals.custom.filter((portal) => portal.origin === 'policy');
  const mine = data.portals.custom.filter((portal) => portal.origin === 'user');

  const allow = (portal: CustomPortal) => {
    setMessage(undefined);
    void deps.request(portalOrigins(portal)).then(
      (granted) => {
        refresh();
        setMessage(granted ? { text: `Portal Guard now recognises ${portal.portal.name}. Reload its tab if it is open.`, error: false } : { text: `The browser did not give permission, so ${portal.portal.name} is not recognised yet.`, error: true });
      },
      () => setMessage({ text: 'The browser did not give permission.', error: true }),
    );
  };

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setMessage(undefined);
    // Read from the form itself, so what is checked is exactly what is on screen.
    const element = event.currentTarget as HTMLFormElement;
    const field = (name: string) => (element.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const form = { name: field('portal-name'), address: field('portal-address'), country: field('portal-country') as Country };
    const checked = portalFromForm(form, data.portals, data.userPortals);
    if ('problem' in checked) {
      setMessage({ text: checked.problem, error: true });
      return;
    }
    const { portal } = checked;
    // Ask first, in the same click; the portal is saved either way, and can be allowed later.
    const asked = deps.request(portalOrigins(portal)).catch(() => false);
    void deps
      .add(portal.input)
      .then(() => asked)
      .then((granted) => {
        refresh();
        if (granted) element.reset();
        setMessage(granted ? { text: `Added ${portal.portal.name}. Reload its tab if it is open.`, error: false } : { text: `Added ${portal.portal.name}, but the browser did not give permission yet: use “Allow” below.`, error: true });
      });
  };

  const row = (portal: CustomPortal, removable: boolean) => {
    const allowed = own(data.access, portal.portal.id) === true;
    return (
      <li key={portal.portal.id} data-testid="custom-portal" data-portal-id={portal.portal.id}>
        <strong>{portal.portal.name}</strong> <span class="muted">({hostsOf(portal)})</span>{' '}
        <span class={allowed ? 'state state-signed-in' : 'state state-unknown'} data-testid="custom-portal-access">
          {allowed ? 'Recognised' : 'Needs your permission'}
        </span>{' '}
        {!allowed && (
          <button type="button" onClick={() => allow(portal)} aria-label={`Allow Portal Guard on ${portal.portal.name}`}>
            Allow
          </button>
        )}{' '}
        {removable && (
          <button type="button" class="secondary" onClick={() => void deps.remove(portal.portal.id)} aria-label={`Remove ${portal.portal.name}`}>
            Remove
          </button>
        )}
      </li>
    );
  };

  return (
    <section aria-labelledby="portals-heading" data-testid="options-portals">
      <h2 id="portals-heading">Other portals</h2>
      <p class="muted small">
        Portal Guard recognises the portals in its reviewed list by itself. Here you can add another one, such as your practice’s own MyChart or myindici address. Portal Guard then needs your
        permission to run on that address: the browser asks, naming only that address. It looks at the portal’s pages only to tell whether you are signed in and to show breach notices, and
        nothing leaves this computer.
      </p>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role="status" data-testid="portals-message">
          {message.text}
        </p>
      )}
      {policyPortals.length > 0 && (
        <>
          <h3>From your organisation</h3>
          <ul data-testid="policy-portals">{policyPortals.map((portal) => row(portal, false))}</ul>
        </>
      )}
      {(mine.length > 0 || data.portals.inactive.length > 0) && (
        <>
          <h3>Added by you</h3>
          <ul data-testid="user-portals">
            {mine.map((portal) => row(portal, true))}
            {data.portals.inactive.map(({ input, problems }) => (
              <li key={input.id} data-testid="inactive-portal">
                <strong>{input.name}</strong> <span class="muted">({input.hosts.join(', ')})</span> <span class="error">Not in use: {problems.map((problem) => problem.reason).join('; ')}</span>{' '}
                <button type="button" class="secondary" onClick={() => void deps.remove(input.id)} aria-label={`Remove ${input.name}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={submit} data-testid="add-portal-form" class="add-portal">
        <h3 id="add-portal-heading">Add a portal</h3>
        <p>
          <label for="portal-name">Name</label>
          <br />
          <input id="portal-name" name="portal-name" autocomplete="off" placeholder="Greenlane Clinic MyChart" />
        </p>
        <p>
          <label for="portal-address">Address</label>
          <br />
          <input id="portal-address" name="portal-address" inputMode="url" autocomplete="off" placeholder="https://mychart.greenlaneclinic.co.nz/" aria-describedby="portal-address-help" />
          <br />
          <span id="portal-address-help" class="muted small">
            The secure (https://) address you sign in at. Write *.clinic.example to include every address under it.
          </span>
        </p>
        <p>
          <label for="portal-country">Country</label>
          <br />
          <select id="portal-country" name="portal-country">
            {COUNTRIES.map((option) => (
              <option key={option.code} value={option.code} selected={option.code === country}>
                {option.name}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">Add and allow</button>
      </form>
    </section>
  );
}
