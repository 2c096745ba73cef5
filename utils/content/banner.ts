import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { BannerNotice } from '../messaging/protocol';
import type { SessionState } from '../session/state';
import { bannerBundle } from './bundles';
import { bundleLoader } from './load-bundle';

/**
 * Decides when the banner shows, and loads its code only then. The content script itself carries
 * this file and nothing of Preact: `banner.js` (entrypoints/banner.ts) is imported on demand from
 * the extension package the first time a notice is relevant, and hands back its mount function
 * through the isolated world's global, which the page cannot see (lazy-bundle.ts, bundles.ts).
 */

export interface BannerUi {
  show(notices: BannerNotice[]): void;
  hide(): void;
}

/** What `banner.js` registers (components/banner/mount.ts). */
export type MountBanner = (ctx: ContentScriptContext) => Promise<BannerUi>;

const banner = bundleLoader(bannerBundle);

export async function loadBanner(ctx: ContentScriptContext): Promise<BannerUi> {
  const mount = await banner.load();
  return mount(ctx);
}

/** Show the banner on the sign-in page or a signed-in page when a notice is relevant. */
export function createBannerController(ctx: ContentScriptContext, load: (ctx: ContentScriptContext) => Promise<BannerUi> = loadBanner) {
  let ui: Promise<BannerUi> | undefined;
  return {
    update(state: SessionState, notices: BannerNotice[]): void {
      const wanted = (state === 'login' || state === 'signed-in') && notices.length > 0;
      if (!wanted) {
        void ui?.then((banner) => banner.hide()).catch(() => {});
        return;
      }
      ui ??= load(ctx);
      ui.then((banner) => banner.show(notices)).catch(() => {
        // Could not load the banner (a page CSP cannot block extension URLs, but a broken build
        // could): the badge and the popup still tell the patient.
        ui = undefined;
      });
    },
  };
}
