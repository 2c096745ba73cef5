import { BASE_LOCALE, chromeMessages, localeFiles, messageGetter, type ChromeMessages } from '../../utils/build/locales';

/**
 * The password-strength bench runs the assistant's own code in Node, where there is no
 * `browser.i18n` for its advice text. WXT's `browser` is read from `globalThis.chrome` when
 * `wxt/browser` first loads, so this module sets it synchronously and must be imported before any
 * bench (scripts/bench.ts imports it first). The English messages (as the unit tests get them,
 * test/setup/i18n.ts) load asynchronously: await `i18nReady` before running a bench.
 */
let messages: ChromeMessages = {};
const scope = globalThis as { chrome?: unknown };
scope.chrome ??= { i18n: { getMessage: (key: string, substitutions?: string | string[]) => messageGetter(messages)(key, substitutions), getUILanguage: () => 'en-NZ' } };

export const i18nReady: Promise<void> = chromeMessages(localeFiles()[BASE_LOCALE]!).then((loaded) => {
  messages = loaded;
});
