import { evidenceNote, type GuideFacts } from '@/utils/guide/portal-facts';

/** Step 2: two-step verification, as the catalogue describes it for this portal. */
export function TwoStepStep({ portalName, twoStep }: { portalName: string; twoStep: GuideFacts['twoStep'] }) {
  const status = twoStep?.status ?? 'unknown';
  const lead = {
    mandatory: `${portalName} requires two-step verification. Check that it is set up with a method only you control.`,
    optional: `${portalName} offers two-step verification, but it is not on unless you turn it on. Turn it on, so a stolen password alone cannot get anyone in.`,
    'not-offered': `${portalName} does not offer two-step verification, according to the sources Portal Guard has. That makes a strong password you use nowhere else even more important.`,
    unknown: `Portal Guard does not know whether ${portalName} offers two-step verification. Look in its security settings, and turn it on if it is there.`,
  }[status];
  const note = evidenceNote(twoStep?.evidence);
  return (
    <div data-testid="guide-two-step">
      <p>{lead}</p>
      {twoStep && twoStep.methods.length > 0 && (
        <>
          <p>Ways {portalName} can check it is you:</p>
          <ul>
            {twoStep.methods.map((method) => (
              <li key={method}>{method}</li>
            ))}
          </ul>
          {twoStep.methods.some((method) => method.startsWith('an authenticator app')) && (twoStep.methods.length > 1) && (
            <p>An authenticator app is harder to intercept than a code by email or text message.</p>
          )}
        </>
      )}
      {twoStep?.location && (
        <p>
          <strong>Where:</strong> {twoStep.location}
        </p>
      )}
      {note && <p class="muted small">{note}</p>}
      {twoStep?.helpUrl && (
        <p>
          <a href={twoStep.helpUrl} target="_blank" rel="noopener noreferrer">
            {portalName}’s own help on two-step verification
          </a>
        </p>
      )}
    </div>
  );
}
