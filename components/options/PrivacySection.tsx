import { useState } from 'preact/hooks';
import type { ManagedPolicy } from '@/utils/policy/schema';
import { BreachCheckSwitch, type BreachCheckDeps } from '../shared/BreachCheckSwitch';

export type PrivacyDeps = BreachCheckDeps;

/**
 * The optional network feature, with what it sends, and whether the organisation decided it.
 * The password guide shows the same switch (components/shared/BreachCheckSwitch.tsx).
 */
export function PrivacySection({ policy, breachCheck, rangeApiGranted, deps }: { policy: ManagedPolicy; breachCheck: boolean; rangeApiGranted: boolean; deps: PrivacyDeps }) {
  const [message, setMessage] = useState<string | undefined>();

  return (
    <section aria-labelledby="privacy-heading" data-testid="options-privacy">
      <h2 id="privacy-heading">Privacy</h2>
      <p class="muted small">Portal Guard downloads the breach-notice feed and nothing else, unless you turn on the check below.</p>
      <BreachCheckSwitch
        area="privacy"
        label="Check new passwords against Pwned Passwords"
        help="When you choose a new password on a portal, Portal Guard sends the first 5 characters of its SHA-1 hash to api.pwnedpasswords.com and compares the answer on this computer. The password never leaves this computer."
        policy={policy}
        chosen={breachCheck}
        rangeApiGranted={rangeApiGranted}
        deps={deps}
        onMessage={setMessage}
      />
      {message && (
        <p class="error" role="status">
          {message}
        </p>
      )}
    </section>
  );
}
