import { describe, expect, it } from 'vitest';
import { formatAge, formatDate, formatDateTime, formatList, formatLocales, formatMonth, formatNumber, formatPartialDate } from './format';

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
