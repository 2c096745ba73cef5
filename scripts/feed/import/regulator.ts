import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { textProblem } from '../../../utils/feed/text-rules';
import type { Notice } from '../../../utils/feed/schema';
import { checkNotices, readNoticeFiles } from '../validate';
import { ImportRefused } from './common';

/**
 * What every regulator importer shares (issue 13, item 6). A regulator's breach list (HHS OCR, a
 * state attorney general, the OAIC) becomes one *draft* notice file per breach, for a maintainer to
 * review: drafts are never signed or published, and each keeps a `TODO` where the list says nothing
 * (severity, whether the patient portal was involved), so `validate` refuses a draft until a person
 * has decided. A list is one more file: it turns its text into `RegulatorRow`s (`RegulatorList`),
 * and everything else, the CSV reading, the checks, the ids, de-duplication, the files and the
 * review report, is here.
 */

/** One breach as a regulator lists it: only what the list says, nothing inferred. */
export interface RegulatorRow {
  /** The line the row starts on in the input file, for the review report. */
  line: number;
  organization: string;
  /** The state or territory, as the list gives it (`NC`). */
  region?: string;
  /** The day the breach was reported to the regulator, `YYYY-MM-DD`. */
  reported: string;
  affected?: number;
  /** The kind of breach and where the information was, in the list's own words. */
  breachType?: string;
  locations: string[];
  entityType?: string;
  /** Data classes the row itself supports (never guessed from the kind of organisation). */
  dataClasses: Notice['dataClasses'];
}

export interface RegulatorList {
  /** `npm run feed -- import <id> FILE --out DIR`. */
  id: string;
  /** The regulator, as a patient would read it: "the US HHS Office for Civil Rights". */
  regulator: string;
  country: Notice['country'];
  /** The list's public page: every draft cites it as its source and official link. */
  sourceUrl: string;
  linkTitle: string;
  /** The input's header row, exactly; a file with other columns is refused whole. */
  columns: readonly string[];
  /** One CSV record (already split by the CSV parser) → a row, or the reason it is refused. */
  readRecord(record: Record<string, string>, line: number): RegulatorRow | { refused: string };
  /** Figures a list uses as placeholders rather than counts (HHS: 500 or 501 while still counting). */
  placeholderCounts?: ReadonlySet<number>;
}

export interface Malformed {
  line: string;
  reason: string;
}

/**
 * Reads a CSV list with csv-parse. A malformed record (a stray or unclosed quote, a missing column)
 * is reported with its line and skipped; the import goes on. Only a wrong header refuses the file.
 */
