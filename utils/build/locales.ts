import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { generateChromeMessages, parseMessagesFile } from '@wxt-dev/i18n/build';

/**
 * Build- and test-time view of utils/i18n/locales/: each locale's messages as the browser gets them
 * (`_locales/<locale>/messages.json`), the pseudo-locale made from English, and the `{name}`
 * placeholders of each message, for the meta tests. The parsing is @wxt-dev/i18n's own, so what
 * the tests check is exactly what the build ships.
 */

export const LOCALES_DIR = resolve(import.meta.dirname, '../i18n/locales');
export const BASE_LOCALE = 'en';
/**
 * The pseudo-locale's folder: Chromium's own accented pseudo-locale tag, so `--lang=en-XA` picks
 * it. Only a build with WXT_PORTAL_GUARD_PSEUDO_LOCALE=1 ships it (wxt.config.ts).
 */
export const PSEUDO_LOCALE = 'en_XA';

export type ChromeMessages = Record<string, { message: string; description?: string }>;

/** Every locale file: `{ en: path, fr: path }`. */
export function localeFiles(dir = LOCALES_DIR): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((file) => /\.(ya?ml|json5?|jsonc|toml)$/.test(file))
      .map((file) => [basename(file, extname(file)), join(dir, file)]),
  );
}

/** One locale file as `messages.json` content, without the browser's predefined `@@` messages. */
export async function chromeMessages(file: string): Promise<ChromeMessages> {
  return generateChromeMessages(await parseMessagesFile(file)) as ChromeMessages;
}

/**
 * `chrome.i18n.getMessage` over one locale's messages, for code that runs outside a browser (the
 * unit tests' fakeBrowser, `npm run bench` in Node): `$1`…`$9` substitutions, `$$` for a dollar
 * sign, '' for an unknown key, as the browsers do.
 */
export function messageGetter(messages: ChromeMessages): (key: string, substitutions?: string | string[]) => string {
  return (key, substitutions) => {
    const entry = Object.hasOwn(messages, key) ? messages[key] : undefined;
    if (!entry) return '';
    const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
    return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
  };
}

const PLACEHOLDER = /\{([A-Za-z0-9_]+)\}/g;

/** The `{name}` placeholders of a message, sorted, each once. */
export function placeholdersOf(message: string): string[] {
  return [...new Set(Array.from(message.matchAll(PLACEHOLDER), ([, name]) => name!))].sort();
}

/** How many plural forms a message has ("a | b" is 2), 1 for a plain message. */
export const pluralForms = (message: string) => message.split(' | ').length;

// Accented look-alikes: the text stays readable, but any English left on screen stands out.
const ACCENTS: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((letter, i) => [letter, [...'àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!]),
);
const FILLER = ['ļöŕéɱ', 'îþšûɱ', 'đöļöŕ', 'šîţ', 'àɱéţ', 'çöñšé', 'ţéţûŕ'];

/**
 * One message in the pseudo-locale: accented, bracketed so a cut-off end shows, and about 40% longer
 * (the most French or German usually adds), with filler words so lines can still wrap. Placeholders
 * and the plural separator are kept, so the message works exactly like the English one.
 */
export function pseudoLocalize(message: string): string {
  return message
    .split(' | ')
    .map((form) => {
      const accented = form
        .split(/(\{[A-Za-z0-9_]+\})/)
        .map((piece) => (/^\{[A-Za-z0-9_]+\}$/.test(piece) ? piece : piece.replace(/[A-Za-z]/g, (letter) => ACCENTS[letter]!)))
        .join('');
      const target = Math.ceil(form.length * 1.4);
      let padded = accented;
      for (let i = 0; padded.length + 2 < target; i++) padded += ` ${FILLER[i % FILLER.length]}`;
      return `⟦${padded}⟧`;
    })
    .join(' | ');
}

/** Keys the pseudo-locale copies unchanged: not text, but settings read by code. */
const NOT_TEXT = /^meta_/;

/** The pseudo-locale's `messages.json`, made from the base locale's. */
export function pseudoMessages(base: ChromeMessages): ChromeMessages {
  return Object.fromEntries(Object.entries(base).map(([key, value]) => [key, { message: NOT_TEXT.test(key) ? value.message : pseudoLocalize(value.message) }]));
}
