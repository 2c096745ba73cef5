import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging/send';
import type { LazyBundle } from './lazy-bundle';

/**
 * The content script's half of a lazy bundle (lazy-bundle.ts): run the bundle's file in this
 * isolated world, once, and give back what it registered. Only the content script carries this
 * file; the bundles themselves never load code.
 *
 * How the file runs depends on the browser, decided at build time (`import.meta.env.BROWSER` is a
 * constant there, so each package carries one way only):
 *
 * - **Firefox** asks the background to inject it (`cs-bg/load-bundle`, by the bundle's name; the
 *   background runs `scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files })`
 *   for the sender's own tab and frame, utils/background/inject-bundle.ts). Firefox runs an
 *   injected file in the same sandbox as this content script, so the bundle's registration is
 *   seen here. The Firefox content script then holds no `import()` of a run-time URL, which
 *   `web-ext lint` (what addons.mozilla.org runs) warns about, and the Firefox manifest makes
 *   nothing web-accessible, so no page can load a bundle (utils/build/manifest-config.ts).
 * - **Chrome** imports it by `runtime.getURL`, its per-session address (`use_dynamic_url`).
 *   Injecting from the background is refused in Chromium 156 on a catalogue portal: "Cannot access
 *   contents of the page. Extension manifest must request permission to access the respective
 *   host." Content-script `matches` are not host permissions for `scripting` there, so it would
 *   need every catalogue host in `host_permissions`. A literal specifier (`import('/banner.js')`)
 *   resolves against the fixed id, which `use_dynamic_url` refuses. docs/architecture.md, "Lazy
 *   bundles", has both browsers' results.
 */

export interface BundleLoader<T> {
  /** What the bundle registered, running it first unless it already has (once, however many ask at once). */
  load(): Promise<T>;
}

/** Run a bundle's file in this isolated world, for its side effects. */
export type RunBundle = (bundle: LazyBundle<unknown>) => Promise<unknown>;

/** Firefox: the background injects the file into this frame. */
export const injectFromBackground: RunBundle = (bundle) => sendMessage('cs-bg/load-bundle', { bundle: bundle.name });

// Chrome. Vite must leave this import alone: the URL is only known in the browser (Chrome serves
// the file under a per-session id), and the bundle is not part of the content script's build.
const importByUrl: RunBundle = (bundle) => import(/* @vite-ignore */ browser.runtime.getURL(bundle.path));

// A build-time constant, so the bundler drops the other branch: the Firefox package has no
// `import(url)`, and Chrome's no message. vitest leaves it a string, so compare it.
const runBundle: RunBundle = import.meta.env.BROWSER === 'firefox' ? injectFromBackground : importByUrl;

export function bundleLoader<T>(bundle: LazyBundle<T>, run: RunBundle = runBundle): BundleLoader<T> {
  let loading: Promise<T> | undefined;
  return {
    load() {
      const ready = bundle.registered();
      if (ready) return Promise.resolve(ready);
      loading ??= run(bundle)
        .then(() => {
          const value = bundle.registered();
          if (!value) throw new Error(`${bundle.path} loaded but registered nothing under ${String(bundle.key)}`);
          return value;
        })
        // Forgotten once settled: after a success the bundle answers; after a failure a later call tries again.
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
  };
}
