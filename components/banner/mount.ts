import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { BANNER_CSS, NoticeBanner, type BannerActions } from '@/components/banner/NoticeBanner';
import type { BannerNotice } from '../../utils/messaging/protocol';
import { runChangePasswordProbe } from '../../utils/content/change-password-probe';
import { sendMessage } from '../../utils/messaging/send';
import type { BannerUi } from '../../utils/content/banner';
import { bannerBundle } from '../../utils/content/bundles';

/**
 * What the banner's buttons do (each button already ignores untrusted clicks). "Secure your
 * account" starts the password guide for this portal (docs/password-guide.md) and, when the
 * background asks, runs the well-known change-password check on this origin.
 *
 * Dismiss saves nothing and hides nothing. A trusted click is not enough: the portal page can
 * lay its own picture over the banner (a higher z-index, `pointer-events: none`) so that the
 * patient's real click on a fake "Continue" lands on Dismiss (issue 14, item 1). We chose to
 * confirm outside the page rather than to check at click time that the banner was visible:
 * IntersectionObserver v2 (`trackVisibility`) exists in Chromium only, and a click-point check
 * (`elementsFromPoint`) misses what the page does to our host's ancestors (opacity, filters,
 * transforms, timing), so every browser would need the confirmation anyway. So Dismiss opens the
 * notice page at "Stop showing this notice?" (docs/architecture.md, "A hostile page"); a page
 * that tricks the click only opens our own explanation of the notice.
 */
export function bannerActions({ send = sendMessage, probe = runChangePasswordProbe }: { send?: typeof sendMessage; probe?: () => Promise<void> } = {}): BannerActions {
  return {
    details: (noticeId) => void send('cs-bg/open-notice', { noticeId, section: 'details' }).catch(() => {}),
    secure: () =>
      void send('cs-bg/open-guide', {}).then(
        (reply) => {
          if (reply.probeChangePassword) void probe();
        },
        () => {},
      ),
    dismiss: (noticeId) => void send('cs-bg/open-notice', { noticeId, section: 'dismiss' }).catch(() => {}),
  };
}

/**
 * Build the banner inside a **closed** shadow root, so the page can neither read our text nor
 * reach our buttons, and page styles cannot leak in (nor ours out).
 */
export async function mountBanner(ctx: ContentScriptContext, { remounts = REMOUNTS }: { remounts?: RemountLimit } = {}): Promise<BannerUi> {
  let current: BannerNotice[] = [];
  const actions = bannerActions();
  const ui = await createShadowRootUi(ctx, {
    name: 'portal-guard-banner',
    mode: 'closed',
    position: 'inline',
    anchor: 'body',
    append: 'first',
    css: BANNER_CSS,
    // Keys typed in the banner must not reach the page's own keyboard handlers.
    isolateEvents: true,
    onMount: (container) => container,
    onRemove: (container) => container && render(null, container),
  });
  const paint = () => {
    if (!ui.mounted) ui.mount();
    render(h(NoticeBanner, { notices: current, actions }), ui.uiContainer);
  };
  const show = (notices: BannerNotice[]) => {
    current = notices;
    if (notices.length === 0) return hide();
    paint();
  };
  const hide = () => {
    current = [];
    if (ui.mounted) ui.remove();
  };
  keepInPlace(ctx, ui.shadowHost, () => current.length > 0, () => {
    ui.remove();
    paint();
  }, remounts);
  return { show, hide };
}

export interface RemountLimit {
  /** At most this many remounts… */
  max: number;
  /** …within this many milliseconds. */
  windowMs: number;
  now?: () => number;
}

/** A page that keeps removing the banner gets it back a few times a minute, then the badge alone. */
export const REMOUNTS: RemountLimit = { max: 5, windowMs: 60_000 };

/**
 * Put the banner back when the page removes it (or moves it out of the top of `<body>`) while its
 * notice is still relevant: the page must not be able to silence a breach notice. A page that
 * removes it again and again could make us loop, so remounts are rate-limited; past the limit
 * the toolbar badge still says `!N`. The observer only compares one node per batch of mutations,
 * and stops with the content script's `ctx`.
 */
export function keepInPlace(ctx: ContentScriptContext, host: Element, wanted: () => boolean, remount: () => void, { max, windowMs, now = Date.now }: RemountLimit = REMOUNTS): void {
  const recent: number[] = [];
  const observer = new MutationObserver(() => {
    if (ctx.isInvalid || !wanted() || (host.isConnected && host.parentNode === document.body)) return;
    const at = now();
    while (recent.length > 0 && recent[0]! <= at - windowMs) recent.shift();
    if (recent.length >= max) return;
    recent.push(at);
    remount();
  });
  observer.observe(document, { childList: true, subtree: true });
  ctx.onInvalidated(() => observer.disconnect());
}

/** Called when `banner.js` runs: hand the mount function to the content script's isolated world. */
export function registerBanner(): void {
  bannerBundle.register(mountBanner);
}
