import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatDate, formatDateTime, formatList, formatLocales, formatMonth, formatNumber, formatPartialDate, formatPeriod } from './format';

describe('formatLocales', () => {
  it.each([
    { ui: 'en-NZ', messages: 'en', want: ['en-NZ', 'en'] },
    { ui: 'en-US', messages: 'en', want: ['en-US', 'en'] },
    { ui: 'fr-CA', messages: 'fr', want: ['fr-CA', 'fr'] },
    { ui: 'es_419', messages: 'es', want: ['es-419', 'es'] },
    // German browser, no German messages: the date must match the English sentence around it.
    { ui: 'de-DE', messages: 'en', want: ['en'] },
    { ui: '', messages: 'en', want: ['en'] },
  ])('$ui with $messages messages → $want', ({ ui, messages, want }) => {
    expect(formatLocales(ui, messages)).toEqual(want);
  });

  it('reads the browser UI language and the messages tag by default (en-NZ under test)', () => {
    expect(formatLocales()).toEqual(['en-NZ', 'en']);
  });
});

describe('formats in the patient’s locale', () => {
  // Manage My Health's breach notice: disclosed 1 January 2026, 99,416 patients (unverified).
  it.each([
    { locales: ['en-NZ'], date: '1 Jan 2026', month: 'December 2025', count: '99,416', list: 'Referral letters, Lab results and Prescriptions' },
    { locales: ['en-US'], date: 'Jan 1, 2026', month: 'December 2025', count: '99,416', list: 'Referral letters, Lab results, and Prescriptions' },
    { locales: ['fr-CA'], date: '1 janv. 2026', month: 'décembre 2025', count: '99 416', list: 'Referral letters, Lab results et Prescriptions' },
    { locales: ['es-US'], date: '1 ene 2026', month: 'diciembre de 2025', count: '99,416', list: 'Referral letters, Lab results y Prescriptions' },
  ])('$locales', ({ locales, date, month, count, list }) => {
    expect(formatDate('2026-01-01', locales)).toBe(date);
    expect(formatMonth('2025-12', locales)).toBe(month);
    // Intl separates thousands with a narrow no-break space in French; compare the digits' shape.
    expect(formatNumber(99_416, locales).replace(/\s/g, ' ')).toBe(count);
    expect(formatList(['Referral letters', 'Lab results', 'Prescriptions'], 'conjunction', locales)).toBe(list);
  });

  it('keeps a value it cannot read as a date', () => {
    expect(formatDate('not a date', ['en-NZ'])).toBe('not a date');
    expect(formatMonth('2025-xx', ['en-NZ'])).toBe('2025-xx');
  });

  it('writes a moment on this device with date and time', () => {
    expect(formatDateTime(Date.UTC(2026, 0, 1, 0, 0), ['en-NZ'])).toMatch(/2026/);
  });
});

describe('formatAge', () => {
  const now = Date.UTC(2026, 5, 1, 12, 0);
  it.each([
    { ago: 20_000, want: 'just now' },
    { ago: 60_000, want: '1 minute ago' },
    { ago: 5 * 60_000, want: '5 minutes ago' },
    { ago: 3 * 3_600_000, want: '3 hours ago' },
    { ago: 47 * 3_600_000, want: '47 hours ago' },
    { ago: 3 * 86_400_000, want: '3 days ago' },
  ])('$ago ms ago → $want', ({ ago, want }) => {
    expect(formatAge(now - ago, now, ['en-NZ'])).toBe(want);
  });

  it('speaks French in French', () => {
    expect(formatAge(now - 3 * 3_600_000, now, ['fr-CA'])).toBe('il y a 3 heures');
  });
});

describe('formatPartialDate', () => {
  it.each([
    { value: '2019', want: '2019' },
    { value: '2019-03', want: 'Mar 2019' },
    { value: '2019-03-12', want: '12 Mar 2019' },
    { value: '', want: '' },
  ])('$value → $want', ({ value, want }) => {
    expect(formatPartialDate(value, ['en-NZ'])).toBe(want);
  });
});

/**
 * A breach notice's window, as precise as the notice writes it: Manage My Health's referral letters
 * (2017–2019), MediSecure's prescriptions (March 2019 – November 2023), a month and a few days.
 * Intl puts thin spaces (U+2009) around the dash where the ends are more than a number.
 */
describe('formatPeriod', () => {
  it.each([
    { from: '2017', to: '2019', en: '2017–2019', fr: '2017\u2009–\u20092019', es: '2017–2019' },
    { from: '2019-03', to: '2023-11', en: 'March 2019\u2009–\u2009November 2023', fr: 'mars 2019\u2009–\u2009novembre 2023', es: 'marzo de 2019\u2009–\u2009noviembre de 2023' },
    { from: '2023-04', to: '2023-09', en: 'April\u2009–\u2009September 2023', fr: 'avril\u2009–\u2009septembre 2023', es: 'abril–septiembre de 2023' },
    { from: '2024-02-21', to: '2024-02-21', en: '21 February 2024', fr: '21 février 2024', es: '21 de febrero de 2024' },
    { from: '2024-03-05', to: '2024-03-09', en: '5–9 March 2024', fr: '5–9 mars 2024', es: '5–9 de marzo de 2024' },
    // Ends of different precision: both to the finer one, a year from 1 January to 31 December.
    { from: '2017', to: '2019-06', en: 'January 2017\u2009–\u2009June 2019', fr: 'janvier 2017\u2009–\u2009juin 2019', es: 'enero de 2017\u2009–\u2009junio de 2019' },
  ])('$from to $to', ({ from, to, en, fr, es }) => {
    expect(formatPeriod(from, to, ['en-NZ'])).toBe(en);
    expect(formatPeriod(from, to, ['fr-CA'])).toBe(fr);
    expect(formatPeriod(from, to, ['es-US'])).toBe(es);
  });

  it('keeps what it cannot read as a date', () => {
    expect(formatPeriod('2017', 'later', ['en-NZ'])).toBe('2017 – later');
  });
});

/** Sizes in the export review's messages: a caps' limits and real files' sizes. */
describe('formatBytes', () => {
  it.each([
    { bytes: 0, en: '0 bytes', fr: '0 octet', es: '0 bytes' },
    { bytes: 1, en: '1 byte', fr: '1 octet', es: '1 byte' },
    { bytes: 340, en: '340 bytes', fr: '340 octets', es: '340 bytes' },
    { bytes: 300_138, en: '300 kB', fr: '300 ko', es: '300 kB' },
    { bytes: 1_234_567, en: '1.2 MB', fr: '1,2 Mo', es: '1.2 MB' },
    { bytes: 4 * 1024 ** 3, en: '4.3 GB', fr: '4,3 Go', es: '4.3 GB' },
  ])('$bytes', ({ bytes, en, fr, es }) => {
    expect(formatBytes(bytes, ['en-NZ'])).toBe(en);
    expect(formatBytes(bytes, ['fr-CA']).replace(/\u00a0/g, ' ')).toBe(fr);
    expect(formatBytes(bytes, ['es-US'])).toBe(es);
  });
});
