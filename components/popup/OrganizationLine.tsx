import type { TabStatus } from '@/utils/messaging/protocol';

/**
 * Who set Portal Guard up, from the managed policy: the clinic's name and how to reach its
 * support, so a patient on a practice computer knows whom to ask. Text only; the link is https
 * (checked when the policy was parsed).
 */
export function OrganizationLine({ organization }: { organization: TabStatus['organization'] }) {
  if (!organization) return null;
  const { name, supportUrl, phone } = organization;
  const support = supportUrl && (
    <a href={supportUrl} target="_blank" rel="noopener noreferrer" data-testid="organization-support">
      Visit their support page
    </a>
  );
  const call = phone && (
    <>
      {supportUrl ? 'call' : 'Call'}{' '}
      <a href={`tel:${phone.replace(/[^+\d]/g, '')}`} data-testid="organization-phone">
        {phone}
      </a>
    </>
  );
  return (
    <p class="muted small organization" data-testid="organization">
      Set up for you by <strong data-testid="organization-name">{name}</strong>.
      {(support || call) && (
        <>
          {' '}
          Need help?{' '}
          {support && call ? (
            <>
              {support} or {call}.
            </>
          ) : (
            <>
              {support || call}.
            </>
          )}
        </>
      )}
    </p>
  );
}
