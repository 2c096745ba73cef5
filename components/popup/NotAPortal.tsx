import { useState } from 'preact/hooks';
import type { TabStatus } from '@/utils/messaging/protocol';
import type { CheckPageResult as PageCheck } from '@/utils/popup/check-page';
import type { Classification } from '@/utils/session/classify';
import { sessionLabel } from '@/utils/session/labels';
import { fill, keep, t } from '@/utils/i18n/t';
import { WatchPortal, type WatchDeps } from './WatchPortal';

const SCAN_KEYS = {
  login: 'popup.scan.login',
  'signed-in': 'popup.scan.signedIn',
  'signed-out': 'popup.scan.signedOut',
  unknown: 'popup.scan.unknown',
} as const satisfies Record<Classification['state'], string>;

/**
 * An unknown site. "Check this page" runs the generic detector once through `activeTab`; it only
 * works from the toolbar popup, where the browser grants that.
 */
export function NotAPortal({ onCheck, watch, watchDeps }: { onCheck: (() => Promise<PageCheck>) | undefined; watch?: TabStatus['watch']; watchDeps?: WatchDeps }) {
  const [result, setResult] = useState<PageCheck | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    if (!onCheck) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await onCheck());
    } catch (problem) {
      setError(problem instanceof Error ? problem.message : t('popup.notPortal.checkFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="not-a-portal" aria-labelledby="not-portal-heading">
      <h1 id="not-portal-heading">{t('popup.notPortal.heading')}</h1>
      <p>{t('popup.notPortal.body')}</p>
      {onCheck && (
        <button type="button" data-testid="check-page" onClick={run} disabled={busy}>
          {busy ? t('popup.notPortal.checking') : t('popup.notPortal.check')}
        </button>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <p data-testid="check-result">
            {fill(t('popup.notPortal.result', keep('state', 'explanation')), { state: <strong>{sessionLabel(result.classification.state)}</strong>, explanation: t(SCAN_KEYS[result.classification.state]) })}
          </p>
        )}
        {/* Watch only where the background said the tab's own host may be watched, and only for that host. */}
        {result?.detection && watch && watchDeps && result.detection.host === watch.host && <WatchPortal detection={result.detection} watch={watch} deps={watchDeps} />}
        {error && <p class="error">{error}</p>}
      </div>
    </section>
  );
}

/** A known imitation of a real portal, such as an unofficial "MyChart help" site. */
export function LookalikeWarning({ host, imitates, officialHome, reason }: { host: string; imitates: string; officialHome: string | undefined; reason?: string | undefined }) {
  return (
    <section class="card warning" data-testid="lookalike" aria-labelledby="lookalike-heading">
      <h1 id="lookalike-heading">{t('popup.lookalike.heading', { imitates })}</h1>
      <p>{reason ? t('popup.lookalike.bodyReason', { reason, imitates }) : t('popup.lookalike.body', { host, imitates })}</p>
      {officialHome && (
        <p>
          {fill(reason ? t('popup.lookalike.officialReason', { ...keep('link'), imitates }) : t('popup.lookalike.official', keep('link')), {
            link: (
              <a href={officialHome} target="_blank" rel="noopener noreferrer">
                {new URL(officialHome).hostname}
              </a>
            ),
          })}
        </p>
      )}
    </section>
  );
}
