import type { TabStatus } from '@/utils/messaging/protocol';
import { fill, keep, t } from '@/utils/i18n/t';

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
      {t('popup.organization.supportLink')}
    </a>
  );
  const call = phone && (
    <a href={`tel:${phone.replace(/[^+\d]/g, '')}`} data-testid="organization-phone">
      {phone}
    </a>
  );
  // One whole sentence per case ("… or call …", "… support page.", "Call …"), never pieces joined.
  const help = support && call ? fill(t('popup.organization.helpBoth', keep('support', 'phone')), { support, phone: call }) : support ? fill(t('popup.organization.helpSupport', keep('support')), { support }) : call ? fill(t('popup.organization.helpPhone', keep('phone')), { phone: call }) : undefined;
  return (
    <p class="muted small organization" data-testid="organization">
      {fill(t('popup.organization.setUp', keep('name')), { name: <strong data-testid="organization-name">{name}</strong> })}
      {help && <> {help}</>}
    </p>
  );
}