export function readRegulatorCsv(input: string, list: RegulatorList): { rows: RegulatorRow[]; malformed: Malformed[] } {
  const text = input.replace(/^\uFEFF/, '');
  const bytes = Buffer.from(text, 'utf8');
  const malformed: Malformed[] = [];
  const records: { line: number; cells: string[] }[] = [];
  // csv-parse's own line count drifts after a skipped record, so lines come from its byte offsets: a
  // record ends on the line before the offset it reports, and starts as many lines earlier as its
  // cells hold line breaks. Lines between two records that no record covers are the skipped ones.
  const skips = new Map<number, string>();
  let counted = 0;
  let newlines = 0;
  const lineBefore = (offset: number) => {
    for (; counted < offset && counted < bytes.length; counted++) if (bytes[counted] === 0x0a) newlines++;
    return bytes[offset - 1] === 0x0a ? newlines : newlines + 1;
  };
  const gaps: { first: number; last: number; after: number }[] = [];
  let lastLine = 0;
  parse(text, {
    relax_column_count: true,
    skip_records_with_error: true,
    skip_empty_lines: true,
    on_record: (cells: string[], { bytes: offset }: { bytes: number }) => {
      const last = lineBefore(offset);
      const first = last - cells.reduce((sum, cell) => sum + (cell.match(/\n/g)?.length ?? 0), 0);
      if (first > lastLine + 1) gaps.push({ first: lastLine + 1, last: first - 1, after: records.length });
      records.push({ line: first, cells });
      lastLine = last;
      return cells;
    },
    // csv-parse can report one broken record twice (each bad quote); the first says enough.
    on_skip: (error: { message: string } | undefined) => {
      if (!skips.has(records.length)) skips.set(records.length, error?.message.replace(/ at line \d+/, '') ?? 'unknown error');
    },
  });
  const lastTextLine = text.replace(/\r?\n$/, '').split('\n').length;
  if (lastTextLine > lastLine) gaps.push({ first: lastLine + 1, last: lastTextLine, after: records.length });
  for (const { first, last, after } of gaps) {
    const reason = skips.get(after);
    if (reason === undefined && text.split('\n').slice(first - 1, last).every((line) => line.trim() === '')) continue;
    malformed.push({ line: last > first ? `${first}–${last}` : String(first), reason: `not read as CSV: ${reason ?? 'a malformed record'}` });
  }
  const [header, ...body] = records;
  if (!header || header.cells.join('\u0000') !== list.columns.join('\u0000')) {
    throw new ImportRefused(`the first line must be the ${list.id} header: ${list.columns.join(',')}`);
  }
  const rows: RegulatorRow[] = [];
  for (const { line, cells } of body) {
    if (cells.length !== list.columns.length) {
      malformed.push({ line: String(line), reason: `has ${cells.length} column${cells.length === 1 ? '' : 's'}, not ${list.columns.length}` });
      continue;
    }
    const problem = cells.map(cellProblem).find((reason) => reason !== undefined);
    if (problem) {
      malformed.push({ line: String(line), reason: problem });
      continue;
    }
    const record = Object.fromEntries(list.columns.map((column, index) => [column, (cells[index] ?? '').trim()]));
    const row = list.readRecord(record, line);
    if ('refused' in row) malformed.push({ line: String(line), reason: row.refused });
    else rows.push(row);
  }
  malformed.sort((a, b) => Number.parseInt(a.line, 10) - Number.parseInt(b.line, 10));
  return { rows, malformed };
}

/**
 * A cell that would run as a spreadsheet formula when a reviewer opens a draft list in a
 * spreadsheet (OWASP "CSV injection"), or text the feed refuses (bidi controls, zero-width
 * characters, mixed-script words): the row is refused, never cleaned up into something else.
 */
function cellProblem(cell: string): string | undefined {
  if (/^[=+\-@\t\r]/.test(cell)) return `a cell starts with ${JSON.stringify(cell[0])}, as a spreadsheet formula does: ${JSON.stringify(cell.slice(0, 40))}`;
  const problem = textProblem(cell);
  return problem ? `a cell: ${problem}` : undefined;
}

/** A draft notice file's content. Fields the list cannot support hold a TODO for the reviewer. */
export interface Draft {
  id: string;
  portals: string[];
  portalInvolved: string;
  title: string;
  summary: string;
  organization: string;
  country: Notice['country'];
  breach: { note: string };
  disclosed: string;
  added: string;
  modified: string;
  affected?: { count: number; estimate: boolean; label?: string; source: string; asOf: string };
  dataClasses: Notice['dataClasses'];
  notAffected: Notice['notAffected'];
  status: Notice['status'];
  severity: string;
  links: { title: string; url: string; official: boolean }[];
  sources: string[];
}

const TODO_PORTAL = 'TODO: true only if a source says the patient portal or app itself was involved; the regulator list does not say';
const TODO_SEVERITY = 'TODO: low, medium, high or critical, from the rubric in docs/feed.md';

