import type { PwnedResult } from '@/utils/password/pwned';
import { STRENGTH_LABELS, type Assessment } from '@/utils/password/strength';

export type PwnedState = { status: 'off' } | { status: 'idle' } | { status: 'checking' } | PwnedResult;

export interface AssistantViewProps {
  assessment: Assessment;
  engine: 'loading' | 'ready' | 'failed';
  pwned: PwnedState;
  /** Debounced, so a screen reader hears a summary after a pause, not every keystroke. */
  announcement: string;
}

const FAILURE_WORDS: Record<Extract<PwnedResult, { status: 'failed' }>['reason'], string> = {
  off: 'the breach check is off',
  offline: 'there is no connection',
  timeout: 'the service took too long to answer',
  server: 'the service had a problem',
  'bad-response': 'the answer was not understood',
};

/** One line about known breaches, or why there is none. */
export function pwnedLine(pwned: PwnedState): { text: string; tone: 'muted' | 'ok' | 'warn' } | undefined {
  switch (pwned.status) {
    case 'off':
      return { text: 'Breach check is off. You can turn it on in Portal Guard’s password guide.', tone: 'muted' };
    case 'idle':
      return undefined;
    case 'checking':
      return { text: 'Checking known data breaches…', tone: 'muted' };
    case 'found':
      return { text: `Found in data breaches (${pwned.count.toLocaleString('en-NZ')} times). Criminals try these first: choose a different password.`, tone: 'warn' };
    case 'not-found':
      return { text: 'Not found in known data breaches.', tone: 'ok' };
    case 'failed':
      return { text: `Could not check known data breaches: ${FAILURE_WORDS[pwned.reason]}. This does not mean the password is safe.`, tone: 'warn' };
  }
}

/**
 * The new-password assistant, next to the portal's own field, inside a closed shadow root. It
 * only reads the page's fields; it never writes to them, moves them or blocks their events, so
 * the portal's own validation keeps working. Strength is a `meter` with its value in words.
 */
export function PasswordAssistant({ assessment, engine, pwned, announcement }: AssistantViewProps) {
  const { strength, advice, length } = assessment;
  const breach = pwnedLine(pwned);
  return (
    <section class="pg" role="group" aria-label="Portal Guard: new password check">
      <p class="eyebrow">Portal Guard</p>
      {length === 0 ? (
        <p data-testid="assistant-hint">Type your new password: Portal Guard shows how strong it is. What you type stays on this page.</p>
      ) : (
        <>
          <div class="meter-row">
            {strength ? (
              <>
                <div class="meter" role="meter" aria-label="Password strength" aria-valuemin={0} aria-valuemax={4} aria-valuenow={strength.score} aria-valuetext={STRENGTH_LABELS[strength.score]}>
                  <span class={`bar s${strength.score}`} style={{ width: `${((strength.score + 1) / 5) * 100}%` }} />
                </div>
                <strong data-testid="strength-label" data-score={String(strength.score)}>
                  {STRENGTH_LABELS[strength.score]}
                </strong>
              </>
            ) : (
              <span class="muted" data-testid="strength-label">
                {engine === 'failed' ? 'Strength check unavailable' : 'Checking strength…'}
              </span>
            )}
          </div>
          <p data-testid="length-advice">{advice.text}</p>
          {strength?.warning && <p data-testid="strength-warning">{strength.warning}</p>}
          {strength && strength.score < 3 && strength.suggestions[0] && <p class="muted">{strength.suggestions[0]}</p>}
        </>
      )}
      {assessment.sameAsCurrent && (
        <p class="warn" data-testid="same-as-current">
          This is the same as your current password. Choose a new one.
        </p>
      )}
      {assessment.confirm === 'mismatch' && (
        <p class="warn" data-testid="confirm-mismatch">
          The two new passwords do not match.
        </p>
      )}
      {breach && (
        <p class={breach.tone} data-testid="pwned-result" data-status={pwned.status}>
          {breach.text}
        </p>
      )}
      <p class="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </p>
    </section>
  );
}

export type OfferState = 'offer' | 'marking' | 'marked' | 'already-done' | 'finished-guide' | 'failed';

/**
 * After the form is submitted: "Mark step 1 done". Floats at the bottom of the page in its own
 * closed shadow root, because many portals replace the form once it is accepted. Acts only on
 * the patient's own (trusted) clicks.
 */
export function StepDoneOffer({ state, portalLabel, onMark, onDismiss }: { state: OfferState; portalLabel: string; onMark: () => void; onDismiss: () => void }) {
  const trusted = (handler: () => void) => (event: Event) => {
    if (event.isTrusted) handler();
  };
  return (
    <section class="pg offer" role="region" aria-label="Portal Guard password guide">
      <p class="eyebrow">Portal Guard</p>
      <div aria-live="polite" aria-atomic="true">
        {state === 'offer' && <p>Did {portalLabel} accept your new password? Then step 1 of your password guide is done.</p>}
        {state === 'marking' && <p>Saving…</p>}
        {state === 'marked' && <p data-testid="offer-marked">Step 1 is marked done in your password guide. Next: two-step verification.</p>}
        {state === 'already-done' && <p data-testid="offer-marked">Step 1 is already marked done in your password guide.</p>}
        {state === 'finished-guide' && <p>Your password guide for this portal is finished. Start it again from the Portal Guard button to record this change.</p>}
        {state === 'failed' && <p class="warn">Portal Guard could not save that. Mark step 1 done in the guide instead.</p>}
      </div>
      <div class="actions">
        {state === 'offer' && (
          <button type="button" data-testid="offer-mark-done" onClick={trusted(onMark)}>
            Mark step 1 done
          </button>
        )}
        <button type="button" class="secondary" onClick={trusted(onDismiss)}>
          {state === 'offer' ? 'Not now' : 'Close'}
        </button>
      </div>
    </section>
  );
}

/** Styles for both closed shadow roots. WXT resets inherited styles first. Colours meet WCAG AA. */
export const ASSISTANT_CSS = `
:host { display: block !important; }
.pg { font: 14px/1.4 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1b1b; background: #f3f7fc; border: 1px solid #0b4f9c; border-radius: 6px; padding: 8px 10px; margin: 6px 0; box-sizing: border-box; max-width: 36rem; }
.pg p { margin: 3px 0; }
.eyebrow { font-weight: 700; color: #0b4f9c; font-size: 0.85em; }
.meter-row { display: flex; align-items: center; gap: 10px; }
.meter { flex: 1; max-width: 14rem; height: 8px; background: #d8dee6; border-radius: 4px; overflow: hidden; }
.bar { display: block; height: 100%; }
.s0, .s1 { background: #a4262c; } .s2 { background: #8a5a00; } .s3, .s4 { background: #1f6b3a; }
.muted { color: #4a4a4a; }
.ok { color: #1f6b3a; }
.warn { color: #a4262c; font-weight: 600; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.offer { position: fixed; right: 16px; bottom: 16px; z-index: 2147483646; box-shadow: 0 2px 10px rgba(0,0,0,.25); background: #fff; max-width: 22rem; }
.actions { display: flex; gap: 8px; margin-top: 6px; }
button { font: inherit; padding: 5px 12px; border-radius: 4px; border: 1px solid #0b4f9c; background: #0b4f9c; color: #fff; cursor: pointer; }
button.secondary { background: #fff; color: #0b4f9c; }
button:focus-visible { outline: 3px solid #0b4f9c; outline-offset: 2px; }
`;
