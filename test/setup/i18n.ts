import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BASE_LOCALE, chromeMessages, localeFiles, messageGetter } from '../../utils/build/locales';

/**
 * WXT's fakeBrowser leaves `browser.i18n` unimplemented. Unit tests get English, the base locale,
 * made from en.yml by the same code the build uses, in the New Zealand variant for dates and
 * numbers ("1 Jan 2026", "99,416"), which is what the component tests assert.
 */
const getMessage = messageGetter(await chromeMessages(localeFiles()[BASE_LOCALE]!));

Object.assign(fakeBrowser.i18n, { getMessage, getUILanguage: () => 'en-NZ' });