/** `Jefferson Dental Center, Inc. (“JDC”)` → `jefferson-dental-center`: the id's organisation part. */
export function organizationSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/\(.*?\)|[“"].*?[”"]|\bd\/b\/a\b.*$/g, ' ')
    .replace(/\b(?:inc|llc|llp|pllc|pc|pa|ltd|corp|corporation|co|company|the)\b\.?/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Ids stay short: at most 40 characters, cut at a word.
  const short = slug.length <= 40 ? slug : slug.slice(0, 41).replace(/-[^-]*$/, '') || slug.slice(0, 40);
  return short.replace(/-+$/, '') || 'organization';
}

/** The name without legal form or quoted short names: how two lists name one organisation alike. */
export const sameOrganization = (a: string, b: string) => organizationSlug(a) === organizationSlug(b);

function draftFor(row: RegulatorRow, list: RegulatorList, id: string, today: string): Draft {
  const placeholder = row.affected !== undefined && list.placeholderCounts?.has(row.affected);
  const what = [row.breachType?.toLowerCase(), row.locations.length > 0 ? `information on: ${row.locations.join(', ').toLowerCase()}` : undefined].filter(Boolean).join('; ');
  const people = row.affected === undefined ? '' : placeholder ? ` It reported at least ${row.affected.toLocaleString('en-US')} people affected; the final count may be higher.` : ` It reported ${row.affected.toLocaleString('en-US')} people affected.`;
  return {
    id,
    portals: [],
    portalInvolved: TODO_PORTAL,
    title: `${row.organization}: breach reported to a regulator`.slice(0, 200),
    summary: `${row.organization}${row.region ? ` (${row.region})` : ''} reported a breach of health information to ${list.regulator} on ${row.reported}${what ? ` (${what})` : ''}.${people}`.slice(0, 2000),
    organization: row.organization,
    country: list.country,
    breach: { note: `${list.regulator} gives only the day the breach was reported to it, ${row.reported}` },
    disclosed: row.reported,
    added: today,
    modified: today,
    ...(row.affected === undefined
      ? {}
      : { affected: { count: row.affected, estimate: placeholder === true, ...(placeholder ? { label: `at least ${row.affected} (a placeholder while the count is made)` } : {}), source: list.sourceUrl, asOf: row.reported } }),
    dataClasses: row.dataClasses,
    notAffected: [],
    status: 'reported',
    severity: TODO_SEVERITY,
    links: [{ title: list.linkTitle, url: list.sourceUrl, official: true }],
    sources: [list.sourceUrl],
  };
}

export interface DraftReport {
  drafts: Draft[];
  malformed: Malformed[];
  /** Rows that a notice in feed/notices/ already covers, or that repeat an earlier row: no draft. */
  duplicates: { line: number; organization: string; of: string }[];
  /** Drafts written that may be a notice's breach under a longer or shorter name: the reviewer decides. */
  possible: { line: number; id: string; notice: string }[];
}

/**
 * Rows → drafts, de-duplicated. A row repeats another when it names the same organisation on the
 * same day with the same count; it is covered by an existing notice when that notice names the
 * same organisation (legal form aside), or the same count above the placeholders, and was
 * disclosed within 120 days of the report. Ids are
 * `<country>-<organisation>-<year>-<month>` of the report, with `-2`, `-3` for a second and third
 * report by one organisation in a month, so re-running an import gives the same ids.
 */
