import { own } from '@/utils/own-keys';
import { useState } from 'preact/hooks';
import { portalFromForm, type ClinicData } from '@/utils/options/clinic-data';
import { portalOrigins } from '@/utils/portals/custom';
import type { CustomPortal, CustomPortalInput } from '@/utils/portals/custom';
import type { Country } from '@/utils/portals/schema';
import { formatList } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';
import { ReviewMark } from '../shared/ReviewMark';

export interface CustomPortalDeps {
  /** Called straight from the click, before any await: the browser shows its prompt only for a user gesture. */
  request: (origins: string[]) => Promise<boolean>;
  add: (input: CustomPortalInput) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

/** The countries a patient can choose, in this order, each with its name's message. */
const COUNTRIES = [
  { code: 'NZ', name: 'options.portals.countryName.NZ' },
  { code: 'AU', name: 'options.portals.countryName.AU' },
  { code: 'UK', name: 'options.portals.countryName.UK' },
  { code: 'US', name: 'options.portals.countryName.US' },
  { code: 'CA', name: 'options.portals.countryName.CA' },
] as const satisfies readonly { code: Country; name: string }[];

/** A guess from the browser's language (en-NZ → NZ), which the patient confirms in the form. */
function defaultCountry(language = typeof navigator === 'undefined' ? '' : navigator.language): Country {
  const region = language.split('-')[1]?.toUpperCase();
  const code = region === 'GB' ? 'UK' : region;
  return COUNTRIES.find((country) => country.code === code)?.code ?? 'NZ';
}

const hostsOf = (portal: CustomPortal) => formatList(portal.portal.hosts.map((rule) => (rule.match === 'subdomains' ? t('options.portals.hostAndSubdomains', { host: rule.host }) : rule.host)), 'unit');

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
        const name = portal.portal.name;
        setMessage(granted ? { text: t('options.portals.nowRecognised', { name }), error: false } : { text: t('options.portals.notGranted', { name }), error: true });
      },
      () => setMessage({ text: t('options.portals.notGrantedPlain'), error: true }),
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
        const name = portal.portal.name;
        setMessage(granted ? { text: t('options.portals.added', { name }), error: false } : { text: t('options.portals.addedNotGranted', { name }), error: true });
      });
  };

  const row = (portal: CustomPortal, removable: boolean) => {
    const allowed = own(data.access, portal.portal.id) === true;
    return (
      <li key={portal.portal.id} data-testid="custom-portal" data-portal-id={portal.portal.id}>
        <strong>{portal.portal.name}</strong> <ReviewMark addedBy={portal.origin} /> <span class="muted">({hostsOf(portal)})</span>{' '}
        <span class={allowed ? 'state state-signed-in' : 'state state-unknown'} data-testid="custom-portal-access">
          {allowed ? t('options.portals.recognised') : t('options.portals.needsPermission')}
        </span>{' '}
        {!allowed && (
          <button type="button" onClick={() => allow(portal)} aria-label={t('options.portals.allowLabel', { name: portal.portal.name })}>
            {t('options.portals.allow')}
          </button>
        )}{' '}
        {removable && (
          <button type="button" class="secondary" onClick={() => void deps.remove(portal.portal.id)} aria-label={t('options.portals.removeLabel', { name: portal.portal.name })}>
            {t('options.portals.remove')}
          </button>
        )}
      </li>
    );
  };

  return (
    <section aria-labelledby="portals-heading" data-testid="options-portals">
      <h2 id="portals-heading">{t('options.portals.heading')}</h2>
      <p class="muted small">{t('options.portals.intro')}</p>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role="status" data-testid="portals-message">
          {message.text}
        </p>
      )}
      {policyPortals.length > 0 && (
        <>
          <h3>{t('options.portals.fromOrganization')}</h3>
          <ul data-testid="policy-portals">{policyPortals.map((portal) => row(portal, false))}</ul>
        </>
      )}
      {(mine.length > 0 || data.portals.inactive.length > 0) && (
        <>
          <h3>{t('options.portals.addedByYou')}</h3>
          <ul data-testid="user-portals">
            {mine.map((portal) => row(portal, true))}
            {data.portals.inactive.map(({ input, problems }) => (
              <li key={input.id} data-testid="inactive-portal">
                <strong>{input.name}</strong> <span class="muted">({formatList(input.hosts, 'unit')})</span>{' '}
                <span class="error">{t('options.portals.notInUse', { reasons: problems.map((problem) => problem.reason).join('; ') })}</span>{' '}
                <button type="button" class="secondary" onClick={() => void deps.remove(input.id)} aria-label={t('options.portals.removeLabel', { name: input.name })}>
                  {t('options.portals.remove')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <form onSubmit={submit} data-testid="add-portal-form" class="add-portal">
        <h3 id="add-portal-heading">{t('options.portals.addHeading')}</h3>
        <p>
          <label for="portal-name">{t('options.portals.name')}</label>
          <br />
          <input id="portal-name" name="portal-name" autocomplete="off" placeholder={t('options.portals.namePlaceholder')} />
        </p>
        <p>
          <label for="portal-address">{t('options.portals.address')}</label>
          <br />
          {/* i18n-ignore: an example address, the same in every language */}
          <input id="portal-address" name="portal-address" inputMode="url" autocomplete="off" placeholder="https://mychart.greenlaneclinic.co.nz/" aria-describedby="portal-address-help" />
          <br />
          <span id="portal-address-help" class="muted small">
            {t('options.portals.addressHelp')}
          </span>
        </p>
        <p>
          <label for="portal-country">{t('options.portals.country')}</label>
          <br />
          <select id="portal-country" name="portal-country">
            {COUNTRIES.map((option) => (
              <option key={option.code} value={option.code} selected={option.code === country}>
                {t(option.name)}
              </option>
            ))}
          </select>
        </p>
        <button type="submit">{t('options.portals.submit')}</button>
      </form>
    </section>
  );
}
