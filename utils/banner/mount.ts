import { h, render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { BANNER_CSS, NoticeBanner } from '@/components/NoticeBanner';
import type { BannerNotice } from '../messaging/protocol';
import { sendMessage } from '../messaging/send';
import { BANNER_KEY, type BannerUi } from './controller';

/**
 * Build the banner inside a **closed** shadow root, so the page can neither read our text nor
 * reach our buttons, and page styles cannot leak in (nor ours out).
 */
export async function mountBanner(ctx: ContentScriptContext): Promise<BannerUi> {
  let current: BannerNotice[] = [];
  const actions = {
    details: (noticeId: string) => void sendMessage('cs-bg/open-notice', { noticeId, section: 'details' }),
    secure: (noticeId: string) => void sendMessage('cs-bg/open-notice', { noticeId, section: 'todo' }),
    dismiss: (noticeId: string) => {
      void sendMessage('cs-bg/dismiss-notice', { noticeId });
      show(current.filter((notice) => notice.id !== noticeId));
    },
  };
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
  (globalThis as unknown as Record<symbol, unknown>)[BANNER_KEY] = mountBanner;
}
