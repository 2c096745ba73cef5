import { useState } from 'preact/hooks';
import { switchOptIn } from '@/utils/options/opt-in';
import type { ManagedPolicy } from '@/utils/policy/schema';
import type { Settings } from '@/utils/state/storage';
import { BreachCheckSwitch } from '../shared/BreachCheckSwitch';
import { formatNumber } from '@/utils/i18n/format';
import { t } from '@/utils/i18n/t';

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
      refused: () => setMessage(t('guide.settings.reminderRefused')),
    });
  };

  return (
    <section class="opt-ins" aria-labelledby="opt-ins-heading" data-testid="guide-opt-ins">
      <h2 id="opt-ins-heading">{t('guide.settings.heading')}</h2>
      <div class="opt-in">
        <BreachCheckSwitch
          area="guide"
          label={t('guide.settings.breachLabel')}
          help={t('guide.settings.breachHelp')}
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
          {t('guide.settings.reminder')}
        </label>{' '}
        <label class="inline">
          {t('guide.settings.after')}{' '}
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
                {t('guide.settings.days', value, { count: formatNumber(value) })}
              </option>
            ))}
          </select>
        </label>
        <p class="muted small">{t('guide.settings.reminderHelp')}</p>
      </div>
      {message && (
        <p role="alert" class="error">
          {message}
        </p>
      )}
    </section>
  );
}
