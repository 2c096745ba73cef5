import { useState } from 'preact/hooks';
import { switchOptIn } from '@/utils/options/opt-in';
import type { ManagedPolicy } from '@/utils/policy/schema';
import type { Settings } from '@/utils/state/storage';
import { BreachCheckSwitch } from '../shared/BreachCheckSwitch';

export interface OptInDeps {
  /** Must be called straight from the click: browsers only show a permission prompt for a user gesture. */
  requestRangeApi: () => Promise<boolean>;
  removeRangeApi: () => Promise<unknown>;
  requestNotifications: () => Promise<boolean>;
  removeNotifications: () => Promise<unknown>;
  save: (change: Partial<Pick<Settings, 'breachCheck' | 'guideReminderDays'>>) => Promise<void>;
}

const REMINDER_DAYS = [3, 7, 14, 30];

/**
 * The two opt-ins. Each asks for its permission only at the moment the patient turns it on, and
 * gives it back when they turn it off (utils/options/opt-in.ts). A refused prompt leaves the option
 * off and says so. The breach check is the settings page's switch, organisation lock included.
 */
export function GuideSettings({ settings, policy, rangeApiGranted, deps }: { settings: Settings; policy: Pick<ManagedPolicy, 'pwnedPasswordsCheck'>; rangeApiGranted: boolean; deps: OptInDeps }) {
  const [message, setMessage] = useState<string | undefined>();
  const [days, setDays] = useState(settings.guideReminderDays ?? 7);

  const toggleReminder = (on: boolean) => {
    setMessage(undefined);
    switchOptIn(on, {
      request: deps.requestNotifications,
      remove: deps.removeNotifications,
      save: (enabled) => deps.save({ guideReminderDays: enabled ? days : null }),
      refused: () => setMessage('The browser did not give permission to show a notification, so the reminder stays off.'),
    });
  };

  return (
    <section class="opt-ins" aria-labelledby="opt-ins-heading" data-testid="guide-opt-ins">
      <h2 id="opt-ins-heading">Optional extras</h2>
      <div class="opt-in">
        <BreachCheckSwitch
          area="guide"
          label="Check new passwords against known breaches (Pwned Passwords)"
          help="When you type a new password on the portal, Portal Guard turns it into a SHA-1 fingerprint on your device and sends only the first 5 of its 40 characters to api.pwnedpasswords.com. The service answers with every breached fingerprint that starts the same way, and the match is made on your device. Your password, and the rest of its fingerprint, never leave it. Turning this on asks the browser to let Portal Guard contact api.pwnedpasswords.com; turning it off gives that back."
          policy={policy}
          chosen={settings.breachCheck}
          rangeApiGranted={rangeApiGranted}
          deps={{ requestRangeApi: deps.requestRangeApi, removeRangeApi: deps.removeRangeApi, saveBreachCheck: (on) => deps.save({ breachCheck: on }) }}
          onMessage={setMessage}
        />
      </div>
      <div class="opt-in">
        <label>
          <input type="checkbox" data-testid="guide-reminders" checked={settings.guideReminderDays !== null} onChange={(event) => toggleReminder(event.currentTarget.checked)} />{' '}
          Remind me once if I leave this guide unfinished
        </label>{' '}
        <label class="inline">
          after{' '}
          <select
            value={String(days)}
            onChange={(event) => {
              const chosen = Number(event.currentTarget.value);
              setDays(chosen);
              if (settings.guideReminderDays !== null) void deps.save({ guideReminderDays: chosen });
            }}
          >
            {REMINDER_DAYS.map((value) => (
              <option key={value} value={String(value)}>
                {value} days
              </option>
            ))}
          </select>
        </label>
        <p class="muted small">One notification, once, and only for a guide you started and did not finish. Portal Guard never nags you to change passwords on a schedule.</p>
      </div>
      {message && (
        <p role="alert" class="error">
          {message}
        </p>
      )}
    </section>
  );
}
