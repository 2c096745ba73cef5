import { useState } from 'preact/hooks';
import { breachCheckSetting } from '@/utils/policy/effective';
import type { ManagedPolicy } from '@/utils/policy/schema';
import type { Settings } from '@/utils/storage';

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
 * gives it back when they turn it off. A refused prompt leaves the option off and says so.
 * Where the organisation decided the breach check (`pwnedPasswordsCheck`), the switch is read-only
 * and says so, as on the options page; the background applies the policy whatever the switch shows.
 */
export function GuideSettings({ settings, policy, rangeApiGranted, deps }: { settings: Settings; policy: Pick<ManagedPolicy, 'pwnedPasswordsCheck'>; rangeApiGranted: boolean; deps: OptInDeps }) {
  const [message, setMessage] = useState<string | undefined>();
  const [days, setDays] = useState(settings.guideReminderDays ?? 7);
  const breach = breachCheckSetting(policy, settings.breachCheck);
  const breachOn = breach.on && rangeApiGranted;

  const toggleBreach = (on: boolean) => {
    setMessage(undefined);
    if (!on) {
      void deps.save({ breachCheck: false }).then(() => deps.removeRangeApi().catch(() => {}));
      return;
    }
    // Ask first, before any await, while the click still counts as a user gesture.
    void deps.requestRangeApi().then(
      async (granted) => {
        if (granted) await deps.save({ breachCheck: true });
        else setMessage('The browser did not give permission, so the breach check stays off.');
      },
      () => setMessage('The browser did not give permission, so the breach check stays off.'),
    );
  };

  const toggleReminder = (on: boolean) => {
    setMessage(undefined);
    if (!on) {
      void deps.save({ guideReminderDays: null }).then(() => deps.removeNotifications().catch(() => {}));
      return;
    }
    void deps.requestNotifications().then(
      async (granted) => {
        if (granted) await deps.save({ guideReminderDays: days });
        else setMessage('The browser did not give permission to show a notification, so the reminder stays off.');
      },
      () => setMessage('The browser did not give permission to show a notification, so the reminder stays off.'),
    );
  };

  return (
    <section class="opt-ins" aria-labelledby="opt-ins-heading" data-testid="guide-opt-ins">
      <h2 id="opt-ins-heading">Optional extras</h2>
      <div class="opt-in">
        <label>
          <input
            type="checkbox"
            data-testid="guide-breach-check"
            checked={breachOn}
            disabled={breach.locked}
            {...(breach.locked ? { 'aria-describedby': 'guide-breach-check-locked' } : {})}
            onChange={(event) => toggleBreach(event.currentTarget.checked)}
          />{' '}
          Check new passwords against known breaches (Pwned Passwords)
        </label>
        {breach.locked && (
          <span class="badge-org" id="guide-breach-check-locked" data-testid="guide-breach-check-locked">
            {' '}
            Set by your organisation
          </span>
        )}
        {breach.locked && !breach.on && <p class="muted small">Your organisation has turned this check off on this computer.</p>}
        {breach.locked && breach.on && !rangeApiGranted && (
          <p>
            <button type="button" data-testid="guide-allow-range-api" onClick={() => toggleBreach(true)}>
              Allow the check to reach api.pwnedpasswords.com
            </button>{' '}
            <span class="muted small">Your organisation turned the check on; the browser needs your permission once.</span>
          </p>
        )}
        <p class="muted small">
          When you type a new password on the portal, Portal Guard turns it into a SHA-1 fingerprint on your device and sends only the first 5 of its 40 characters to
          api.pwnedpasswords.com. The service answers with every breached fingerprint that starts the same way, and the match is made on your device. Your password, and
          the rest of its fingerprint, never leave it. Turning this on asks the browser to let Portal Guard contact api.pwnedpasswords.com; turning it off gives that back.
        </p>
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
