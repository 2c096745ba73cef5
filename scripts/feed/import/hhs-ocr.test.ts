import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { noticeSchema } from '../../../utils/feed/schema';
import { checkNoticeFile } from '../validate';
import { HHS_OCR, HHS_OCR_SOURCE } from './hhs-ocr';
import { organizationSlug, readRegulatorCsv } from './regulator';
import { runImport } from './run';

/**
 * The HHS OCR importer on a fixture in the portal's CSV export format (its real header): real
 * breach reports from the public list, and hostile rows. The real file (../shared/data) is
 * never committed; docs/feed.md gives the figures it produces.
 */

const FIXTURE = join(import.meta.dirname, 'fixtures/hhs-ocr-breach-report.csv');
const HEADER = HHS_OCR.columns.join(',');
const TODAY = '2026-12-04';

let out: string;
let lines: string[];
const run = (file = FIXTURE, options: { out?: string } = { out }) => runImport({ source: 'hhs-ocr', paths: [file], ...options, log: (line) => lines.push(line) });
const draft = (id: string) => JSON.parse(readFileSync(join(out, `${id}.json`), 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  out = mkdtempSync(join(tmpdir(), 'hhs-ocr-'));
  lines = [];
});

describe('import hhs-ocr FILE --out DIR', () => {
  it('writes one draft per new breach, and reports every skipped row with its line and reason', () => {
    expect(run()).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'us-ascension-health-2024-07.json',
      'us-atrium-health-2024-09.json',
      'us-atrium-health-2024-12.json',
      'us-colonial-behavioral-health-2024-11.json',
      'us-delta-specialty-hospital-2-2024-05.json',
      'us-delta-specialty-hospital-2024-05.json',
      'us-jefferson-dental-center-2024-11.json',
    ]);
    expect(lines.filter((line) => /^line [0-9–]+: skipped/.test(line))).toEqual([
      'line 5: skipped: has 11 columns, not 10',
      'line 9: skipped: a cell starts with "=", as a spreadsheet formula does: "=HYPERLINK(\\"https://evil.example/\\",\\"Atri"',
      'line 11: skipped: a cell: contains U+202E, an invisible or direction-changing character',
      'line 12: skipped: a cell: the word "K\u0430iser" mixes Latin and Cyrillic letters',
      'line 13: skipped: the submission date "2024-02-30" is not a calendar date like 2024-12-02',
      'line 14: skipped: the submission date "05/20/2024" is not a calendar date like 2024-12-02',
      'line 15: skipped: has 3 columns, not 10',
      'line 16: skipped: not read as CSV: Invalid Opening Quote: a quote is found on field 0, value is "Acme "',
      'line 20: skipped: "ZZ" is not a US state or territory code',
      'line 21: skipped: individuals affected "unknown" is not a whole number',
      'line 22–23: skipped: not read as CSV: Quote Not Closed: the parsing is finished with an opening quote',
    ]);
    expect(lines).toContain('line 6: Kaiser Foundation Health Plan, Inc.: already covered by feed/notices/us-kaiser-2024.json');
    expect(lines).toContain('line 8: Atrium Health: already covered by line 2');
    expect(lines).toContain('line 7: us-ascension-health-2024-07: may be the breach of feed/notices/us-ascension-2024.json under another name; check before moving it');
    expect(lines).toContain(
      `hhs-ocr: 20 rows read = 7 drafts written to ${out} + 2 duplicates not drafted + 11 malformed rows skipped; 1 possible duplicates to check; 6 drafts with data classes unknown (the list does not say).`,
    );
  });

  it('drafts only what the row says: no breach dates, no data classes, no domains, a TODO where a person decides', () => {
    run();
    const atrium = draft('us-atrium-health-2024-12');
    expect(atrium).toMatchObject({
      id: 'us-atrium-health-2024-12',
      portals: [],
      organization: 'Atrium Health',
      country: 'US',
      title: 'Atrium Health: breach reported to a regulator',
      summary: 'Atrium Health (NC) reported a breach of health information to the US HHS Office for Civil Rights on 2024-12-02 (unauthorized access/disclosure; information on: network server). It reported 585,959 people affected.',
      breach: { note: 'the US HHS Office for Civil Rights gives only the day the breach was reported to it, 2024-12-02' },
      disclosed: '2024-12-02',
      affected: { count: 585959, estimate: false, source: HHS_OCR_SOURCE, asOf: '2024-12-02' },
      dataClasses: [],
      status: 'reported',
      links: [{ title: 'HHS Office for Civil Rights breach portal', url: HHS_OCR_SOURCE, official: true }],
      sources: [HHS_OCR_SOURCE],
    });
    expect(atrium).not.toHaveProperty('domains');
    expect(atrium.portalInvolved).toMatch(/^TODO: /);
    expect(atrium.severity).toMatch(/^TODO: /);
  });

  it('fills a data class only where the row supports it: an electronic medical record holds health records', () => {
    run();
    expect(draft('us-delta-specialty-hospital-2024-05').dataClasses).toEqual(['health-records']);
    expect(draft('us-delta-specialty-hospital-2-2024-05').dataClasses).toEqual([]);
  });

  it("marks HHS's 500 placeholder as an estimate of at least 500", () => {
    run();
    expect(draft('us-ascension-health-2024-07').affected).toEqual({ count: 500, estimate: true, label: 'at least 500 (a placeholder while the count is made)', source: HHS_OCR_SOURCE, asOf: '2024-07-03' });
  });

  it('writes drafts that validate refuses until a reviewer decides, and that pass once decided', () => {
    run();
    const file = join(out, 'us-delta-specialty-hospital-2024-05.json');
    const text = readFileSync(file, 'utf8');
    const reasons = checkNoticeFile({ file: 'us-delta-specialty-hospital-2024-05.json', text }, undefined, TODAY).problems.map((problem) => `${problem.path}: ${problem.reason}`);
    expect(reasons).toContain('$.portalInvolved: still holds a TODO from the scaffold');
    expect(reasons).toContain('$.severity: still holds a TODO from the scaffold');
    const reviewed = { ...(JSON.parse(text) as Record<string, unknown>), portalInvolved: false, severity: 'medium' };
    expect(noticeSchema.safeParse(reviewed).success).toBe(true);
  });

  it('refuses a file with another header whole, and writes nothing', () => {
    const file = join(out, 'other.csv');
    const target = join(out, 'drafts');
    writeFileSync(file, 'Name,State\nAtrium Health,NC\n');
    expect(run(file, { out: target })).toBe(1);
    expect(lines).toEqual([`refused: the first line must be the hhs-ocr header: ${HEADER}`, 'nothing written']);
    expect(existsSync(target)).toBe(false);
  });

  it('needs --out', () => {
    expect(() => run(FIXTURE, {})).toThrow('import hhs-ocr needs --out DIR');
  });
});

