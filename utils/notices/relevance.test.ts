import { describe, expect, it } from 'vitest';
import { noticeSchema, type Notice } from '../feed/schema';
import { addMonths, localDate, relevance, type RelevanceContext } from './relevance';

// The real Manage My Health notice's dates, and variants of it.
const base = noticeSchema.parse({
  id: 'nz-managemyhealth-2025-12',
  portals: ['managemyhealth'],
  portalInvolved: true,
  title: 'Manage My Health: documents taken',
  summary: 'An attacker used a stolen login to copy documents from My Health Documents.',
  organization: 'Manage My Health Limited',
  country: 'NZ',
  breach: { start: '2025-12-29', discovered: '2025-12-30' },
  disclosed: '2026-01-01',
  added: '2026-01-01',
  modified: '2026-05-30',
  dataClasses: ['clinical-documents'],
  status: 'notified',
  severity: 'critical',
  links: [{ title: 'MMH update', url: 'https://managemyhealth.co.nz/mmh-cyber-breach-update', official: true }],
  sources: ['https://managemyhealth.co.nz/mmh-cyber-breach-update'],
});
const notice = (change: Partial<Notice>): Notice => ({ ...base, ...change });
const at = (iso: string) => new Date(iso);

const cases: [name: string, notice: Notice, context: RelevanceContext, expected: ReturnType<typeof relevance>][] = [
  ['recent notice, signed in a week after disclosure', base, { now: at('2026-01-08T09:00:00+13:00'), timeZone: 'Pacific/Auckland' }, { show: true, why: 'recent' }],
  ['modified in May keeps it recent the next spring', base, { now: at('2027-05-01T12:00:00Z'), timeZone: 'UTC' }, { show: true, why: 'recent' }],
  ['last day of the window (12 months after modified)', base, { now: at('2027-05-30T12:00:00Z'), timeZone: 'UTC' }, { show: true, why: 'recent' }],
  ['one day past the window', base, { now: at('2027-05-31T12:00:00Z'), timeZone: 'UTC' }, { show: false, why: 'old' }],
  // 2027-05-30 23:30 in UTC is already 31 May in Auckland: the patient's own calendar decides.
  ['window edge in Auckland is a day ahead of UTC', base, { now: at('2027-05-30T23:30:00Z'), timeZone: 'Pacific/Auckland' }, { show: false, why: 'old' }],
  ['same instant, still inside the window in Los Angeles', base, { now: at('2027-05-30T23:30:00Z'), timeZone: 'America/Los_Angeles' }, { show: true, why: 'recent' }],
  ['a 6-month window is configurable', base, { now: at('2026-12-15T00:00:00Z'), timeZone: 'UTC', windowMonths: 6 }, { show: false, why: 'old' }],
  ['a 24-month window keeps it longer', base, { now: at('2028-01-01T00:00:00Z'), timeZone: 'UTC', windowMonths: 24 }, { show: true, why: 'recent' }],
  ['an open investigation is shown however old', notice({ status: 'investigating', modified: '2026-01-01' }), { now: at('2030-01-01T00:00:00Z'), timeZone: 'UTC' }, { show: true, why: 'open' }],
  ['regulator action counts as open', notice({ status: 'regulator-action' }), { now: at('2030-01-01T00:00:00Z'), timeZone: 'UTC' }, { show: true, why: 'open' }],
  ['resolved and old is hidden', notice({ status: 'resolved', disclosed: '2019-12-17', added: '2026-01-01', modified: '2026-01-01' }), { now: at('2027-06-01T00:00:00Z'), timeZone: 'UTC' }, { show: false, why: 'old' }],
  ['password changed after disclosure hides it', base, { now: at('2026-02-01T00:00:00Z'), timeZone: 'UTC', passwordChangedOn: '2026-01-05' }, { show: false, why: 'password-changed' }],
  ['password changed on the disclosure day does not count', base, { now: at('2026-02-01T00:00:00Z'), timeZone: 'UTC', passwordChangedOn: '2026-01-01' }, { show: true, why: 'recent' }],
  ['password changed before the breach does not count', base, { now: at('2026-02-01T00:00:00Z'), timeZone: 'UTC', passwordChangedOn: '2025-11-20' }, { show: true, why: 'recent' }],
  ['a change after the breach ended counts, even before disclosure', notice({ breach: { start: '2020-12-27', end: '2021-04-13' }, disclosed: '2021-06-18' }), { now: at('2021-07-01T00:00:00Z'), timeZone: 'UTC', passwordChangedOn: '2021-05-01' }, { show: false, why: 'password-changed' }],
  ['a month-precise breach end covers the whole month', notice({ breach: { start: '2023-04', end: '2023-09' }, disclosed: '2023-10-06' }), { now: at('2023-10-10T00:00:00Z'), timeZone: 'UTC', passwordChangedOn: '2023-09-15' }, { show: true, why: 'recent' }],
  ['…and a change after that month counts', notice({ breach: { start: '2023-04', end: '2023-09' }, disclosed: '2023-10-06' }), { now: at('2023-10-10T00:00:00Z'), timeZone: 'UTC', passwordChangedOn: '2023-10-01' }, { show: false, why: 'password-changed' }],
  ['dismissed at the current modified date stays hidden', base, { now: at('2026-02-01T00:00:00Z'), timeZone: 'UTC', dismissedAtModified: '2026-05-30' }, { show: false, why: 'dismissed' }],
  ['a newer modified date re-arms a dismissed notice', notice({ modified: '2026-06-10' }), { now: at('2026-06-11T00:00:00Z'), timeZone: 'UTC', dismissedAtModified: '2026-05-30' }, { show: true, why: 'recent' }],
  ['dismissal beats an open status', notice({ status: 'investigating' }), { now: at('2026-02-01T00:00:00Z'), timeZone: 'UTC', dismissedAtModified: '2026-05-30' }, { show: false, why: 'dismissed' }],
];

describe('relevance', () => {
  it.each(cases)('%s', (_name, input, context, expected) => {
    expect(relevance(input, context)).toEqual(expected);
  });
});

describe('calendar helpers', () => {
  it.each([
    ['2027-05-30', -12, '2026-05-30'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2024-03-31', -1, '2024-02-29'],
    ['2026-01-15', -12, '2025-01-15'],
    ['2026-01-31', 1, '2026-02-28'],
  ])('addMonths(%s, %i) = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-12-31T11:30:00Z', 'Pacific/Auckland', '2027-01-01'],
    ['2026-12-31T11:30:00Z', 'UTC', '2026-12-31'],
    ['2027-01-01T03:00:00Z', 'America/New_York', '2026-12-31'],
  ])('localDate(%s, %s) = %s', (instant, zone, expected) => {
    expect(localDate(new Date(instant), zone)).toBe(expected);
  });
});
