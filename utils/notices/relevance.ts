import { OPEN_STATUSES, partialDateBounds, type Notice } from '../feed/schema';

/**
 * Whether a breach notice should be shown to this patient now. Pure: the clock, the time zone and
 * the user's choices are all passed in, so every edge is table-tested (`relevance.test.ts`).
 *
 * Rules, in the order they are applied:
 * 1. **Dismissed** notices stay hidden until the notice's `modified` date changes: a new
 *    development (a count revised, a regulator's finding) re-alerts the patient.
 * 2. **Password changed** after the breach (its end, or, when the end is unknown, the date it was
 *    disclosed) hides the notice for that portal: the patient has done the main thing it asks.
 * 3. **Open** notices (still being investigated, notified or acted on by a regulator) are shown
 *    however old they are.
 * 4. Otherwise a notice is shown while it is **recent**: disclosed or modified within the window
 *    (12 months by default), counted in whole calendar days in the patient's own time zone.
 */

export interface RelevanceContext {
  now: Date;
  /** IANA time zone of the patient, for "today". Defaults to the browser's. */
  timeZone?: string;
  windowMonths?: number;
  /** `YYYY-MM-DD` the user says they changed this portal's password. */
  passwordChangedOn?: string;
  /** The notice's `modified` date at the moment the user dismissed it. */
  dismissedAtModified?: string;
}

export type Relevance =
  | { show: true; why: 'open' | 'recent' }
  | { show: false; why: 'dismissed' | 'password-changed' | 'old' };

export const DEFAULT_WINDOW_MONTHS = 12;

export function relevance(notice: Notice, context: RelevanceContext): Relevance {
  if (context.dismissedAtModified !== undefined && context.dismissedAtModified === notice.modified) return { show: false, why: 'dismissed' };
  if (context.passwordChangedOn !== undefined && context.passwordChangedOn > passwordThreshold(notice)) return { show: false, why: 'password-changed' };
  if (OPEN_STATUSES.has(notice.status)) return { show: true, why: 'open' };
  const today = localDate(context.now, context.timeZone);
  const cutoff = addMonths(today, -(context.windowMonths ?? DEFAULT_WINDOW_MONTHS));
  const latest = notice.modified > notice.disclosed ? notice.modified : notice.disclosed;
  return latest >= cutoff ? { show: true, why: 'recent' } : { show: false, why: 'old' };
}

/**
 * The date after which a changed password counts: the last day the breach may have ended (a
 * breach that ended "2023-09" may have run to the 30th), otherwise the disclosure. A change on
 * that very day does not count, since we cannot tell which came first.
 */
export function passwordThreshold(notice: Notice): string {
  return notice.breach.end ? partialDateBounds(notice.breach.end).last : notice.disclosed;
}

/** Today's calendar date (`YYYY-MM-DD`) in a time zone. */
export function localDate(now: Date, timeZone?: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Calendar arithmetic on `YYYY-MM-DD`, clamping to the month's last day (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = total - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(targetYear, targetMonth, Math.min(day, lastDay)));
  return date.toISOString().slice(0, 10);
}
