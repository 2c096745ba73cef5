import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { ASSISTANT_CSS, PasswordAssistant, StepDoneOffer, type OfferState, type PwnedState } from '@/components/assistant/PasswordAssistant';
import { sendMessage } from '../../utils/messaging/send';
import { assistantBundle } from '../../utils/content/bundles';
import type { AssistantConfig, AssistantHandle } from '../../utils/content/password-assistant';
import type { PasswordForm } from '../../utils/password/form-detect';
import { checkPwned } from '../../utils/password/pwned';
import { assess, strengthLabel, type Estimate } from '../../utils/password/strength';
import { t } from '../../utils/i18n/t';

/**
 * The assistant's code (`password-assistant.js`), loaded by the content script only when a
 * new-password form is on the page. It shows the UI at once, and loads the strength estimator
 * with its dictionaries (`password-strength.js`) in the background.
 *
 * Rules it keeps (docs/password-guide.md, "A hostile page"):
 * - it reads the page's fields and never writes to them, moves them or stops their events, so the
 *   portal's own validation still runs; its listeners are passive;
 * - its UI is in closed shadow roots, so the page cannot read it or press its buttons;
 * - anything that acts (a breach check, "Mark step 1 done", noticing a submission) needs a
 *   trusted event, and the breach check waits for the patient's first keystroke in the field; a
 *   repaint does not, since a password manager's fill is not trusted either;
 * - every listener and timer is tied to WXT's `ctx` (and to this mount, for an SPA that removes
 *   the form), and the password only ever lives in the page's own field.
 */

/** Wait this long after the last keystroke before asking about breaches. */
const PWNED_DEBOUNCE_MS = 700;
/** Shorter passwords are "too short" anyway; do not spend a request on them. */
const PWNED_MIN_LENGTH = 6;
/** Speak a summary after this long without typing. */
const ANNOUNCE_AFTER_MS = 1_000;

const SUBMIT_WORDS = /\b(?:save|change|update|submit|continue|confirm|set|reset|create|register|sign up|next|accept|done)\b/i;

export interface AssistantDeps {
  /** Runs `password-strength.js` and builds the estimator: the content script's loader, handed in, so this bundle loads no code. */
  loadStrength: () => Promise<Estimate>;
  send?: typeof sendMessage;
}

