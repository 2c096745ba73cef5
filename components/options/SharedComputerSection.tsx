import { useState } from 'preact/hooks';
import type { ClinicData } from '@/utils/options/clinic-data';
import { switchOptIn } from '@/utils/options/opt-in';
import { sharedComputerSetting } from '@/utils/policy/effective';
import type { SharedComputerPrefs } from '@/utils/state/storage';
import { formatTime } from '@/utils/i18n/format';
import { fill, keep, t } from '@/utils/i18n/t';

export interface SharedComputerDeps {
  /** Each is called straight from the click: browsers show a permission prompt only for a user gesture. */
  requestNotifications: () => Promise<boolean>;
  requestBrowsingData: () => Promise<boolean>;
  removeBrowsingData: () => Promise<unknown>;
  saveSharedComputer: (change: Partial<SharedComputerPrefs>) => Promise<void>;
}

/**
 * Shared-computer mode: when a portal is left signed in (its tab closed, or it navigated away
 * without a sign-out being seen), one notification says so, with the way to sign out. A policy
 * can switch it on for everyone; the notification permission is asked for from the click that
 * turns it on (or from "Allow notifications" when a policy did). Without it, reminders still
 * appear here and in the popup.
 */
export function SharedComputerSection({ data, deps }: { data: ClinicData; deps: SharedComputerDeps }) {
  const [message, setMessage] = useState<string | undefined>();
  const setting = sharedComputerSetting(data.policy.policy, data.sharedComputer.enabled);

  const toggle = (on: boolean) => {
    setMessage(undefined);
    if (!on) {
      void deps.saveSharedComputer({ enabled: false });
      return;
    }
    const asked = deps.requestNotifications().catch(() => false);
    void deps
      .saveSharedComputer({ enabled: true })
      .then(() => asked)
      .then((granted) => {
        if (!granted) setMessage(t('options.shared.notificationsRefused'));
      });
  };
  const allowNotifications = () => {
    setMessage(undefined);
    void deps.requestNotifications().then(
      (granted) => !granted && setMessage(t('options.shared.notificationsDenied')),
      () => setMessage(t('options.shared.notificationsDenied')),
    );
  };
  const toggleClear = (on: boolean) => {
    setMessage(undefined);
    switchOptIn(on, {
      request: deps.requestBrowsingData,
      remove: deps.removeBrowsingData,
      save: (clearSiteData) => deps.saveSharedComputer({ clearSiteData }),
      refused: () => setMessage(t('options.shared.clearRefused')),
    });
  };

  return (
    <section aria-labelledby="shared-heading" data-testid="options-shared-computer">
      <h2 id="shared-heading">{t('options.shared.heading')}</h2>
      <p>
        <label>
          <input type="checkbox" data-testid="shared-computer-mode" checked={setting.on} disabled={setting.locked} aria-describedby="shared-help" onChange={(event) => toggle(event.currentTarget.checked)} />{' '}
          {t('options.shared.mode')}
        </label>
        {setting.locked && (
          <>
            {' '}
            <span class="badge-org" data-testid="shared-computer-locked">
              {t('options.setByOrganization')}
            </span>
          </>
        )}
        <br />
        <span id="shared-help" class="muted small">
          {t('options.shared.help')}
        </span>
      </p>
      {setting.on && !data.notificationsGranted && (
        <p>
          <button type="button" onClick={allowNotifications} data-testid="shared-allow-notifications">
            {t('options.shared.allowNotifications')}
          </button>{' '}
          <span class="muted small">{t('options.shared.withoutNotifications')}</span>
        </p>
      )}
      {setting.on && (
        <p>
          <label>
            <input type="checkbox" data-testid="shared-clear-site-data" checked={data.sharedComputer.clearSiteData && data.browsingDataGranted} onChange={(event) => toggleClear(event.currentTarget.checked)} />{' '}
            {t('options.shared.clearSiteData')}
          </label>
          <br />
          <span class="muted small">{t('options.shared.clearHelp')}</span>
        </p>
      )}
      {message && (
        <p class="error" role="status">
          {message}
        </p>
      )}
      {data.reminders.length > 0 && (
        <>
          <h3 id="reminders-heading">{t('options.shared.since')}</h3>
          <ul aria-labelledby="reminders-heading" data-testid="sign-out-reminders">
            {[...data.reminders].reverse().map((reminder) => (
              <li key={reminder.id}>
                {fill(t(reminder.how === 'closed' ? 'options.shared.reminderClosed' : 'options.shared.reminderLeft', keep('portal', 'time')), { portal: <strong>{reminder.displayName}</strong>, time: formatTime(reminder.at) })}{' '}
                {reminder.signOutUrl && (
                  <a href={reminder.signOutUrl} target="_blank" rel="noopener noreferrer">
                    {t('options.shared.signOutPage')}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
