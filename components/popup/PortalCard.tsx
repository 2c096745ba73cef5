import { own } from '@/utils/own-keys';
import type { PortalSummary, TabStatus } from '@/utils/messaging/protocol';
import { formatList } from '@/utils/i18n/format';
import { t, type PlainKey } from '@/utils/i18n/t';
import { sessionLabel } from '@/utils/session/labels';
import { ReviewMark } from '../shared/ReviewMark';

const EVIDENCE_KEYS: Record<string, PlainKey> = {
  'password-field': 'popup.evidence.passwordField',
  'login-path': 'popup.evidence.loginPath',
  'logout-control': 'popup.evidence.logoutControl',
  'platform-logout-control': 'popup.evidence.platformLogoutControl',
  'signed-out-path': 'popup.evidence.signedOutPath',
  'signed-out-message': 'popup.evidence.signedOutMessage',
};

/** Which portal this is, who runs it, and the session state with the reason we think so. */
export function PortalCard({ portal, session }: { portal: PortalSummary; session: TabStatus['session'] }) {
  // Own keys only: an evidence id from the page must never reach an inherited name (utils/own-keys.ts).
  const reasons = session?.evidence.flatMap((item) => {
    const key = own(EVIDENCE_KEYS, item);
    return key ? [t(key)] : [];
  }) ?? [];
  return (
    <section class="card" aria-labelledby="portal-name">
      <h1 id="portal-name" data-testid="portal-name">
        {portal.displayName}
      </h1>
      {portal.addedBy && (
        <p>
          <ReviewMark addedBy={portal.addedBy} />
        </p>
      )}
      <p class="muted" data-testid="portal-operator">
        {t('popup.portal.operator', { operator: portal.operator })}
      </p>
      <dl class="facts">
        <dt>{t('popup.portal.address')}</dt>
        <dd data-testid="portal-host">{portal.host}</dd>
        <dt>{t('popup.portal.session')}</dt>
        <dd>
          <span class={`state state-${session?.state ?? 'unknown'}`} data-testid="session-state">
            {sessionLabel(session?.state ?? 'unknown')}
          </span>
          {reasons.length > 0 && <span class="muted"> {t('popup.portal.evidence', { evidence: formatList(reasons) })}</span>}
        </dd>
      </dl>
    </section>
  );
}
