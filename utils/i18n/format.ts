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

/**
 * A period as precise as it is written (a breach notice's window): `2017`–`2019` → "2017–2019",
 * `2023-04`–`2023-09` → "April – September 2023", `2024-03-05`–`2024-03-09` → "5–9 March 2024";
 * in French "avril – septembre 2023". Intl's `formatRange` leaves out what both ends share. When
 * the ends differ in precision, both are written to the finer one (`2017` from 1 January).
 */
export function formatPeriod(from: string, to: string, locales = formatLocales()): string {
  const precision = (value: string) => (/^\d{4}-\d{2}-\d{2}/.test(value) ? 3 : /^\d{4}-\d{2}/.test(value) ? 2 : 1);
  const [year1 = NaN, month1 = 1, day1 = 1] = from.split('-').map(Number);
  const [year2 = NaN, month2, day2] = to.split('-').map(Number);
  const start = new Date(Date.UTC(year1, month1 - 1, day1));
  // The last day `to` covers: a year's 31 December, a month's last day.
  const end = new Date(Date.UTC(year2, month2 === undefined ? 12 : day2 === undefined ? month2 : month2 - 1, day2 ?? 0));
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return from === to ? from : `${from} – ${to}`; // i18n-ignore: not a date, shown as written
  const finest = Math.max(precision(from), precision(to));
  const options: Intl.DateTimeFormatOptions = finest === 1 ? { year: 'numeric' } : finest === 2 ? { month: 'long', year: 'numeric' } : { day: 'numeric', month: 'long', year: 'numeric' };
  return new Intl.DateTimeFormat(locales, { ...options, timeZone: 'UTC' }).formatRange(start, end);
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

/**
 * A size as people read it, in powers of 1000 as file managers show them: "340 bytes", "1.2 MB",
 * "4.4 GB"; in French "1,2 Mo", in Spanish "1,2 MB". Intl writes the unit and the decimal mark.
 */
export function formatBytes(bytes: number, locales = formatLocales()): string {
  if (bytes < 1000) return new Intl.NumberFormat(locales, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  const units = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(locales, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: value >= 100 ? 0 : 1 }).format(value);
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
