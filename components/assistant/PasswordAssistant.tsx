import type { PwnedResult } from '@/utils/password/pwned';
import { strengthLabel, type Assessment } from '@/utils/password/strength';
import { formatNumber } from '@/utils/i18n/format';
import { t, type PlainKey } from '@/utils/i18n/t';

export type PwnedState = { status: 'off' } | { status: 'idle' } | { status: 'checking' } | PwnedResult;

export interface AssistantViewProps {
  assessment: Assessment;
  engine: 'loading' | 'ready' | 'failed';
  pwned: PwnedState;
  /** Debounced, so a screen reader hears a summary after a pause, not every keystroke. */
  announcement: string;
}

const FAILURE_WORDS: Record<Extract<PwnedResult, { status: 'failed' }>['reason'], PlainKey> = {
  off: 'assistant.failure.off',
  offline: 'assistant.failure.offline',
  timeout: 'assistant.failure.timeout',
  server: 'assistant.failure.server',
  'bad-response': 'assistant.failure.badResponse',
};

/** One line about known breaches, or why there is none. */
export function pwnedLine(pwned: PwnedState): { text: string; tone: 'muted' | 'ok' | 'warn' } | undefined {
  switch (pwned.status) {
    case 'off':
      return { text: t('assistant.pwned.off'), tone: 'muted' };
    case 'idle':
      return undefined;
    case 'checking':
      return { text: t('assistant.pwned.checking'), tone: 'muted' };
    case 'found':
      return { text: t('assistant.pwned.found', pwned.count, { count: formatNumber(pwned.count) }), tone: 'warn' };
    case 'not-found':
      return { text: t('assistant.pwned.notFound'), tone: 'ok' };
    case 'failed':
      return { text: t('assistant.pwned.failed', { reason: t(FAILURE_WORDS[pwned.reason]) }), tone: 'warn' };
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
    <section class="pg" role="group" aria-label={t('assistant.label')}>
      <p class="eyebrow">{t('assistant.eyebrow')}</p>
      {length === 0 ? (
        <p data-testid="assistant-hint">{t('assistant.hint')}</p>
      ) : (
        <>
          <div class="meter-row">
            {strength ? (
              <>
                <div class="meter" role="meter" aria-label={t('assistant.strengthLabel')} aria-valuemin={0} aria-valuemax={4} aria-valuenow={strength.score} aria-valuetext={strengthLabel(strength.score)}>
                  <span class={`bar s${strength.score}`} style={{ width: `${((strength.score + 1) / 5) * 100}%` }} />
                </div>
                <strong data-testid="strength-label" data-score={String(strength.score)}>
                  {strengthLabel(strength.score)}
                </strong>
              </>
            ) : (
              <span class="muted" data-testid="strength-label">
                {engine === 'failed' ? t('assistant.strengthUnavailable') : t('assistant.checkingStrength')}
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
          {t('assistant.sameAsCurrent')}
        </p>
      )}
      {assessment.confirm === 'mismatch' && (
        <p class="warn" data-testid="confirm-mismatch">
          {t('assistant.mismatch')}
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
    <section class="pg offer" role="region" aria-label={t('assistant.offer.label')}>
      <p class="eyebrow">{t('assistant.eyebrow')}</p>
      <div aria-live="polite" aria-atomic="true">
        {state === 'offer' && <p>{t('assistant.offer.ask', { portal: portalLabel })}</p>}
        {state === 'marking' && <p>{t('assistant.offer.saving')}</p>}
        {state === 'marked' && <p data-testid="offer-marked">{t('assistant.offer.marked')}</p>}
        {state === 'already-done' && <p data-testid="offer-marked">{t('assistant.offer.alreadyDone')}</p>}
        {state === 'finished-guide' && <p>{t('assistant.offer.finished')}</p>}
        {state === 'failed' && <p class="warn">{t('assistant.offer.failed')}</p>}
      </div>
      <div class="actions">
        {state === 'offer' && (
          <button type="button" data-testid="offer-mark-done" onClick={trusted(onMark)}>
            {t('assistant.offer.mark')}
          </button>
        )}
        <button type="button" class="secondary" onClick={trusted(onDismiss)}>
          {state === 'offer' ? t('assistant.offer.notNow') : t('assistant.offer.close')}
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
