/**
 * A value on the isolated world's global (see lazy-bundle.ts for why bundles meet there). In a file
 * of its own, so a script that needs only this (check-page.js) does not carry the browser polyfill
 * that load-bundle.ts imports.
 */
export interface IsolatedSlot<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
}

/** A value on this isolated world's global, shared with every other bundle of ours running in it. */
export function isolatedSlot<T>(key: symbol): IsolatedSlot<T> {
  // The one cast for the symbols on the global: TypeScript cannot know what another build put
  // there. Each key has one owner (a bundle or a guard) that reads and writes it with one T.
  const scope = globalThis as unknown as Record<symbol, T | undefined>;
  return {
    get: () => scope[key],
    set: (value) => {
      scope[key] = value;
    },
  };
}
