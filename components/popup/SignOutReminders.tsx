import type { PopupReminder } from '@/utils/messaging/protocol';
import { t } from '@/utils/i18n/t';

/**
 * Shared-computer mode's reminders, in the popup: the portals left signed in during this browser
 * session, newest first, with the way to sign out. This is where a reminder shows when the browser
 * does not allow notifications.
 */
export function SignOutReminders({ reminders }: { reminders: readonly PopupReminder[] }) {
  if (reminders.length === 0) return null;
  return (
    <section class="warning" aria-labelledby="reminders-heading" data-testid="popup-sign-out-reminders">
      <h2 id="reminders-heading">{t('popup.reminders.heading')}</h2>
      <ul>
        {[...reminders]
          .reverse()
          .slice(0, 3)
          .map((reminder) => (
            <li key={reminder.id} data-testid="popup-sign-out-reminder">
              {reminder.displayName}
              {reminder.signOutUrl && (
                <>
                  {' '}
                  <a href={reminder.signOutUrl} target="_blank" rel="noopener noreferrer">
                    {t('popup.reminders.signOut')}
                  </a>
                </>
              )}
            </li>
          ))}
      </ul>
    </section>
  );
}
