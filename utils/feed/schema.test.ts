import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFeedPayload, parseFeedValue } from './parse';
import { DATA_CLASSES, documentWindowContains, noticeSchema, partialDateBounds, partialDateSchema, type DataClass } from './schema';
import { dataClassLabel } from './data-class-label';
import { sampleFeed, sampleNotice } from './test-fixtures';

const reasonOf = (value: unknown) => {
  const result = parseFeedValue(value);
  return result.ok ? 'ok' : result.reason;
};

describe('feed format 1', () => {
  it('parses a good feed and applies defaults', () => {
    const result = parseFeedValue(sampleFeed({ notices: [sampleNotice({ notAffected: undefined })] }));
    expect(result.ok && result.feed.notices[0]?.notAffected).toEqual([]);
  });

  it('tolerates unknown optional fields at every level (a newer 1.x feed)', () => {
    const feed = { ...sampleFeed({ notices: [sampleNotice({ futureField: { nested: true }, breach: { start: '2025-12-29', precision: 'day' } })] }), formatVersion: '1.7', publisher: 'someone' };
    const result = parseFeedValue(feed);
    expect(result.ok).toBe(true);
    expect(result.ok && (result.feed.notices[0] as Record<string, unknown>).futureField).toEqual({ nested: true });
  });

  it.each(['2.0', '10.3', '0.9'])('refuses format %s with one clear message', (formatVersion) => {
    // Even when the rest is unreadable: the version decides first.
    expect(reasonOf({ formatVersion, sequence: 'x', notices: 'whatever' })).toBe(`the feed uses format ${formatVersion}, but this version of Portal Guard reads format 1.x; update Portal Guard to read it`);
  });

  it('refuses a payload that is not JSON', () => {
    const result = parseFeedPayload('{"formatVersion":');
    expect(result).toMatchObject({ ok: false, code: 'malformed-json' });
  });

  it('names the JSON path and the notice of a violation deep inside one notice', () => {
    const notices = [sampleNotice(), sampleNotice({ id: 'nz-second-2026-02', affected: { count: -5, estimate: false, source: 'https://example.org/' } })];
    expect(reasonOf(sampleFeed({ notices }))).toBe('the feed does not match format 1: $.notices[1].affected.count (notice nz-second-2026-02): Too small: expected number to be >=0');
  });

  it.each([
    ['javascript:alert(1)'],
    ['http://example.org/notice'],
    ['data:text/html,<script>alert(1)</script>'],
    ['https://'],
    ['https://good.example.org@evil.example/'],
    ['https://exa mple.org/'],
    ['https://example.org/ä'],
    ['https://localhost/notice'],
    ['https://192.168.0.1/notice'],
    [' https://example.org/'],
  ])('refuses the link %j', (url) => {
    const reason = reasonOf(sampleFeed({ notices: [sampleNotice({ links: [{ title: 'Notice', url, official: true }] })] }));
    expect(reason).toContain('$.notices[0].links[0].url (notice nz-example-2026-01): links must be https:// URLs');
  });

  it.each([
    ['https://managemyhealth.co.nz/?p=1547'],
    ['https://www.medibank.com.au/livebetter/newsroom/post/medibank-cybercrime-update%207%20November?=november-7-update'],
    ['https://caselaw.nationalarchives.gov.uk/ewhc/kb/2024/2127?court=ewhc%2Fkb'],
    ['https://example.org:8443/a/b#c'],
    ['HTTPS://Example.ORG'],
  ])('accepts the link %s', (url) => {
    expect(reasonOf(sampleFeed({ notices: [sampleNotice({ links: [{ title: 'Notice', url, official: true }] })] }))).toBe('ok');
  });

  it('accepts http sources (old official pages) but not other schemes', () => {
    expect(reasonOf(sampleFeed({ notices: [sampleNotice({ sources: ['http://www.womo.com.au/redirect/to/medisecure'] })] }))).toBe('ok');
    expect(reasonOf(sampleFeed({ notices: [sampleNotice({ sources: ['javascript:alert(1)'] })] }))).toContain('$.notices[0].sources[0] (notice nz-example-2026-01): sources must be http(s) URLs');
  });

  it('refuses duplicate notice ids', () => {
    expect(reasonOf(sampleFeed({ notices: [sampleNotice(), sampleNotice()] }))).toContain('$.notices[1].id (notice nz-example-2026-01): duplicate notice id nz-example-2026-01');
  });

  it('keeps HTML in a summary as plain text: it is data, never markup', () => {
    const summary = '<img src=x onerror="alert(1)"><script>alert(2)</script> Documents were copied.';
    const result = parseFeedValue(sampleFeed({ notices: [sampleNotice({ summary })] }));
    expect(result.ok && result.feed.notices[0]?.summary).toBe(summary);
  });

  it('caps the number of problems it lists', () => {
    const notices = [sampleNotice({ title: '', summary: '', country: 'FR', severity: 'extreme' })];
    expect(reasonOf(sampleFeed({ notices }))).toMatch(/; and 1 more problem$/);
  });
});

