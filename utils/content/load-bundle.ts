import { browser } from 'wxt/browser';
import type { LazyBundle } from './lazy-bundle';

/**
 * The content script's half of a lazy bundle (lazy-bundle.ts): run the bundle's file in this
 * isolated world, once, and give back what it registered. Only the content script carries this
 * file; the bundles themselves never load code.
 */

export interface BundleLoader<T> {
  /** What the bundle registered, running it first unless it already has (once, however many ask at once). */
  load(): Promise<T>;
}

/** Run a script by its URL, for its side effects. */
export type ImportScript = (url: string) => Promise<unknown>;

// Vite must leave this import alone: the URL is only known in the browser (Chrome serves the file
// under a per-session id, Firefox under a per-installation one), and the bundle is not part of the
// content script's build.
const importScript: ImportScript = (url) => import(/* @vite-ignore */ url);

export function bundleLoader<T>(bundle: LazyBundle<T>, load: ImportScript = importScript): BundleLoader<T> {
  let loading: Promise<T> | undefined;
  return {
    load() {
      const ready = bundle.registered();
      if (ready) return Promise.resolve(ready);
      loading ??= load(browser.runtime.getURL(bundle.path))
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
