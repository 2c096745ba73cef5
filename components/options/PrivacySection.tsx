import { useState } from 'preact/hooks';
import { breachCheckSetting } from '@/utils/policy/effective';
import type { ManagedPolicy } from '@/utils/policy/schema';

export interface PrivacyDeps {
  /** Called straight from the click: browsers show a permission prompt only for a user gesture. */
  requestRangeApi: () => Promise<boolean>;
  removeRangeApi: () => Promise<unknown>;
  saveBreachCheck: (on: boolean) => Promise<void>;
}

const ORG = 'Set by your organisation';

/**
 * The optional network feature, with what it sends, and whether the organisation decided it.
 * The password guide has the same switch (components/guide/GuideSettings.tsx); both save the
 * same setting, and the background applies the policy over it whichever page set it.
 */
export function PrivacySection({ policy, breachCheck, rangeApiGranted, deps }: { policy: ManagedPolicy; breachCheck: boolean; rangeApiGranted: boolean; deps: PrivacyDeps }) {
  const [message, setMessage] = useState<string | undefined>();
  const setting = breachCheckSetting(policy, breachCheck);
  const checked = setting.on && rangeApiGranted;

  const toggle = (on: boolean) => {
    setMessage(undefined);
    if (!on) {
      void deps.saveBreachCheck(false).then(() => deps.removeRangeApi().catch(() => {}));
      return;
    }
    void deps.requestRangeApi().then(
      async (granted) => {
        if (granted) await deps.saveBreachCheck(true);
        else setMessage('The browser did not give permission, so the check stays off.');
      },
      () => setMessage('The browser did not give permission, so the check stays off.'),
    );
  };

  return (
    <section aria-labelledby="privacy-heading" data-testid="options-privacy">
      <h2 id="privacy-heading">Privacy</h2>
      <p class="muted small">Portal Guard downloads the breach-notice feed and nothing else, unless you turn on the check below.</p>
      <p>
        <label>
          <input type="checkbox" data-testid="privacy-breach-check" checked={checked} disabled={setting.locked} aria-describedby="breach-check-help" onChange={(event) => toggle(event.currentTarget.checked)} />{' '}
          Check new passwords against Pwned Passwords
        </label>
        {setting.locked && (
          <span class="badge-org" data-testid="privacy-breach-check-locked">
            {' '}
            {ORG}
          </span>
        )}
        <br />
        <span id="breach-check-help" class="muted small">
          When you choose a new password on a portal, Portal Guard sends the first 5 characters of its SHA-1 hash to api.pwnedpasswords.com and compares the answer on this computer. The
          password never leaves this computer.
        </span>
      </p>
      {setting.locked && setting.on && !rangeApiGranted && (
        <p>
          <button type="button" onClick={() => toggle(true)} data-testid="privacy-allow-range-api">
            Allow the check to reach api.pwnedpasswords.com
          </button>{' '}
          <span class="muted small">Your organisation turned the check on; the browser needs your permission once.</span>
        </p>
      )}
      {message && (
        <p class="error" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
