import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../utils/portals/catalogue';
import type { Portal } from '../../utils/portals/schema';
import { sampleNotice } from '../../utils/feed/test-fixtures';
import { runNew } from './new';
import { checkNoticeFile, checkNotices, formatProblem, readNoticeFiles, runValidate } from './validate';

const TODAY = '2026-11-28';
const FILE = 'feed/notices/nz-example-2026-01.json';
const problemsOf = (notice: unknown, file = FILE, catalogue: readonly Portal[] = CATALOGUE as readonly Portal[]) =>
  checkNoticeFile({ file, text: typeof notice === 'string' ? notice : JSON.stringify(notice, null, 2) }, catalogue, TODAY).problems.map(formatProblem);

describe('the notices in feed/notices', () => {
  const sources = readNoticeFiles();

  it('are all valid', () => {
    expect(checkNotices(sources, undefined, new Date().toISOString().slice(0, 10)).problems.map(formatProblem)).toEqual([]);
  });

  it('are at least 12', () => {
    expect(sources.length).toBeGreaterThanOrEqual(12);
  });

  // The explicit cross-check the issue asks for: every portal id a notice names is in the catalogue.
  const known = new Set<string>(CATALOGUE.map((portal) => portal.id));
  it.each(checkNotices(sources).notices.map((notice) => [notice.id, notice.portals] as const))('%s → portals %j are catalogue ids', (_id, portals) => {
    for (const portal of portals) expect(known.has(portal), `${portal} is not in feed/portals/`).toBe(true);
  });
});

