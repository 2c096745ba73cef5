import type { ParsedPolicy } from '@/utils/policy/schema';

const PASSWORD_CHECK: Record<string, string> = {
  allowed: 'On for everyone',
  disallowed: 'Off, and cannot be turned on',
  'user-choice': 'Your choice',
};

/**
 * What the organisation's managed policy sets, read-only, and every value it tried to set that
 * Portal Guard refused, each with its reason (an administrator checks a deployment here).
 * Nothing renders without a policy.
 */
export function OrganizationSection({ parsed }: { parsed: ParsedPolicy }) {
  const { policy, problems, keys } = parsed;
  if (keys.length === 0 && problems.length === 0) return null;
  const organization = policy.organization;
  return (
    <section aria-labelledby="organization-heading" data-testid="options-organization">
      <h2 id="organization-heading">Set by your organisation</h2>
      <p class="muted small">These settings come from a policy your organisation installed on this computer. You cannot change them here.</p>
      <dl class="facts">
        {organization && (
          <>
            <dt>Organisation</dt>
            <dd data-testid="options-organization-name">{organization.name}</dd>
            {organization.supportUrl && (
              <>
                <dt>Support</dt>
                <dd>
                  <a href={organization.supportUrl} target="_blank" rel="noopener noreferrer">
                    {organization.supportUrl}
                  </a>
                </dd>
              </>
            )}
            {organization.phone && (
              <>
                <dt>Phone</dt>
                <dd>{organization.phone}</dd>
              </>
            )}
          </>
        )}
        {policy.additionalPortals.length > 0 && (
          <>
            <dt>Portals added</dt>
            <dd>{policy.additionalPortals.map(({ portal }) => portal.name).join(', ')}</dd>
          </>
        )}
        {policy.localNotices.length > 0 && (
          <>
            <dt>Notices for your patients</dt>
            <dd>{policy.localNotices.map((notice) => notice.title).join('; ')}</dd>
          </>
        )}
        {policy.feedUrl && (
          <>
            <dt>Feed address</dt>
            <dd>{policy.feedUrl}</dd>
          </>
        )}
        {policy.additionalFeedKeys.length > 0 && (
          <>
            <dt>Extra feed signing keys</dt>
            <dd>{policy.additionalFeedKeys.map((key) => key.keyId).join(', ')}</dd>
          </>
        )}
        {policy.pwnedPasswordsCheck && (
          <>
            <dt>Password breach check</dt>
            <dd>{PASSWORD_CHECK[policy.pwnedPasswordsCheck]}</dd>
          </>
        )}
        {policy.sharedComputerMode !== undefined && (
          <>
            <dt>Shared-computer mode</dt>
            <dd>{policy.sharedComputerMode ? 'On for everyone' : 'Your choice'}</dd>
          </>
        )}
      </dl>
      {problems.length > 0 && (
        <>
          <h3 id="policy-problems-heading">Not applied</h3>
          <p class="muted small">Portal Guard ignored these values and applied the rest of the policy. Your organisation’s IT can fix them.</p>
          <ul aria-labelledby="policy-problems-heading" data-testid="policy-problems">
            {problems.map((problem, index) => (
              <li key={index} class="error">
                <code>{problem.where || problem.key}</code>: {problem.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
