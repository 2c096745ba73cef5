import type { PublicPath } from 'wxt/browser';
import { isolatedSlot } from './isolated-slot';

/**
 * The content script stays small by leaving the banner, the password assistant and the strength
 * estimator to bundles of their own (unlisted scripts, web-accessible on portal hosts only), which
 * it runs when it first needs one (load-bundle.ts). WXT builds those as plain scripts, so running
 * one gives back no exports: each bundle, when it runs, puts what it offers under a symbol on its
 * global instead. Run from the content script, it runs in the content script's isolated world,
 * whose global the page cannot see or set. The symbols come from `Symbol.for`, because the two
 * sides are separate builds and would not share a plain `Symbol()`.
 *
 * This is the half both sides share, and all a bundle carries: a bundle only registers, so it
 * needs the isolated slot and nothing that loads code (issue 17, item 4: `web-ext lint` warns
 * about every `import()` of a URL it cannot read, and a bundle has no reason to hold one).
 */

export interface LazyBundle<T> {
  /** The bundle's built file, as `runtime.getURL` takes it. */
  readonly path: PublicPath;
  /** The `Symbol.for` key it registers under. */
  readonly key: symbol;
  /** Called by the bundle itself when it runs. */
  register(value: T): void;
  /** What the bundle registered, if it has run in this world. */
  registered(): T | undefined;
}

/**
 * One lazy bundle: `path` is its built file, `key` the symbol it registers on. Define it once, in
 * bundles.ts, which both sides import, so they cannot disagree about either.
 */
export function defineLazyBundle<T extends object>(path: PublicPath, key: symbol): LazyBundle<T> {
  const slot = isolatedSlot<T>(key);
  return { path, key, register: (value) => slot.set(value), registered: () => slot.get() };
}