export function draftNotices(rows: readonly RegulatorRow[], list: RegulatorList, existing: readonly Pick<Notice, 'id' | 'organization' | 'disclosed' | 'affected'>[], today: string): Omit<DraftReport, 'malformed'> {
  const drafts: Draft[] = [];
  const duplicates: DraftReport['duplicates'] = [];
  const possible: DraftReport['possible'] = [];
  const seen = new Map<string, number>();
  const taken = new Set(existing.map((notice) => notice.id));
  const days = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
  const ordered = [...rows].sort((a, b) => (a.reported < b.reported ? -1 : a.reported > b.reported ? 1 : a.line - b.line));
  for (const row of ordered) {
    const key = `${organizationSlug(row.organization)} ${row.reported} ${row.affected ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      duplicates.push({ line: row.line, organization: row.organization, of: `line ${earlier}` });
      continue;
    }
    seen.set(key, row.line);
    // The same organisation, or the same count, reported close to the notice's disclosure: one
    // list's "Kaiser Foundation Health Plan, Inc." is the feed's "Kaiser Permanente" (13.4 million, 2024-04-12).
    const covered = existing.find((notice) => days(notice.disclosed, row.reported) <= 120 && (sameOrganization(notice.organization, row.organization) || (row.affected !== undefined && row.affected > 501 && notice.affected?.count === row.affected)));
    if (covered) {
      duplicates.push({ line: row.line, organization: row.organization, of: `feed/notices/${covered.id}.json` });
      continue;
    }
    const near = existing.find((notice) => days(notice.disclosed, row.reported) <= 120 && wordPrefix(organizationSlug(notice.organization), organizationSlug(row.organization)));
    const base = `${list.country.toLowerCase()}-${organizationSlug(row.organization)}`;
    const month = row.reported.slice(0, 7);
    let id = `${base}-${month}`;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}-${month}`;
    taken.add(id);
    drafts.push(draftFor(row, list, id, today));
    if (near) possible.push({ line: row.line, id, notice: near.id });
  }
  return { drafts, duplicates, possible };
}

/** `ascension` and `ascension-health`: one name is the other's first words. */
const wordPrefix = (a: string, b: string) => a !== b && (b.startsWith(`${a}-`) || a.startsWith(`${b}-`));

/** The text of a draft file: the `$schema` hint for editors, two-space JSON, as `new` writes. */
export const draftFileText = (draft: Draft) => `${JSON.stringify({ $schema: '../notice.schema.json', ...draft }, null, 2)}\n`;

export interface RunRegulatorImportOptions {
  list: RegulatorList;
  file: string;
  out: string;
  noticesDir?: string;
  today?: string;
  log?: (line: string) => void;
}

/** Reads the list, writes one draft file per new breach into `out`, and prints the review report. */
export function runRegulatorImport({ list, file, out, noticesDir, today = new Date().toISOString().slice(0, 10), log = console.log }: RunRegulatorImportOptions): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportRefused(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const { rows, malformed } = readRegulatorCsv(text, list);
  const existing = checkNotices(readNoticeFiles(noticesDir)).notices;
  const { drafts, duplicates, possible } = draftNotices(rows, list, existing, today);
  mkdirSync(out, { recursive: true });
  for (const draft of drafts) writeFileSync(join(out, `${draft.id}.json`), draftFileText(draft));
  for (const { line, reason } of malformed) log(`line ${line}: skipped: ${reason}`);
  for (const { line, organization, of } of duplicates) log(`line ${line}: ${organization}: already covered by ${of}`);
  for (const { line, id, notice } of possible) log(`line ${line}: ${id}: may be the breach of feed/notices/${notice}.json under another name; check before moving it`);
  const unknownClasses = drafts.filter((draft) => draft.dataClasses.length === 0).length;
  // Every row is accounted for exactly once: written, a duplicate, or skipped with its reason.
  const read = rows.length + malformed.length;
  if (drafts.length + duplicates.length + malformed.length !== read) throw new Error(`the report lost rows: ${read} read, but ${drafts.length} + ${duplicates.length} + ${malformed.length} accounted for`);
  log(
    `${list.id}: ${read} rows read = ${drafts.length} drafts written to ${out} + ${duplicates.length} duplicates not drafted + ${malformed.length} malformed rows skipped; ${possible.length} possible duplicates to check; ` +
      `${unknownClasses} drafts with data classes unknown (the list does not say).`,
  );
  log('Review each draft: decide portalInvolved and severity, add data classes and portals or domains only from a source, then move it into feed/notices/ and run npm run feed -- validate. Nothing is signed or published.');
  return 0;
}
