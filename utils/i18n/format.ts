import { browser } from 'wxt/browser';
import { t } from './t';

/**
 * The one place that formats dates, times, numbers and lists, with `Intl`, so a date reads the
 * same on every page and follows the patient's language. Components and the background never call
 * `toLocaleString` themselves.
 *
 * Which locale: the browser's UI language (`en-NZ` gives "1 Jan 2026", `en-US` "Jan 1, 2026",
 * `fr-CA` "1 janv. 2026") when Portal Guard has messages in that language; otherwise the language
 * of the messages shown (`meta.locale` in each locale file), so a French sentence never carries
 * an English date.
 */
export function formatLocales(uiLanguage = safeUiLanguage(), messagesLocale = t('meta.locale')): string[] {
  const language = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];
  const ui = uiLanguage?.replace('_', '-');
  return ui && language(ui) === language(messagesLocale) ? [ui, messagesLocale] : [messagesLocale];
}

function safeUiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return undefined;
  }
}

/** A calendar date from the feed ("2026-01-01"): "1 Jan 2026". Feed dates are calendar dates, so format in UTC. */
export function formatDate(isoDate: string, locales = formatLocales()): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locales, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A month from the feed ("2025-12"): "December 2025". */
export function formatMonth(isoMonth: string, locales = formatLocales()): string {
  const date = new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoMonth;
  return new Intl.DateTimeFormat(locales, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A date as precise as a record gives it: `2019` → "2019", `2019-03` → "Mar 2019", `2019-03-12` → "12 Mar 2019". */
export function formatPartialDate(value: string | undefined, locales = formatLocales()): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return formatDate(value, locales);
  if (/^\d{4}-\d{2}$/.test(value)) {
    const date = new Date(`${value}-01T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(locales, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
  }
  return value.slice(0, 4);
}

/** A moment on this device ("4 Dec 2026, 17:20"), in its time zone. */
export function formatDateTime(at: number | Date, locales = formatLocales()): string {
  return new Intl.DateTimeFormat(locales, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A day on this device ("4 Dec 2026"), such as when a tracker was first seen. */
export function formatDay(at: number | Date, locales = formatLocales()): string {
  return new Intl.DateTimeFormat(locales, { dateStyle: 'medium' }).format(at);
}

/** A day on this device, written out ("4 December 2026"), for a printed summary. */
export function formatLongDate(at: number | Date, locales = formatLocales()): string {
  return new Intl.DateTimeFormat(locales, { dateStyle: 'long' }).format(at);
}

/** A time of day on this device ("17:20" or "5:20 PM", as the locale writes it). */
export function formatTime(at: number | Date, locales = formatLocales()): string {
  return new Intl.DateTimeFormat(locales, { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** A count: "99,416" in English, "99 416" in French. */
export function formatNumber(value: number, locales = formatLocales()): string {
  return new Intl.NumberFormat(locales).format(value);
}

/** "A, B and C" (`and`) or "A, B or C" (`or`) in the patient's language. */
export function formatList(items: readonly string[], type: 'conjunction' | 'disjunction' | 'unit' = 'conjunction', locales = formatLocales()): string {
  return new Intl.ListFormat(locales, { style: 'long', type }).format(items);
}

/** "just now", "5 minutes ago", "3 hours ago", "3 days ago": the feed's age at a glance. */
export function formatAge(thenMs: number, nowMs = Date.now(), locales = formatLocales()): string {
  const minutes = Math.max(0, Math.round((nowMs - thenMs) / 60_000));
  if (minutes < 1) return t('format.justNow');
  const relative = new Intl.RelativeTimeFormat(locales, { numeric: 'always' });
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return relative.format(-hours, 'hour');
  return relative.format(-Math.round(hours / 24), 'day');
}
