import type { ChangePasswordRoute } from '@/utils/guide/change-password';
import { evidenceNote } from '@/utils/guide/portal-facts';

const WHY_HOME: Record<Extract<ChangePasswordRoute, { kind: 'home' }>['why'], string> = {
  'not-checked': 'Portal Guard checks whether the portal has a standard change-password address the next time you open one of its pages while this step is open.',
  unreliable: 'The portal answers every address, even ones that do not exist, so its standard change-password address cannot be trusted.',
  missing: 'The portal has no standard change-password address.',
  failed: 'Portal Guard could not check the portal’s standard change-password address.',
};

/** Step 1: where to change the password, and what makes a good new one (NIST SP 800-63B). */
export function ChangePasswordStep({ portalName, route }: { portalName: string; route: ChangePasswordRoute }) {
  const note = evidenceNote(route.evidence);
  return (
    <div>
      {route.kind === 'home' ? (
        <>
          <p>
            {route.url ? (
              <a href={route.url} target="_blank" rel="noopener noreferrer" data-testid="guide-open-change-password">
                Open {portalName}
              </a>
            ) : (
              `Open ${portalName}`
            )}{' '}
            and sign in. Then find the page where you change your password.
          </p>
          {route.directions ? (
            <p data-testid="guide-directions">
              <strong>Where to find it:</strong> {route.directions}
              {note && <span class="muted"> {note}</span>}
            </p>
          ) : (
            <p data-testid="guide-directions">
              Portal Guard has no directions for {portalName}. General advice, not specific to this portal: most portals keep it under your name or profile menu, in
              Settings, Security or Account.
            </p>
          )}
          <p class="muted small" data-testid="guide-route-why">
            {WHY_HOME[route.why]}
          </p>
        </>
      ) : (
        <>
          <p>
            <a href={route.url} target="_blank" rel="noopener noreferrer" class="button-link" data-testid="guide-open-change-password">
              Open {portalName}’s change-password page
            </a>
          </p>
          <p class="muted small" data-testid="guide-route-why">
            {route.kind === 'catalogue'
              ? 'This address comes from Portal Guard’s portal catalogue.'
              : 'This is the portal’s standard change-password address; Portal Guard checked that the portal answers it properly.'}{' '}
            Sign in first if the portal asks.
          </p>
          {route.directions && (
            <p>
              <strong>If the link does not take you there:</strong> {route.directions}
              {note && <span class="muted"> {note}</span>}
            </p>
          )}
        </>
      )}
      <p>On the form, Portal Guard shows next to the new-password field how strong the password is. What makes a good one:</p>
      <ul>
        <li>Make it long: 15 characters or more. A few unrelated words are long and easy to remember.</li>
        <li>You do not need symbols, numbers or capital letters. Length matters more.</li>
        <li>Use it only for {portalName}, never on another site.</li>
        <li>You do not need to change it again on a schedule, only if it may have been exposed.</li>
      </ul>
    </div>
  );
}
