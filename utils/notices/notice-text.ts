import { browser } from 'wxt/browser';
import type { Notice } from '../feed/schema';

/**
 * A notice's title and summary in the browser's language when the feed gives them in it, otherwise
 * as the feed wrote them (English). The best match wins per field: the exact tag (`fr-CA`), then the
 * language alone (`fr`); a translation with only a title keeps the original summary. Feed text is
 * data either way: shown as text, never as a message.
 *
 * `language` is `browser.i18n.getUILanguage()` by default (the background and the pages call it;
 * tests pass a tag), the language the browser shows its own UI in.
 */
export function noticeText(notice: Pick<Notice, 'title' | 'summary' | 'translations'>, language = uiLanguage()): { title: string; summary: string } {
  const translations = notice.translations ?? {};
  const tag = (language ?? '').replace('_', '-');
  const [primary = '', region] = tag.split('-');
  const candidates = [region ? `${primary.toLowerCase()}-${region.toUpperCase()}` : undefined, primary.toLowerCase()].filter((key): key is string => Boolean(key));
  // Own keys only: the record comes from the feed, and `constructor` must never be a language.
  const found = candidates.flatMap((key) => (Object.prototype.hasOwnProperty.call(translations, key) ? [translations[key]!] : []));
  return {
    title: found.find((text) => text.title !== undefined)?.title ?? notice.title,
    summary: found.find((text) => text.summary !== undefined)?.summary ?? notice.summary,
  };
}

function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return undefined;
  }
}
