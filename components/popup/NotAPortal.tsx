import { useState } from 'preact/hooks';
import type { TabStatus } from '@/utils/messaging/protocol';
import type { CheckPageResult as PageCheck } from '@/utils/popup/check-page';
import type { Classification } from '@/utils/session/classify';
import { SESSION_LABELS } from '@/utils/session/state';
import { WatchPortal, type WatchDeps } from './WatchPortal';

const SCAN_WORDS: Record<Classification['state'], string> = {
  login: 'This page asks for a password. Portal Guard does not know this site: make sure the address is your portal’s real one before you sign in.',
  'signed-in': 'This page looks like a signed-in account. Portal Guard does not know this site, so it cannot check it for breach notices.',
  'signed-out': 'This page says you are signed out.',
  unknown: 'We found no sign-in form or sign-out button on this page.',
};

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
      setError(problem instanceof Error ? problem.message : 'The page could not be checked.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" data-testid="not-a-portal" aria-labelledby="not-portal-heading">
      <h1 id="not-portal-heading">Not a known health portal</h1>
      <p>This site is not in Portal Guard’s list of patient portals, so Portal Guard is not watching it.</p>
      {onCheck && (
        <button type="button" data-testid="check-page" onClick={run} disabled={busy}>
          {busy ? 'Checking…' : 'Check this page'}
        </button>
      )}
      <div role="status" aria-live="polite">
        {result && (
          <p data-testid="check-result">
            <strong>{SESSION_LABELS[result.classification.state]}.</strong> {SCAN_WORDS[result.classification.state]}
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
      <h1 id="lookalike-heading">This is not {imitates}</h1>
      {reason ? (
        <p>
          {reason}. Portal Guard does not know this address and will not watch it. Never enter your {imitates} password here.
        </p>
      ) : (
        <p>
          {host} is not run by {imitates}. Never enter your {imitates} password here.
        </p>
      )}
      {officialHome && (
        <p>
          {reason ? `To find the real ${imitates}, start from` : 'The real portal is at'} <a href={officialHome} target="_blank" rel="noopener noreferrer">{new URL(officialHome).hostname}</a>.
        </p>
      )}
    </section>
  );
}
