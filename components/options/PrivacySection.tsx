import { useState } from 'preact/hooks';
import type { ManagedPolicy } from '@/utils/policy/schema';
import { BreachCheckSwitch, type BreachCheckDeps } from '../shared/BreachCheckSwitch';
import { t } from '@/utils/i18n/t';

export type PrivacyDeps = BreachCheckDeps;

/**
 * The optional network feature, with what it sends, and whether the organisation decided it.
 * The password guide shows the same switch (components/shared/BreachCheckSwitch.tsx).
 */
export function PrivacySection({ policy, breachCheck, rangeApiGranted, deps }: { policy: ManagedPolicy; breachCheck: boolean; rangeApiGranted: boolean; deps: PrivacyDeps }) {
  const [message, setMessage] = useState<string | undefined>();

  return (
    <section aria-labelledby="privacy-heading" data-testid="options-privacy">
      <h2 id="privacy-heading">{t('options.privacy.heading')}</h2>
      <p class="muted small">{t('options.privacy.intro')}</p>
      <BreachCheckSwitch
        area="privacy"
        label={t('options.privacy.label')}
        help={t('options.privacy.help')}
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
