import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { BANNER_CSS, NoticeBanner, type BannerActions } from '@/components/banner/NoticeBanner';
import type { BannerNotice } from '../../utils/messaging/protocol';
import { runChangePasswordProbe } from '../../utils/content/change-password-probe';
import { sendMessage } from '../../utils/messaging/send';
import { bannerBundle, type BannerUi } from '../../utils/content/banner';

/**
 * What the banner's buttons do (each button already ignores untrusted clicks). "Secure your
 * account" starts the password guide for this portal (docs/password-guide.md) and, when the
 * background asks, runs the well-known change-password check on this origin.
 */
export function bannerActions({ send = sendMessage, probe = runChangePasswordProbe, onDismissed }: { send?: typeof sendMessage; probe?: () => Promise<void>; onDismissed: (noticeId: string) => void }): BannerActions {
  return {
    details: (noticeId) => void send('cs-bg/open-notice', { noticeId, section: 'details' }).catch(() => {}),
    secure: () =>
      void send('cs-bg/open-guide', {}).then(
        (reply) => {
          if (reply.probeChangePassword) void probe();
        },
        () => {},
      ),
    dismiss: (noticeId) => {
      void send('cs-bg/dismiss-notice', { noticeId }).catch(() => {});
      onDismissed(noticeId);
    },
  };
}

/**
 * Build the banner inside a **closed** shadow root, so the page can neither read our text nor
 * reach our buttons, and page styles cannot leak in (nor ours out).
 */
export async function mountBanner(ctx: ContentScriptContext): Promise<BannerUi> {
  let current: BannerNotice[] = [];
  const actions = bannerActions({ onDismissed: (noticeId) => show(current.filter((notice) => notice.id !== noticeId)) });
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
  const show = (notices: BannerNotice[]) => {
    current = notices;
    if (notices.length === 0) return hide();
    if (!ui.mounted) ui.mount();
    render(h(NoticeBanner, { notices, actions }), ui.uiContainer);
  };
  const hide = () => {
    if (ui.mounted) ui.remove();
  };
  return { show, hide };
}

/** Called when `banner.js` runs: hand the mount function to the content script's isolated world. */
export function registerBanner(): void {
  bannerBundle.register(mountBanner);
}
