import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BASE_LOCALE, chromeMessages, localeFiles } from '../../utils/build/locales';

/**
 * WXT's fakeBrowser leaves `browser.i18n` unimplemented. Unit tests get English, the base locale,
 * made from en.yml by the same code the build uses, in the New Zealand variant for dates and
 * numbers ("1 Jan 2026", "99,416"), which is what the component tests assert.
 */
const messages = await chromeMessages(localeFiles()[BASE_LOCALE]!);

/** `chrome.i18n.getMessage`: `$1`…`$9` substitutions, `$$` for a dollar sign, '' for an unknown key. */
function getMessage(key: string, substitutions?: string | string[]): string {
  const entry = messages[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (subs[Number(which) - 1] ?? '')));
}

Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en-NZ' });
