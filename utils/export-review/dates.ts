/**
 * Dates in exports, reduced to what the summary needs: a calendar date as precise as the source
 * (`2019`, `2019-03` or `2019-03-12`), the date as written where it happened (no time-zone
 * conversion: a letter written on 31 December in Auckland stays in that year).
 */

const MIN_YEAR = 1800;

/**
 * Dates that systems write when they have none: 1900-01-01 (a common "null date" in vendor
 * exports) and 0001-01-01 (.NET's DateTime.MinValue, already below MIN_YEAR). Taken as real,
 * they would make a record look a century long.
 */
const PLACEHOLDERS = new Set(['1900-01-01', '0001-01-01']);
const MAX_YEAR = 2100;

function build(year: string, month?: string, day?: string): string | undefined {
  const y = Number(year);
  if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
  if (month === undefined) return year;
  const m = Number(month);
  if (m < 1 || m > 12) return undefined;
  if (day === undefined) return `${year}-${month}`;
  const d = Number(day);
  // Not Date.UTC: this runs for every date of a large file.
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const daysInMonth = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d < 1 || d > daysInMonth) return undefined;
  const date = `${year}-${month}-${day}`;
  return PLACEHOLDERS.has(date) ? undefined : date;
}

/** FHIR `date`, `dateTime` or `instant`. */
export function fhirDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)/.exec(value);
  return match ? build(match[1]!, match[2], match[3]) : undefined;
}

/** HL7 v3 TS (`20190312083000+1200`), as CDA `effectiveTime/@value` and `low/@value` carry it. */
export function hl7Date(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^(\d{4})(\d{2})?(\d{2})?/.exec(value.trim());
  return match ? build(match[1]!, match[2], match[3]) : undefined;
}
