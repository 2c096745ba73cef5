import { breachCheckSetting } from '@/utils/policy/effective';
import type { ManagedPolicy } from '@/utils/policy/schema';
import { switchOptIn } from '@/utils/options/opt-in';
import { t } from '@/utils/i18n/t';

export interface BreachCheckDeps {
  /** Called straight from the click: browsers show a permission prompt only for a user gesture. */
  requestRangeApi: () => Promise<boolean>;
  removeRangeApi: () => Promise<unknown>;
  saveBreachCheck: (on: boolean) => Promise<unknown>;
}

/**
 * The Pwned Passwords switch, on the settings page and in the password guide: both save the same
 * setting. Where the organisation decided (`pwnedPasswordsCheck`), the switch is read-only and
 * marked "Set by your organisation"; `allowed` still needs the browser's grant, which no policy
 * can give, so the patient is offered the prompt. The background applies the policy whatever a
 * page shows (utils/policy/effective.ts).
 */
export function BreachCheckSwitch({
  area,
  label,
  help,
  policy,
  chosen,
  rangeApiGranted,
  deps,
  onMessage,
}: {
  /** Prefix of the element ids and test ids: `guide-breach-check`, `privacy-allow-range-api`. */
  area: 'guide' | 'privacy';
  label: string;
  help: string;
  policy: Pick<ManagedPolicy, 'pwnedPasswordsCheck'>;
  /** The patient's own choice, as saved. */
  chosen: boolean;
  rangeApiGranted: boolean;
  deps: BreachCheckDeps;
  /** The page's message line: cleared on a click, set when the browser refuses. */
  onMessage: (message: string | undefined) => void;
}) {
  const setting = breachCheckSetting(policy, chosen);
  const id = `${area}-breach-check`;
  const toggle = (on: boolean) => {
    onMessage(undefined);
    switchOptIn(on, { request: deps.requestRangeApi, remove: deps.removeRangeApi, save: deps.saveBreachCheck, refused: () => onMessage(t('breachCheck.refused')) });
  };

  return (
    <>
      <label>
        <input
          type="checkbox"
          data-testid={id}
          checked={setting.on && rangeApiGranted}
          disabled={setting.locked}
          aria-describedby={setting.locked ? `${id}-help ${id}-locked` : `${id}-help`}
          onChange={(event) => toggle(event.currentTarget.checked)}
        />{' '}
        {label}
      </label>
      {setting.locked && (
        <>
          {' '}
          <span class="badge-org" id={`${id}-locked`} data-testid={`${id}-locked`}>
            {t('breachCheck.setByOrganization')}
          </span>
        </>
      )}
      {setting.locked && !setting.on && <p class="muted small">{t('breachCheck.offByOrganization')}</p>}
      {setting.locked && setting.on && !rangeApiGranted && (
        <p>
          <button type="button" data-testid={`${area}-allow-range-api`} onClick={() => toggle(true)}>
            {t('breachCheck.allow')}
          </button>{' '}
          <span class="muted small">{t('breachCheck.allowHelp')}</span>
        </p>
      )}
      <p id={`${id}-help`} class="muted small">
        {help}
      </p>
    </>
  );
}
