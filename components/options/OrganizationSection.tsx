import type { ParsedPolicy, PwnedPasswordsPolicy } from '@/utils/policy/schema';
import { formatList } from '@/utils/i18n/format';
import { fill, keep, t, type PlainKey } from '@/utils/i18n/t';

const PASSWORD_CHECK: Record<PwnedPasswordsPolicy, PlainKey> = {
  allowed: 'options.organization.onForEveryone',
  disallowed: 'options.organization.offLocked',
  'user-choice': 'options.organization.yourChoice',
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
      <h2 id="organization-heading">{t('options.organization.heading')}</h2>
      <p class="muted small">{t('options.organization.intro')}</p>
      <dl class="facts">
        {organization && (
          <>
            <dt>{t('options.organization.name')}</dt>
            <dd data-testid="options-organization-name">{organization.name}</dd>
            {organization.supportUrl && (
              <>
                <dt>{t('options.organization.support')}</dt>
                <dd>
                  <a href={organization.supportUrl} target="_blank" rel="noopener noreferrer">
                    {organization.supportUrl}
                  </a>
                </dd>
              </>
            )}
            {organization.phone && (
              <>
                <dt>{t('options.organization.phone')}</dt>
                <dd>{organization.phone}</dd>
              </>
            )}
          </>
        )}
        {policy.additionalPortals.length > 0 && (
          <>
            <dt>{t('options.organization.portals')}</dt>
            <dd>{formatList(policy.additionalPortals.map(({ portal }) => portal.name), 'unit')}</dd>
          </>
        )}
        {policy.localNotices.length > 0 && (
          <>
            <dt>{t('options.organization.notices')}</dt>
            <dd>{policy.localNotices.map((notice) => notice.title).join('; ')}</dd>
          </>
        )}
        {policy.feedUrl && (
          <>
            <dt>{t('options.organization.feedUrl')}</dt>
            <dd>{policy.feedUrl}</dd>
          </>
        )}
        {policy.additionalFeedKeys.length > 0 && (
          <>
            <dt>{t('options.organization.feedKeys')}</dt>
            <dd>{formatList(policy.additionalFeedKeys.map((key) => key.keyId), 'unit')}</dd>
          </>
        )}
        {policy.pwnedPasswordsCheck && (
          <>
            <dt>{t('options.organization.passwordCheck')}</dt>
            <dd>{t(PASSWORD_CHECK[policy.pwnedPasswordsCheck])}</dd>
          </>
        )}
        {policy.sharedComputerMode !== undefined && (
          <>
            <dt>{t('options.organization.sharedComputer')}</dt>
            <dd>{policy.sharedComputerMode ? t('options.organization.onForEveryone') : t('options.organization.yourChoice')}</dd>
          </>
        )}
      </dl>
      {problems.length > 0 && (
        <>
          <h3 id="policy-problems-heading">{t('options.organization.problemsHeading')}</h3>
          <p class="muted small">{t('options.organization.problemsIntro')}</p>
          <ul aria-labelledby="policy-problems-heading" data-testid="policy-problems">
            {problems.map((problem, index) => (
              <li key={index} class="error">
                {fill(t('options.organization.problem', keep('where', 'reason')), { where: <code>{problem.where || problem.key}</code>, reason: problem.reason })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