describe('validate names the file, the JSON path and the reason', () => {
  it.each<[string, unknown, string]>([
    ['a javascript: link', sampleNotice({ links: [{ title: 'x1', url: 'javascript:alert(1)', official: true }] }), `${FILE}: $.links[0].url: links must be https:// URLs`],
    ['an http: link', sampleNotice({ links: [{ title: 'x1', url: 'http://example.org/', official: true }] }), `${FILE}: $.links[0].url: links must be https:// URLs`],
    ['a deep violation', sampleNotice({ dataClassDetails: [{ dataClass: 'referral-letters', documentWindow: { from: '2017', to: 'soon' } }] }), `${FILE}: $.dataClassDetails[0].documentWindow.to: must be a date like 2023, 2023-04 or 2023-04-15`],
    ['a data class outside the vocabulary', sampleNotice({ dataClasses: ['names', 'blood-type'] }), `${FILE}: $.dataClasses[1]: unknown data class "blood-type"; use one from the vocabulary in utils/feed/schema.ts`],
    ['a typo in a field name', sampleNotice({ dataclasses: ['names'] }), `${FILE}: $.dataclasses: unknown field "dataclasses" (a typo? the fields are listed in feed/notice.schema.json)`],
    ['a typo deep inside', sampleNotice({ affected: { count: 1, estimate: false, source: 'https://example.org/', unverfied: true } }), `${FILE}: $.affected.unverfied: unknown field "unverfied" (a typo? the fields are listed in feed/notice.schema.json)`],
    ['a portal that is not in the catalogue', sampleNotice({ portals: ['manage-my-health'] }), `${FILE}: $.portals[0]: "manage-my-health" is not a portal id in feed/portals/`],
    ['a platform without tenants', sampleNotice({ portals: ['epic-mychart'] }), `${FILE}: $.tenants: epic-mychart is a platform: list the affected tenants' hosts, or set platformWide when the platform itself was breached`],
    ['an unknown tenant', sampleNotice({ portals: ['epic-mychart'], tenants: ['mychart.example.org'] }), `${FILE}: $.tenants[0]: mychart.example.org is not a tenant of epic-mychart in the catalogue`],
    ['tenants on a single portal', sampleNotice({ tenants: ['portal.managemyhealth.co.nz'] }), `${FILE}: $.tenants: only a notice on a platform can name tenants`],
    ['a platform’s shared tenant domain without platformWide', sampleNotice({ portals: [], domains: ['iqhealth.com'] }), `${FILE}: $.domains[0]: iqhealth.com is where every tenant of oracle-health lives: name the affected tenants, or set platformWide when the platform itself was breached`],
    ['a public suffix as a domain', sampleNotice({ portals: [], domains: ['co.nz'] }), `${FILE}: $.domains[0]: co.nz is a public suffix: it would reach every site under it`],
    ['a date in the future', sampleNotice({ modified: '2027-01-01' }), `${FILE}: $.modified: 2027-01-01 is in the future`],
    ['a file named after another id', sampleNotice({ id: 'nz-other-2026-01' }), `${FILE}: $.id: the file must be named nz-other-2026-01.json`],
    // Issue 13, item 5: two title keys pass JSON.parse, which keeps the second; build would sign what the reviewer may not have read.
    ['a key listed twice', JSON.stringify(sampleNotice(), null, 2).replace('"title": "Example portal: documents copied",', '"title": "Example portal: documents copied",\n  "title": "Nothing happened, ignore this",'), `${FILE}: $.title: the key "title" is listed twice (lines 7 and 8): JSON.parse would keep only the last`],
    ['a key listed twice deep inside', JSON.stringify(sampleNotice(), null, 2).replace('"official": true', '"official": true,\n      "url": "https://example.org/other"'), `${FILE}: $.links[0].url: the key "url" is listed twice (lines 46 and 48): JSON.parse would keep only the last`],
    ['a right-to-left override in the summary', sampleNotice({ summary: 'Someone copied documents \u202Efrom an example portal.' }), `${FILE}: $.summary: contains U+202E, an invisible or direction-changing character`],
    ['a Cyrillic look-alike letter in the organisation', sampleNotice({ organization: 'Ex\u0430mple Health Limited' }), `${FILE}: $.organization: the word "Ex\u0430mple" mixes Latin and Cyrillic letters`],
    ['a punycode link host', sampleNotice({ links: [{ title: 'Notice', url: 'https://xn--xample-hva.org/notice', official: true }] }), `${FILE}: $.links[0].url: link hosts must be plain ASCII, not punycode (xn--)`],
    ['an over-long source', sampleNotice({ sources: [`https://example.org/${'a'.repeat(2048)}`] }), `${FILE}: $.sources[0]: links and sources are at most 2048 characters`],
    ['broken JSON', '{\n  "id": "nz-example-2026-01",\n  "title": "x"\n  "summary": "y"\n}', `${FILE}: $: not valid JSON: Expected ',' or '}' after property value (line 4, column 3)`],
  ])('%s', (_name, notice, expected) => {
    expect(problemsOf(notice)).toContain(expected);
  });

  it('accepts a tenant the catalogue knows, and a platform-wide notice', () => {
    expect(problemsOf(sampleNotice({ portals: ['epic-mychart'], tenants: ['mychart.clevelandclinic.org'] }))).toEqual([]);
    expect(problemsOf(sampleNotice({ portals: ['epic-mychart'], platformWide: true }))).toEqual([]);
  });

  it('accepts the $schema hint for editors', () => {
    expect(problemsOf({ $schema: '../notice.schema.json', ...sampleNotice() })).toEqual([]);
  });

  it('finds duplicate ids across files', () => {
    const text = JSON.stringify(sampleNotice());
    const { problems } = checkNotices([{ file: FILE, text }, { file: 'feed/notices/copy/nz-example-2026-01.json', text }], undefined, TODAY);
    expect(problems.map(formatProblem)).toEqual([`feed/notices/copy/nz-example-2026-01.json: $.id: duplicate notice id nz-example-2026-01, also in ${FILE}`]);
  });
});

describe('new and validate', () => {
  it('scaffolds a notice that validate refuses until every TODO is filled in', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-new-'));
    const log: string[] = [];
    expect(runNew({ id: 'nz-example-2026-02', portals: ['managemyhealth'], dir, today: TODAY, log: (line) => log.push(line) })).toBe(0);
    expect(() => runNew({ id: 'nz-example-2026-02', dir, log: () => {} })).toThrow('exists');
    expect(() => runNew({ id: 'Bad Id', dir, log: () => {} })).toThrow('must look like nz-managemyhealth-2025-12');

    const lines: string[] = [];
    expect(runValidate(dir, (line) => lines.push(line))).toBe(1);
    expect(lines.some((line) => /nz-example-2026-02\.json: \$\.title: still holds a TODO from the scaffold$/.test(line))).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ problems found\.$/);
  });

  it('reports success with the count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'feed-ok-'));
    writeFileSync(join(dir, 'nz-example-2026-01.json'), JSON.stringify(sampleNotice()));
    const lines: string[] = [];
    expect(runValidate(dir, (line) => lines.push(line))).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${CATALOGUE.length} portals, 1 notices and \\d+ trackers \\(\\d+ domains\\) are valid\\.$`));
  });
});
