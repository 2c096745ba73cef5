import { browser } from 'wxt/browser';
import type { Sender } from '../messaging/listen';
import type { LazyBundleName, RequestOf, ResponseOf } from '../messaging/protocol';
import { bundlePath } from '../content/lazy-bundle';
import { isScriptable } from './scriptable';

/**
 * Firefox: run a lazy bundle (banner, password assistant, strength estimator) in the frame of the
 * content script that asked (`cs-bg/load-bundle`). Firefox runs an injected file in the same
 * sandbox as our content script, so the bundle's registration reaches it, and the content script
 * needs no `import()` of a run-time URL (utils/content/load-bundle.ts says why Chrome still does).
 *
 * The content script names a bundle from a closed list (the protocol's zod enum refuses anything
 * else, a path included); the file is ours to pick. It runs only in the sender's own tab and
 * frame, and only where our content script runs: a catalogue portal, or a patient's or
 * organisation's portal whose registered script the browser allows (scriptable.ts). Everything
 * else is refused with the reason, and nothing runs. Firefox grants host access on those same
 * pages (content-script matches, and the origins granted for a registered script), which
 * `executeScript` needs; Chromium does not, which is why this is Firefox's way only.
 */

export interface InjectBundleDeps {
  /** The Firefox build (a build-time constant); Chrome's content script never sends this. */
  firefox: boolean;
  scriptable: (url: string) => Promise<boolean | undefined>;
  inject: (injection: { target: { tabId: number; frameIds: number[] }; files: `/${LazyBundleName}.js`[] }) => Promise<unknown>;
}

const browserDeps = (): InjectBundleDeps => ({
  firefox: import.meta.env.BROWSER === 'firefox',
  scriptable: (url) => isScriptable(url),
  inject: (injection) => browser.scripting.executeScript(injection),
});

const refuse = (reason: string): never => {
  throw new Error(`refused: ${reason}`);
};

export async function onLoadBundle({ bundle }: RequestOf<'cs-bg/load-bundle'>, sender: Sender, deps: InjectBundleDeps = browserDeps()): Promise<ResponseOf<'cs-bg/load-bundle'>> {
  if (!deps.firefox) return refuse('only the Firefox build injects lazy bundles; Chrome’s content script imports them');
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  // dispatch() has checked these for every content-script message; checked again here because the
  // one thing this handler does is run code in the frame they name.
  if (tabId === undefined || frameId !== 0) return refuse('not sent by our content script in a tab’s top frame');
  let url: URL;
  try {
    url = new URL(sender.url ?? '');
  } catch {
    return refuse('the sender has no address');
  }
  if (url.protocol !== 'https:') return refuse(`${url.protocol} pages get no bundles, only https portals`);
  if ((await deps.scriptable(url.href)) !== true) return refuse(`${url.origin} is not a page Portal Guard’s content script runs on`);
  await deps.inject({ target: { tabId, frameIds: [frameId] }, files: [bundlePath(bundle)] });
  return { ok: true };
}
