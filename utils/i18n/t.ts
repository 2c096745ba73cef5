import { createI18n } from '@wxt-dev/i18n';
import type { GeneratedI18nStructure } from '#i18n';

/**
 * Every user-facing string goes through `t`: a key from utils/i18n/locales/en.yml, typed from that
 * file (WXT generates the types on `wxt prepare`), so a missing key or a missing `{placeholder}`
 * fails `tsc`. It reads `browser.i18n.getMessage`, which the browser fills from `_locales/` in its
 * own UI language; there is no loading step and nothing is bundled per page. Plurals are
 * `{0: …, 1: …, n: …}` maps in the YAML (exact zero, exact one, every other count), which is what
 * English, French and Spanish need. See docs/i18n.md.
 */
export const { t } = createI18n<GeneratedI18nStructure>();

type Structure = GeneratedI18nStructure;
/** A key whose message takes nothing: for tables that map a value to its words. */
export type PlainKey = { [K in keyof Structure]: Structure[K] extends { plural: false; substitutions: 0 } ? (Structure[K] extends { namedSubstitutions: readonly string[] } ? never : K) : never }[keyof Structure];

/**
 * Named placeholders kept as `{name}` in the message, for `fill`: `t(key, keep('name'))`.
 * The typed `t` insists on every placeholder; this hands each one back unchanged.
 */
export function keep<N extends string>(...names: N[]): Record<N, string> {
  return Object.fromEntries(names.map((name) => [name, `{${name}}`])) as Record<N, string>;
}

/**
 * A translated sentence with elements inside it ("Set up for you by <strong>{name}</strong>."):
 * splits the message at its `{name}` placeholders and puts each part in its place, so the word
 * order stays the translator's and no sentence is built by joining strings. Preact renders the
 * returned array; strings stay text nodes. A placeholder with no part is left as written.
 */
export function fill<T>(message: string, parts: Record<string, T>): (string | T)[] {
  return message.split(/(\{[A-Za-z0-9_]+\})/).flatMap<string | T>((piece) => {
    const name = /^\{([A-Za-z0-9_]+)\}$/.exec(piece)?.[1];
    if (name !== undefined && Object.prototype.hasOwnProperty.call(parts, name)) return [parts[name] as T];
    return piece === '' ? [] : [piece];
  });
}
