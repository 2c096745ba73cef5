import { STEP_INFO } from '@/utils/guide/steps';
import type { GuideSummary as Summary } from '@/utils/guide/state';

/** What the patient did, what they skipped, and what is still worth doing. */
export function GuideSummary({ portalName, summary, changedOn, finishedOn, onRestart }: { portalName: string; summary: Summary; changedOn: string | undefined; finishedOn: string; onRestart: () => void }) {
  return (
    <section class="summary" aria-labelledby="summary-heading" data-testid="guide-summary" tabIndex={-1}>
      <h2 id="summary-heading">Summary: your {portalName} account</h2>
      <p>You finished this guide on {finishedOn}.</p>
      {summary.passwordChanged ? (
        <p class="ok" data-testid="guide-summary-changed">
          You changed your password{changedOn ? ` on ${changedOn}` : ''}. Breach notices about {portalName} from before that date no longer show on the portal.
        </p>
      ) : (
        <p class="warning" data-testid="guide-summary-changed">
          You skipped changing your password, so Portal Guard still shows {portalName}’s breach notices. Come back to this guide when you have changed it.
        </p>
      )}
      {summary.done.length > 0 && (
        <>
          <h3>Done</h3>
          <ul>
            {summary.done.map((step) => (
              <li key={step}>{STEP_INFO[step].title}</li>
            ))}
          </ul>
        </>
      )}
      {summary.skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul>
            {summary.skipped.map((step) => (
              <li key={step}>{STEP_INFO[step].title}</li>
            ))}
          </ul>
        </>
      )}
      {summary.sites.stillToChange.length > 0 && (
        <p data-testid="guide-summary-sites">Still to change on other sites: {summary.sites.stillToChange.join(', ')}.</p>
      )}
      {summary.sites.total > 0 && summary.sites.stillToChange.length === 0 && <p>You changed the password on all {summary.sites.total} other sites you listed.</p>}
      <button type="button" class="secondary" onClick={onRestart}>
        Start the guide again
      </button>
    </section>
  );
}
