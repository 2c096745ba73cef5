import type { Evidence, Portal } from '../portals/schema';
import type { PortalIndex } from '../portals';
import { resolveChangePassword, type ChangePasswordRoute } from './change-password';
import type { GuideProgress } from './state';
import { t } from '../i18n/t';

/**
 * What the guide says about one portal, all of it taken from the catalogue entry (and, for step 1,
 * the stored well-known check). Nothing here is invented per portal: where the catalogue has no
 * fact, the field is empty and the page says Portal Guard does not know.
 */

type TwoStep = NonNullable<NonNullable<Portal['account']>['twoStep']>;

/** The words for each way a portal checks it is you: message keys, read in the browser's language. */
export const METHOD_KEYS = {
  'email-code': 'guide.twoStep.method.emailCode',
  'sms-code': 'guide.twoStep.method.smsCode',
  'phone-code': 'guide.twoStep.method.phoneCode',
  'authenticator-app': 'guide.twoStep.method.authenticatorApp',
  passkey: 'guide.twoStep.method.passkey',
  'digital-id': 'guide.twoStep.method.digitalId',
  'security-questions': 'guide.twoStep.method.securityQuestions',
} as const satisfies Record<TwoStep['methods'][number], string>;

export interface GuideFacts {
  portalId: string;
  /** "Cleveland Clinic’s MyChart", or the portal's name. */
  displayName: string;
  operator: string;
  /** Set for a portal Portal Guard has not reviewed: the page marks it (`review-mark.ts`). */
  addedBy?: 'user' | 'policy';
  /** The host the patient uses, when known and claimed by this portal in the catalogue. */
  host?: string;
  changePassword: ChangePasswordRoute;
  twoStep?: { status: TwoStep['status']; methods: string[]; location?: string; helpUrl?: string; evidence: Evidence };
  accessLog: boolean;
  notes: string[];
}

/**
 * The host to use: the one asked for if the catalogue gives it to this portal, otherwise the one
 * the guide remembered (checked the same way), otherwise none.
 */
export function guideFacts(portal: Portal, index: Pick<PortalIndex, 'lookupHost'>, candidates: (string | undefined)[], progress: GuideProgress | undefined): GuideFacts {
  const match = candidates.map((host) => (host ? index.lookupHost(host) : undefined)).find((found) => found?.portal.id === portal.id);
  const twoStep = portal.account?.twoStep;
  const tenantPath = match?.how === 'tenant' ? match.tenant?.path : undefined;
  return {
    portalId: portal.id,
    displayName: match?.displayName ?? portal.name,
    operator: match?.tenant && match.how === 'tenant' ? match.tenant.organization : portal.operator,
    ...(portal.addedBy ? { addedBy: portal.addedBy } : {}),
    ...(match ? { host: match.host } : {}),
    changePassword: resolveChangePassword(portal, { ...(match ? { host: match.host } : {}), ...(tenantPath ? { tenantPath } : {}) }, progress?.probe),
    ...(twoStep
      ? {
          twoStep: {
            status: twoStep.status,
            methods: twoStep.methods.map((method) => t(METHOD_KEYS[method])),
            ...(twoStep.location ? { location: twoStep.location } : {}),
            ...(twoStep.helpUrl ? { helpUrl: twoStep.helpUrl } : {}),
            evidence: twoStep.evidence,
          },
        }
      : {}),
    accessLog: portal.account?.accessLog === true,
    notes: portal.notes ?? [],
  };
}

/** A short note on where a fact comes from, when it is not the operator's own page. */
export function evidenceNote(evidence: Evidence | undefined): string | undefined {
  if (evidence === 'secondary') return t('guide.evidence.secondary');
  if (evidence === 'unverified') return t('guide.evidence.unverified');
  return undefined;
}
