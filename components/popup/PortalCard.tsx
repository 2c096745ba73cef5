import { own } from '@/utils/own-keys';
import type { PortalSummary, TabStatus } from '@/utils/messaging/protocol';
import { SESSION_LABELS } from '@/utils/session/state';
import { ReviewMark } from '../shared/ReviewMark';

const EVIDENCE_WORDS: Record<string, string> = {
  'password-field': 'a password field',
  'login-path': 'a sign-in address',
  'logout-control': 'a sign-out button',
  'platform-logout-control': 'the portal’s sign-out button',
  'signed-out-path': 'a signed-out address',
  'signed-out-message': 'a “signed out” message',
};

/** Which portal this is, who runs it, and the session state with the reason we think so. */
export function PortalCard({ portal, session }: { portal: PortalSummary; session: TabStatus['session'] }) {
  const reasons = session?.evidence.map((item) => own(EVIDENCE_WORDS, item)).filter(Boolean) ?? [];
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
        Run by {portal.operator}
      </p>
      <dl class="facts">
        <dt>Address</dt>
        <dd data-testid="portal-host">{portal.host}</dd>
        <dt>Session</dt>
        <dd>
          <span class={`state state-${session?.state ?? 'unknown'}`} data-testid="session-state">
            {SESSION_LABELS[session?.state ?? 'unknown']}
          </span>
          {reasons.length > 0 && <span class="muted"> (we saw {reasons.join(' and ')})</span>}
        </dd>
      </dl>
    </section>
  );
}
