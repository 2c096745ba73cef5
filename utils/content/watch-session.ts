import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BannerNotice, ResponseOf } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { detectPlatform, type SignalTable } from '../portals/platform-signals';
import { classifyPage, type Classification, type PlatformSignals } from '../session/classify';
import type { SessionState } from '../session/state';
import { isolatedSlot } from './isolated-slot';

/**
 * The content script's core loop: classify the page, report changes to the background, and keep
 * doing so as a single-page app navigates. The banner, the password assistant and the
 * change-password probe ride on its callbacks (entrypoints/portal.content.ts), so one throttled
 * check serves them all.
 *
 *   injection ──► classify ──► report (only when the state or evidence changed)
 *        ▲                          │
 *        └── URL change (Navigation API / WXT's watcher) or a DOM change, throttled ◄──┘
 *
 * A DOM change schedules at most one re-check per SETTLE_MS, and the check itself is a few
 * selector queries, so a busy page costs next to nothing. Every listener, observer and timer is
 * tied to `ctx`, so an extension update or reload stops the old copy.
 */

const guard = isolatedSlot<ContentScriptContext>(Symbol.for('portal-guard.session-watcher'));
/** At most one re-check per this many milliseconds while the DOM keeps changing. */
const SETTLE_MS = 400;

export interface WatchOptions {
  /** Send a classification to the background; the reply lists the notices relevant now. */
  report?: (result: Classification & { path: string; detection?: { platformId: string; matched: string[] } }) => Promise<ResponseOf<'cs-bg/session'>>;
  /** Called with each state the background acknowledged, and its relevant notices. */
  onUpdate?: (state: SessionState, notices: BannerNotice[]) => void;
  /** Called with every reply, for requests that ride on it (the password guide's well-known check). */
  onReply?: (reply: ResponseOf<'cs-bg/session'>) => void;
  /**
   * Called after every (throttled) check, whether or not the classification changed, when the
   * page is next idle: nothing it does (the password-form search) delays classifying or reporting.
   */
  onCheck?: (doc: Document) => void;
  doc?: Document;
  /** The page's address; tests pass one, since happy-dom's document stays on its own origin. */
  href?: () => string;
}

export function watchSession(ctx: ContentScriptContext, { report = (result) => sendMessage('cs-bg/session', result), onUpdate, onReply, onCheck, doc = document, href = () => location.href }: WatchOptions = {}): void {
  // Guard against double injection (a manual re-injection, or a second copy after an update
  // before the old one noticed it was invalidated). The symbol lives in our isolated world, which
  // the page cannot see or set.
  const previous = guard.get();
  if (previous && previous.isValid) return;
  guard.set(ctx);
  ctx.onInvalidated(() => {
    if (guard.get() === ctx) guard.set(undefined);
  });

  // Generic signals first; the platform's own arrive with the first reply (see the protocol).
  let signals: PlatformSignals = {};
  // The platform-signal table arrives with a reply only on hosts the catalogue does not list.
  let platforms: SignalTable | undefined;
  let last = '';
  let timer: number | undefined;
  let idle: number | undefined;

  const check = () => {
    timer = undefined;
    if (ctx.isInvalid) return;
    // Non-critical work waits for idle time, at most 500 ms; checks in between share one callback.
    if (onCheck) idle ??= ctx.requestIdleCallback(() => {
      idle = undefined;
      if (!ctx.isInvalid) onCheck(doc);
    }, { timeout: 500 });
    const url = new URL(href());
    const result = classifyPage(doc, url, signals);
    const found = platforms ? detectPlatform(doc, url, platforms) : undefined;
    const detection = found ? { platformId: found.platformId, matched: found.matched } : undefined;
    const key = `${result.state}|${result.evidence.join(',')}|${url.pathname}|${detection ? `${detection.platformId}:${detection.matched.join(',')}` : ''}`;
    if (key === last) return;
    last = key;
    // Sent from a microtask: classifying is the page's only wait at injection (the bench's goal);
    // the message goes out as soon as this task ends, before any page event can run.
    const payload = { ...result, path: url.pathname, ...(detection ? { detection } : {}) };
    queueMicrotask(() => void report(payload).then(
      (reply) => {
        if (ctx.isInvalid) return;
        let again = false;
        if (reply.signals && signals !== reply.signals && JSON.stringify(reply.signals) !== JSON.stringify(signals)) {
          signals = reply.signals;
          again = true;
        }
        if (reply.platforms && !platforms) {
          platforms = reply.platforms;
          again = true;
        }
        if (again) schedule();
        onUpdate?.(result.state, reply.notices);
        onReply?.(reply);
      },
      () => {
        // The background may be restarting; forget what we sent so the next check reports again.
        last = '';
      },
    ));
  };

  // Throttle, not debounce: a page that mutates constantly (a clock, a carousel) still gets
  // checked, at most once per SETTLE_MS.
  const schedule = () => {
    timer ??= ctx.setTimeout(check, SETTLE_MS);
  };

  check();
  // The listeners are set up in a microtask, right after this task: no page script runs in
  // between, so no change is missed, and the first classification waits for none of them.
  queueMicrotask(() => {
    if (ctx.isInvalid) return;
    ctx.addEventListener(window, 'wxt:locationchange', schedule);
    // Dismissing happens on the notice page, in another tab (issue 14, item 1), and a feed update
    // can arrive meanwhile: when the patient comes back to this tab, report again so the banner
    // shows what is relevant now. The listener is in our isolated world; the page cannot see it.
    ctx.addEventListener(doc, 'visibilitychange', () => {
      if (doc.visibilityState !== 'visible') return;
      last = '';
      schedule();
    });
    const observer = new MutationObserver(schedule);
    observer.observe(doc.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden', 'style', 'class', 'type'] });
    ctx.onInvalidated(() => observer.disconnect());
  });
}
