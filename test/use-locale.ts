import { fakeBrowser } from 'wxt/testing/fake-browser';
import { chromeMessages, localeFiles, messageGetter } from '../utils/build/locales';

/**
 * Switches the unit tests' `browser.i18n` to one locale's messages, made from its .yml by the
 * same code the build uses (test/setup/i18n.ts gives English), and to a browser UI language for
 * dates and numbers. Returns the switch back to what was there.
 */
export async function useLocale(locale: string, uiLanguage: string): Promise<() => void> {
  const previous = { getMessage: fakeBrowser.i18n.getMessage, getUILanguage: fakeBrowser.i18n.getUILanguage };
  const file = localeFiles()[locale];
  if (!file) throw new Error(`no locale file for ${locale}`);
  const getMessage = messageGetter(await chromeMessages(file));
  Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => uiLanguage });
  return () => Object.assign(fakeBrowser.i18n, previous);
}
