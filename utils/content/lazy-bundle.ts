import { browser, type PublicPath } from 'wxt/browser';
import { isolatedSlot } from './isolated-slot';

/**
 * The content script stays small by leaving the banner, the password assistant and the strength
 * estimator to bundles of their own (unlisted scripts, web-accessible on portal hosts only), which
 * it imports by URL when it first needs one. WXT builds those as plain scripts, so an import gives
 * back no exports: each bundle, when it runs, puts what it offers under a symbol on its global
 * instead. Imported from the content script, it runs in the content script's isolated world, whose
 * global the page cannot see or set. The symbols come from `Symbol.for`, because the two sides are
 * separate builds and would not share a plain `Symbol()`.
 */

export { isolatedSlot, type IsolatedSlot } from './isolated-slot';

export interface LazyBundle<T> {
  /** Called by the bundle itself when it runs. */
  register(value: T): void;
  /** What the bundle registered, importing it first unless it already has (once, however many ask at once). */
  load(): Promise<T>;
}

/** Run a script by its URL, for its side effects. */
export type ImportScript = (url: string) => Promise<unknown>;

// Vite must leave this import alone: the URL is only known in the browser, and the bundle is not
// part of the content script's build.
const importScript: ImportScript = (url) => import(/* @vite-ignore */ url);

/**
 * The two halves of one lazy bundle: `path` is its built file, `key` the symbol it registers on.
 * Define it once, in code both sides import (the content script's side of the feature), so they
 * cannot disagree about either.
 */
export function defineLazyBundle<T extends object>(path: PublicPath, key: symbol, load: ImportScript = importScript): LazyBundle<T> {
  const slot = isolatedSlot<T>(key);
  let loading: Promise<T> | undefined;
  return {
    register: (value) => slot.set(value),
    load() {
      const ready = slot.get();
      if (ready) return Promise.resolve(ready);
      loading ??= load(browser.runtime.getURL(path))
        .then(() => {
          const value = slot.get();
          if (!value) throw new Error(`${path} loaded but registered nothing under ${String(key)}`);
          return value;
        })
        // Forgotten once settled: after a success the slot answers; after a failure a later call tries again.
        .finally(() => {
          loading = undefined;
        });
      return loading;
    },
  };
}
