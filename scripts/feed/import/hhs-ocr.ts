import type { DataClass } from '../../../utils/feed/schema';
import type { RegulatorList, RegulatorRow } from './regulator';

/**
 * `npm run feed -- import hhs-ocr FILE --out DIR`: the US HHS Office for Civil Rights breach portal
 * ("breaches affecting 500 or more individuals"), as its CSV export. One row is one breach report.
 * The portal gives no breach dates and no data classes; it gives the day of the report, the count,
 * the kind of breach and where the information was. The only data class a row supports is health
 * records, when the information was in an electronic medical record; every other row's classes
 * stay unknown for the reviewer.
 */

export const HHS_OCR_SOURCE = 'https://ocrportal.hhs.gov/ocr/breach/breach_report.jsf';

const COLUMNS = [
  'Name of Covered Entity',
  'State',
  'Covered Entity Type',
  'Individuals Affected',
  'Breach Submission Date',
  'Type of Breach',
  'Location of Breached Information',
  'Business Associate Present',
  'Web Description',
  'Year',
] as const;

/** The two-letter codes the portal uses: the states, DC and the territories. */
const STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP'.split(' '),
);

const LOCATION_CLASSES: Readonly<Record<string, DataClass>> = { 'Electronic Medical Record': 'health-records' };

function readRecord(record: Record<(typeof COLUMNS)[number], string>, line: number): RegulatorRow | { refused: string } {
  const organization = record['Name of Covered Entity'].replace(/\s+/g, ' ');
  if (organization.length < 2 || organization.length > 200) return { refused: `the covered entity's name must be 2 to 200 characters, not ${organization.length}` };
  const state = record.State;
  if (state !== '' && !STATES.has(state)) return { refused: `${JSON.stringify(state)} is not a US state or territory code` };
  const reported = record['Breach Submission Date'];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(reported) || new Date(`${reported}T00:00:00Z`).toISOString().slice(0, 10) !== reported) {
    return { refused: `the submission date ${JSON.stringify(reported)} is not a calendar date like 2024-12-02` };
  }
  if (record.Year !== '' && record.Year !== reported.slice(0, 4)) return { refused: `the year ${record.Year} does not match the submission date ${reported}` };
  const count = record['Individuals Affected'];
  if (count !== '' && !/^\d{1,10}$/.test(count)) return { refused: `individuals affected ${JSON.stringify(count)} is not a whole number` };
  const locations = record['Location of Breached Information'].split(',').map((item) => item.trim()).filter(Boolean);
  const dataClasses = [...new Set(locations.flatMap((location) => LOCATION_CLASSES[location] ?? []))];
  return {
    line,
    organization,
    ...(state ? { region: state } : {}),
    reported,
    ...(count ? { affected: Number(count) } : {}),
    ...(record['Type of Breach'] ? { breachType: record['Type of Breach'] } : {}),
    locations,
    ...(record['Covered Entity Type'] ? { entityType: record['Covered Entity Type'] } : {}),
    dataClasses,
  };
}

export const HHS_OCR: RegulatorList = {
  id: 'hhs-ocr',
  regulator: 'the US HHS Office for Civil Rights',
  country: 'US',
  sourceUrl: HHS_OCR_SOURCE,
  linkTitle: 'HHS Office for Civil Rights breach portal',
  columns: COLUMNS,
  readRecord: (record, line) => readRecord(record as Record<(typeof COLUMNS)[number], string>, line),
  // Covered entities report 500 or 501 when they know only that the 500-person threshold is met.
  placeholderCounts: new Set([500, 501]),
};
