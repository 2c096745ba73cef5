import { useState } from 'preact/hooks';
import type { ClinicData } from '@/utils/options/clinic-data';
import { switchOptIn } from '@/utils/options/opt-in';
import { sharedComputerSetting } from '@/utils/policy/effective';
import type { SharedComputerPrefs } from '@/utils/state/storage';

export interface SharedComputerDeps {
  /** Each is called straight from the click: browsers show a permission prompt only for a user gesture. */
  requestNotifications: () => Promise<boolean>;
  requestBrowsingData: () => Promise<boolean>;
  removeBrowsingData: () => Promise<unknown>;
  saveSharedComputer: (change: Partial<SharedComputerPrefs>) => Promise<void>;
}

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

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
        if (!granted) setMessage('Notifications are not allowed, so reminders appear only in Portal Guard’s popup and on this page.');
      });
  };
  const allowNotifications = () => {
    setMessage(undefined);
    void deps.requestNotifications().then(
      (granted) => !granted && setMessage('The browser did not allow notifications.'),
      () => setMessage('The browser did not allow notifications.'),
    );
  };
  const toggleClear = (on: boolean) => {
    setMessage(undefined);
    switchOptIn(on, {
      request: deps.requestBrowsingData,
      remove: deps.removeBrowsingData,
      save: (clearSiteData) => deps.saveSharedComputer({ clearSiteData }),
      refused: () => setMessage('The browser did not give permission, so site data is not cleared.'),
    });
  };

  return (
    <section aria-labelledby="shared-heading" data-testid="options-shared-computer">
      <h2 id="shared-heading">Shared computers</h2>
      <p>
        <label>
          <input type="checkbox" data-testid="shared-computer-mode" checked={setting.on} disabled={setting.locked} aria-describedby="shared-help" onChange={(event) => toggle(event.currentTarget.checked)} /> This
          computer is shared: remind me when I leave a portal signed in
        </label>
        {setting.locked && (
          <>
            {' '}
            <span class="badge-org" data-testid="shared-computer-locked">
              Set by your organisation
            </span>
          </>
        )}
        <br />
        <span id="shared-help" class="muted small">
          When you close a portal’s tab, or go to another site from it, while still signed in, Portal Guard shows one notification: “You may still be signed in to …”, with a way to sign
          out. It also mentions record files you downloaded from that portal, if you let Portal Guard see your downloads on the export review page.
        </span>
      </p>
      {setting.on && !data.notificationsGranted && (
        <p>
          <button type="button" onClick={allowNotifications} data-testid="shared-allow-notifications">
            Allow notifications
          </button>{' '}
          <span class="muted small">Without them, reminders appear only in Portal Guard’s popup and on this page.</span>
        </p>
      )}
      {setting.on && (
        <p>
          <label>
            <input type="checkbox" data-testid="shared-clear-site-data" checked={data.sharedComputer.clearSiteData && data.browsingDataGranted} onChange={(event) => toggleClear(event.currentTarget.checked)} /> Also clear that
            portal’s cookies and site data on this computer
          </label>
          <br />
          <span class="muted small">Only the portal’s own address is cleared, nothing else you browse. This signs you out in this browser; the portal may still keep your session open for a while.</span>
        </p>
      )}
      {message && (
        <p class="error" role="status">
          {message}
        </p>
      )}
      {data.reminders.length > 0 && (
        <>
          <h3 id="reminders-heading">Since the browser started</h3>
          <ul aria-labelledby="reminders-heading" data-testid="sign-out-reminders">
            {[...data.reminders].reverse().map((reminder) => (
              <li key={reminder.id}>
                You may still be signed in to <strong>{reminder.displayName}</strong> ({reminder.how === 'closed' ? 'tab closed' : 'left the portal'} at {time(reminder.at)}).{' '}
                {reminder.signOutUrl && (
                  <a href={reminder.signOutUrl} target="_blank" rel="noopener noreferrer">
                    Open the sign-out page
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
