import type { PublicPath } from 'wxt/browser';
import type { LazyBundleName } from '../messaging/protocol';
import { isolatedSlot } from './isolated-slot';

/**
 * The content script stays small by leaving the banner, the password assistant and the strength
 * estimator to bundles of their own (unlisted scripts), which it runs when it first needs one
 * (load-bundle.ts). WXT builds those as plain scripts, so running
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
  /** What the content script calls it in `cs-bg/load-bundle` (Firefox). */
  readonly name: LazyBundleName;
  /** The bundle's built file, `/<name>.js`, as `runtime.getURL` and `scripting.executeScript` take it. */
  readonly path: PublicPath;
  /** The `Symbol.for` key it registers under. */
  readonly key: symbol;
  /** Called by the bundle itself when it runs. */
  register(value: T): void;
  /** What the bundle registered, if it has run in this world. */
  registered(): T | undefined;
}

/** The built file of a bundle: WXT writes the unlisted script `entrypoints/<name>.ts` there. */
export const bundlePath = (name: LazyBundleName): PublicPath & `/${LazyBundleName}.js` => `/${name}.js`;

/**
 * One lazy bundle: `name` gives its built file, `key` the symbol it registers on. Define it once,
 * in bundles.ts, which both sides import, so they cannot disagree about either.
 */
export function defineLazyBundle<T extends object>(name: LazyBundleName, key: symbol): LazyBundle<T> {
  const slot = isolatedSlot<T>(key);
  return { name, path: bundlePath(name), key, register: (value) => slot.set(value), registered: () => slot.get() };
}