describe('reading the CSV', () => {
  it.each<[string, string, string[]]>([
    ['a quoted line break inside a description', `${HEADER}\nAtrium Health,NC,Healthcare Provider,1200,2024-03-01,Theft,Laptop,No,"one\ntwo",2024\nColonial Behavioral Health,VA,Healthcare Provider,29930,2024-11-27,Hacking/IT Incident,Network Server,No,,2024\n`, ['2 Atrium Health', '4 Colonial Behavioral Health']],
    ['a byte-order mark and CRLF line ends', `\uFEFF${HEADER}\r\nAtrium Health,NC,Healthcare Provider,1200,2024-03-01,Theft,Laptop,No,,2024\r\n`, ['2 Atrium Health']],
    ['no final line break', `${HEADER}\nAtrium Health,NC,Healthcare Provider,1200,2024-03-01,Theft,Laptop,No,,2024`, ['2 Atrium Health']],
  ])('%s', (_name, text, expected) => {
    const { rows, malformed } = readRegulatorCsv(text, HHS_OCR);
    expect(malformed).toEqual([]);
    expect(rows.map((row) => `${row.line} ${row.organization}`)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['a formula starting with +', '+1+cmd|calc!A0'],
    ['a formula starting with @', '@SUM(1+1)'],
    ['a zero-width space', 'Atrium\u200BHealth'],
    ['a left-to-right isolate', 'Atrium \u2066Health'],
  ])('skips a row whose name holds %s', (_name, name) => {
    const { rows, malformed } = readRegulatorCsv(`${HEADER}\n"${name}",NC,Healthcare Provider,1200,2024-03-01,Theft,Laptop,No,,2024\n`, HHS_OCR);
    expect(rows).toEqual([]);
    expect(malformed.map((item) => item.line)).toEqual(['2']);
  });
});

describe('organizationSlug', () => {
  it.each<[string, string]>([
    ['Atrium Health', 'atrium-health'],
    ['Jefferson Dental Center, Inc.', 'jefferson-dental-center'],
    ['Des Moines Orthopaedic Surgeons, P.C.', 'des-moines-orthopaedic-surgeons'],
    ['WebTPA Employer Services, LLC (“WebTPA”)', 'webtpa-employer-services'],
    ['El Centro Del Barrio d/b/a CentroMed', 'el-centro-del-barrio'],
    ['Change Healthcare (UnitedHealth Group)', 'change-healthcare'],
    ['BlueCross BlueShield of Tennessee, Inc. and Volunteer State Health Plan, Inc.', 'bluecross-blueshield-of-tennessee-and'],
  ])('%s → %s', (name, slug) => {
    expect(organizationSlug(name)).toBe(slug);
  });
});