export async function mountAssistant(ctx: ContentScriptContext, form: PasswordForm, initial: AssistantConfig, { loadStrength, send = sendMessage }: AssistantDeps): Promise<AssistantHandle> {
  let config = initial;
  const local = new AbortController();
  const signal = AbortSignal.any([ctx.signal, local.signal]);
  const listen = (target: EventTarget, type: string, handler: (event: Event) => void, capture = false) => target.addEventListener(type, handler, { capture, passive: true, signal });
  const timers = new Set<number>();
  const later = (ms: number, run: () => void) => {
    const id = ctx.setTimeout(() => {
      timers.delete(id);
      run();
    }, ms);
    timers.add(id);
    return id;
  };
  const cancel = (id: number | undefined) => {
    if (id === undefined) return;
    clearTimeout(id);
    timers.delete(id);
  };

  let estimate: Estimate | undefined;
  let engine: 'loading' | 'ready' | 'failed' = 'loading';
  let pwned: PwnedState = config.breachCheck ? { status: 'idle' } : { status: 'off' };
  let announcement = '';
  let offer: OfferState | undefined;
  let pwnedTimer: number | undefined;
  let announceTimer: number | undefined;
  let frame: number | undefined;
  /**
   * Whether the patient has typed in the new-password field: a trusted `input` event there. Until
   * then no range request is sent, whatever the field holds, because a value the page wrote (before
   * or after we mounted) would otherwise send a prefix the patient never chose (issue 14, item 4).
   * A password manager's fill is not trusted either, so it waits for the first keystroke too.
   */
  let typed = false;

  const portalLabel = location.hostname;
  const values = () => ({ newPassword: form.newPassword.value, ...(form.confirm ? { confirm: form.confirm.value } : {}), ...(form.current ? { current: form.current.value } : {}) });
  // Words from the page that make a password guessable: the email or user name and the site.
  const userInputs = () => [...form.identityFields.flatMap((field) => [field.value, ...field.value.split(/[@._\-\s]+/)]), ...location.hostname.split('.')].filter((word) => word.length >= 3);

  const ui = await createShadowRootUi(ctx, {
    name: 'portal-guard-password',
    mode: 'closed',
    position: 'inline',
    anchor: form.newPassword,
    append: 'after',
    css: ASSISTANT_CSS,
    isolateEvents: true,
    onMount: (container) => container,
    onRemove: (container) => container && render(null, container),
  });
  let offerUi: Awaited<ReturnType<typeof createShadowRootUi<HTMLElement>>> | undefined;

  const paintOffer = () => {
    if (ctx.isInvalid || !offerUi || !offer) return;
    render(h(StepDoneOffer, { state: offer, portalLabel, onMark: markDone, onDismiss: dismissOffer }), offerUi.uiContainer);
  };
  const paint = () => {
    frame = undefined;
    paintOffer();
    // After `remove` (the form went away), only the offer lives on.
    if (signal.aborted) return;
    if (!ui.mounted) ui.mount();
    render(h(PasswordAssistant, { assessment: assess(values(), estimate, userInputs()), engine, pwned, announcement }), ui.uiContainer);
  };
  const repaint = () => {
    frame ??= ctx.requestAnimationFrame(paint);
  };

  const announce = () => {
    cancel(announceTimer);
    announceTimer = later(ANNOUNCE_AFTER_MS, () => {
      const now = assess(values(), estimate, userInputs());
      // Separate sentences, each whole, read one after the other by a screen reader.
      const parts = [now.strength ? t('assistant.announce.strength', { strength: strengthLabel(now.strength.score) }) : '', now.advice.text, now.sameAsCurrent ? t('assistant.announce.sameAsCurrent') : '', now.confirm === 'mismatch' ? t('assistant.mismatch') : ''];
      announcement = now.length === 0 ? '' : parts.filter(Boolean).join(' ');
      repaint();
    });
  };

  const runPwned = async () => {
    const password = form.newPassword.value;
    if (!config.breachCheck || !typed) return;
    if ([...password].length < PWNED_MIN_LENGTH) {
      pwned = { status: 'idle' };
      return repaint();
    }
    pwned = { status: 'checking' };
    repaint();
    const result = await checkPwned(password, async (prefix) => (await send('cs-bg/pwned-range', { prefix })).result);
    // The patient kept typing: this answer is for an older password.
    if (signal.aborted || form.newPassword.value !== password) return;
    pwned = result.status === 'failed' && result.reason === 'off' ? { status: 'off' } : result;
    repaint();
    announce();
  };

  const onInput = (event: Event) => {
    repaint();
    announce();
    if (event.target === form.newPassword && event.isTrusted && event.type === 'input') typed = true;
    if (event.target === form.newPassword && event.isTrusted && typed && config.breachCheck) {
      cancel(pwnedTimer);
      pwned = { status: 'idle' };
      pwnedTimer = later(PWNED_DEBOUNCE_MS, () => void runPwned());
    }
  };
  for (const field of [form.newPassword, form.confirm, form.current]) {
    if (!field) continue;
    listen(field, 'input', onInput);
    listen(field, 'change', onInput);
  }

  // The patient may have opted in on the guide page since this tab loaded.
  listen(form.newPassword, 'focus', (event) => {
    if (!event.isTrusted) return;
    void send('cs-bg/password-form', { kind: form.kind }).then(({ ok: _ok, ...fresh }) => {
      const wasOn = config.breachCheck;
      config = fresh;
      if (!config.breachCheck) pwned = { status: 'off' };
      else if (!wasOn) {
        pwned = { status: 'idle' };
        void runPwned();
      }
      repaint();
    }, () => {});
  });

  // Submission: a trusted submit of the form, or a trusted click on its submit button (many
  // single-page apps have no <form>). Only offers; marking needs a second, trusted click.
  const submitted = (event: Event) => {
    if (!event.isTrusted || form.kind === 'signup' || offer) return;
    const now = assess(values(), undefined);
    if (now.length === 0 || now.confirm === 'mismatch' || now.confirm === 'empty') return;
    void showOffer();
  };
  if (form.container instanceof HTMLFormElement) listen(form.container, 'submit', submitted, true);
  listen(
    form.container,
    'click',
    (event) => {
      const control = (event.target as Element | null)?.closest?.('button, input[type=submit], input[type=button], [role=button]');
      if (!control || !form.container.contains(control)) return;
      const label = control instanceof HTMLInputElement ? control.value : (control.textContent ?? '');
      if ((control as HTMLButtonElement).type === 'submit' || SUBMIT_WORDS.test(label)) submitted(event);
    },
    true,
  );

  const showOffer = async () => {
    offer = config.guide === 'finished' ? 'finished-guide' : config.changePasswordStep === 'done' ? 'already-done' : 'offer';
    offerUi ??= await createShadowRootUi(ctx, {
      name: 'portal-guard-password-offer',
      mode: 'closed',
      position: 'inline',
      anchor: 'body',
      append: 'last',
      css: ASSISTANT_CSS,
      isolateEvents: true,
      onMount: (container) => container,
      onRemove: (container) => container && render(null, container),
    });
    if (!offerUi.mounted) offerUi.mount();
    paintOffer();
  };
  const markDone = () => {
    offer = 'marking';
    paintOffer();
    send('cs-bg/guide-password-changed', {}).then(
      (reply) => {
        offer = reply.guide === 'finished' ? 'finished-guide' : 'marked';
        config = { ...config, changePasswordStep: 'done' };
        paintOffer();
      },
      () => {
        offer = 'failed';
        paintOffer();
      },
    );
  };
  const dismissOffer = () => {
    offer = undefined;
    offerUi?.remove();
  };

  paint();
  loadStrength().then(
    (loaded) => {
      estimate = loaded;
      engine = 'ready';
      repaint();
    },
    () => {
      engine = 'failed';
      repaint();
    },
  );
  // A password already in the field (a manager's fill, the back button, or the page's own
  // script) is not checked: only the patient's typing starts the breach check.

  const handle: AssistantHandle = {
    field: form.newPassword,
    remove: () => {
      local.abort();
      timers.forEach((id) => clearTimeout(id));
      timers.clear();
      ui.remove();
      // A portal that swaps the accepted form for a message must not take the offer with it.
      if (!offer) offerUi?.remove();
    },
  };
  ctx.onInvalidated(() => offerUi?.remove());
  return handle;
}

/** Called when `password-assistant.js` runs: hand the mount function to the isolated world. */
export function registerAssistant(): void {
  assistantBundle.register(mountAssistant);
}