describe('notice rules', () => {
  const issues = (overrides: Record<string, unknown>) => {
    const result = noticeSchema.safeParse(sampleNotice(overrides));
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  };

  it.each([
    [{ modified: '2026-01-01' }, 'modified: modified is before added'],
    [{ breach: { start: '2026-01-02', end: '2026-01-01' } }, 'breach.end: breach end is before its start'],
    [{ breach: { start: '2026-01-02', discovered: '2026-01-01' } }, 'breach.discovered: discovered is before the breach started'],
    [{ notAffected: ['names'] }, 'notAffected: listed as both affected and not affected: names'],
    [{ dataClassDetails: [{ dataClass: 'prescriptions' }] }, 'dataClassDetails.0.dataClass: prescriptions is not in dataClasses'],
    [{ dataClassDetails: [{ dataClass: 'names', documentWindow: { from: '2019', to: '2017' } }] }, 'dataClassDetails.0.documentWindow.to: the window ends before it starts'],
    [{ disclosed: '2026-02-30' }, 'disclosed: must be a date like 2026-01-01'],
    [{ id: 'ManageMyHealth' }, 'id: must look like nz-managemyhealth-2025-12'],
    [{ portals: ['Manage My Health'] }, 'portals.0: must be a kebab-case portal id from utils/portals/catalogue.ts'],
    [{ sources: ['ftp://example.org/'] }, 'sources.0: sources must be http(s) URLs'],
  ])('%j → %s', (overrides, expected) => {
    expect(issues(overrides)).toContain(expected);
  });

  it('drops data classes from a newer vocabulary instead of refusing the feed', () => {
    const result = parseFeedValue(sampleFeed({ notices: [sampleNotice({ dataClasses: ['names', 'blood-type'], notAffected: ['appointments', 'pets'], dataClassDetails: [{ dataClass: 'blood-type', note: 'From a newer vocabulary.' }] })] }));
    expect(result.ok).toBe(true);
    expect(result.ok && result.feed.notices[0]?.dataClasses).toEqual(['names']);
    expect(result.ok && result.feed.notices[0]?.notAffected).toEqual(['appointments']);
  });

  it('still refuses a data class that is not text', () => {
    expect(issues({ dataClasses: [42] }).some((issue) => issue.startsWith('dataClasses.0:'))).toBe(true);
  });

  it('allows a notice that names no portal (shown in the full list only)', () => {
    expect(issues({ portals: [], portalInvolved: false })).toEqual([]);
  });

  it('uses data classes from the vocabulary only, in kebab-case', () => {
    for (const id of Object.keys(DATA_CLASSES)) expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });

  it('documents the whole vocabulary in docs/feed.md, and nothing else', () => {
    const docs = readFileSync(join(import.meta.dirname, '../../docs/feed.md'), 'utf8');
    const table = docs.slice(docs.indexOf('| Id | Shown as |')).split('\n\n')[0] ?? '';
    const rows = [...table.matchAll(/^\| `([a-z-]+)` \| (.+) \|$/gm)].map(([, id, label]) => [id, label]);
    // The English labels (en.yml, through the test's fakeBrowser i18n) are the ones the docs show.
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(Object.keys(DATA_CLASSES).map((id) => [id, dataClassLabel(id as DataClass)])));
  });
});

describe('partial dates', () => {
  it.each([
    ['2019', { first: '2019-01-01', last: '2019-12-31' }],
    ['2024-02', { first: '2024-02-01', last: '2024-02-29' }],
    ['2023-11', { first: '2023-11-01', last: '2023-11-30' }],
    ['2025-12-29', { first: '2025-12-29', last: '2025-12-29' }],
  ])('%s covers %j', (value, bounds) => {
    expect(partialDateSchema.safeParse(value).success).toBe(true);
    expect(partialDateBounds(value)).toEqual(bounds);
  });

  it.each(['19', '2019-13', '2019-02-30', '2019/02', ''])('refuses %j', (value) => {
    expect(partialDateSchema.safeParse(value).success).toBe(false);
  });
});

describe('document windows', () => {
  const referralLetters = { from: '2017', to: '2019' };
  it.each([
    ['2016-12-31', false],
    ['2017-01-01', true],
    ['2018-06-15', true],
    ['2019-12-31', true],
    ['2020-01-01', false],
  ])('a letter dated %s is in the 2017–2019 window: %s', (date, inside) => {
    expect(documentWindowContains(referralLetters, date)).toBe(inside);
  });
});

describe('a notice’s domains', () => {
  it.each(['uwhealth.org', 'novanthealth.org', '23andme.com', 'lifelabs.com', 'medibank.com.au', 'kp.org', 'compasshealth.org.nz', 'synnovis.co.uk'])('accepts the registrable domain %s', (domain) => {
    expect(reasonOf(sampleFeed({ notices: [sampleNotice({ domains: [domain] })] }))).toBe('ok');
  });

  it('is optional, so a notice from a 1.0 feed still parses', () => {
    expect(reasonOf(sampleFeed({ notices: [sampleNotice()] }))).toBe('ok');
  });
});
