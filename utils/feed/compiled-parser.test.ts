import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createFeedParser } from './feed-parser.generated';
import { compiledFeedParser, compileWithoutEval, type FeedParser } from './compiled-parser';
import { feedSchema } from './schema';
import { sampleFeed, sampleNotice } from './test-fixtures';
import { seededRandom } from '../../scripts/bench/harness';

/**
 * The compiled parser must accept exactly what feedSchema accepts, and give the same value (the
 * same defaults and dropped data classes). The cases are the ones schema.test.ts, text-rules.test.ts,
 * edition.test.ts and the feed-update tests use, the hostile ones first, then the real notices in
 * feed/notices/ mutated at random.
 */

const parser = compiledFeedParser() as FeedParser;
const REAL = readdirSync(join(import.meta.dirname, '../../feed/notices'))
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => {
    const { $schema: _hint, ...notice } = JSON.parse(readFileSync(join(import.meta.dirname, '../../feed/notices', name), 'utf8')) as Record<string, unknown>;
    return notice;
  });

function expectSameAsZod(value: unknown): boolean {
  const expected = feedSchema.safeParse(structuredClone(value));
  const compiled = parser(structuredClone(value));
  expect(compiled !== z.INVALID, expected.success ? 'zod accepts it' : `zod refuses it: ${expected.error.issues[0]?.message}`).toBe(expected.success);
  if (expected.success) expect(compiled).toStrictEqual(expected.data);
  return expected.success;
}

const withNotice = (overrides: Record<string, unknown>) => sampleFeed({ notices: [sampleNotice(overrides)] });

describe('the compiled feed parser', () => {
  const realFunction = globalThis.Function;
  afterEach(() => {
    globalThis.Function = realFunction;
  });

  it('is the one generated for the live schema (npm run feed -- schema writes it)', () => {
    expect(parser).toBeTypeOf('function');
  });

  it('never evaluates code: it builds with Function forbidden, as under an extension CSP', () => {
    const expected = feedSchema.parse(sampleFeed());
    globalThis.Function = function () {
      throw new EvalError('Refused to evaluate a string as JavaScript (CSP)');
    } as unknown as FunctionConstructor;
    const compiled = compileWithoutEval(feedSchema);
    const built = (createFeedParser as (...values: unknown[]) => FeedParser)(...compiled.values);
    const parsed = built(structuredClone(sampleFeed()));
    // Still the forbidding stand-in: compiling restored it, and nothing called it.
    expect(globalThis.Function).not.toBe(realFunction);
    globalThis.Function = realFunction;
    expect(parsed).toStrictEqual(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['a good feed, defaults applied', withNotice({ notAffected: undefined }), true],
    ['unknown optional fields at every level', { ...withNotice({ futureField: { nested: true }, breach: { start: '2025-12-29', precision: 'day' } }), formatVersion: '1.7', publisher: 'someone' }, true],
    ['data classes from a newer vocabulary', withNotice({ dataClasses: ['names', 'blood-type'], notAffected: ['appointments', 'pets'], dataClassDetails: [{ dataClass: 'blood-type', note: 'From a newer vocabulary.' }] }), true],
    ['HTML in a summary, kept as text', withNotice({ summary: '<img src=x onerror="alert(1)"><script>alert(2)</script> Documents were copied.' }), true],
    ['format 2.0', { ...sampleFeed(), formatVersion: '2.0' }, false],
    ['a negative count', withNotice({ affected: { count: -5, estimate: false, source: 'https://example.org/' } }), false],
    ['a fractional count', withNotice({ affected: { count: 1.5, estimate: false, source: 'https://example.org/' } }), false],
    ['a javascript: link', withNotice({ links: [{ title: 'Notice', url: 'javascript:alert(1)', official: true }] }), false],
    ['an http link', withNotice({ links: [{ title: 'Notice', url: 'http://example.org/notice', official: true }] }), false],
    ['a data: link', withNotice({ links: [{ title: 'Notice', url: 'data:text/html,<script>alert(1)</script>', official: true }] }), false],
    ['a link with user info', withNotice({ links: [{ title: 'Notice', url: 'https://good.example.org@evil.example/', official: true }] }), false],
    ['a link to an IP address', withNotice({ links: [{ title: 'Notice', url: 'https://192.168.0.1/notice', official: true }] }), false],
    ['a link with a leading space', withNotice({ links: [{ title: 'Notice', url: ' https://example.org/', official: true }] }), false],
    ['a punycode link host', withNotice({ links: [{ title: 'Notice', url: 'https://xn--mdibank-2ve.com.au/notice', official: true }] }), false],
    ['a 1 MiB link', withNotice({ links: [{ title: 'Notice', url: `https://example.org/${'a'.repeat(2 ** 20)}`, official: true }] }), false],
    ['a link of 2,048 characters', withNotice({ links: [{ title: 'Notice', url: `https://example.org/${'a'.repeat(2048 - 20)}`, official: true }] }), true],
    ['an upper-case https link', withNotice({ links: [{ title: 'Notice', url: 'HTTPS://Example.ORG', official: true }] }), true],
    ['an http source', withNotice({ sources: ['http://www.womo.com.au/redirect/to/medisecure'] }), true],
    ['an ftp source', withNotice({ sources: ['ftp://example.org/'] }), false],
    ['duplicate notice ids', sampleFeed({ notices: [sampleNotice(), sampleNotice()] }), false],
    ['a right-to-left override in a title', withNotice({ title: 'Invoice \u202Efdp.exe notice' }), false],
    ['a zero-width space in an organisation', withNotice({ organization: 'Medi\u200Bbank' }), false],
    ['a soft hyphen', withNotice({ organization: 'Medi\u00ADbank' }), false],
    ['a byte-order mark', withNotice({ summary: 'Medibank\uFEFF said that documents were copied from its systems.' }), false],
    ['a Cyrillic а in a Latin name', withNotice({ organization: 'Medib\u0430nk Private Limited' }), false],
    ['a Greek ε in a Latin name', withNotice({ organization: 'Kaiser Perman\u03B5nte' }), false],
    ['a Coptic letter in a Latin name', withNotice({ organization: 'Ascensi\u2C9Fn' }), false],
    ['Māori macrons', withNotice({ organization: 'Te Whatu Ora – Health New Zealand, Waitematā' }), true],
    ['Japanese in one word', withNotice({ organization: '東京大学医学部附属病院のお知らせ' }), true],
    ['words in two scripts in one sentence', withNotice({ summary: 'Synnovis (Синновис) said on 2024-06-04 that documents were copied.' }), true],
    ['modified before added', withNotice({ modified: '2026-01-01' }), false],
    ['a breach that ends before it starts', withNotice({ breach: { start: '2026-01-02', end: '2026-01-01' } }), false],
    ['discovered before the start', withNotice({ breach: { start: '2026-01-02', discovered: '2026-01-01' } }), false],
    ['a class both affected and not', withNotice({ notAffected: ['names'] }), false],
    ['a detail for a class not affected', withNotice({ dataClassDetails: [{ dataClass: 'prescriptions' }] }), false],
    ['a reversed document window', withNotice({ dataClassDetails: [{ dataClass: 'names', documentWindow: { from: '2019', to: '2017' } }] }), false],
    ['30 February', withNotice({ disclosed: '2026-02-30' }), false],
    ['a partial date 2019-02-30', withNotice({ breach: { start: '2019-02-30' } }), false],
    ['a bad id', withNotice({ id: 'ManageMyHealth' }), false],
    ['an id named __proto__', withNotice({ id: '__proto__' }), false],
    ['a portal id named constructor', withNotice({ portals: ['constructor'] }), false],
    ['a bad portal id', withNotice({ portals: ['Manage My Health'] }), false],
    ['a data class that is not text', withNotice({ dataClasses: [42] }), false],
    ['no portals', withNotice({ portals: [], portalInvolved: false }), true],
    ['a registrable domain', withNotice({ domains: ['uwhealth.org', 'medibank.com.au'] }), true],
    ['a subdomain as a domain', withNotice({ domains: ['mychart.uwhealth.org'] }), false],
    ['a public suffix as a domain', withNotice({ domains: ['co.nz'] }), false],
    ['an upper-case domain', withNotice({ domains: ['UWHealth.org'] }), false],
    ['an IP address as a domain', withNotice({ domains: ['192.168.0.1'] }), false],
    ['a repeated domain', withNotice({ domains: ['kp.org', 'kp.org'] }), false],
    ['sequence 2^40', sampleFeed({ sequence: 2 ** 40 }), true],
    ['sequence 2^40 + 1', sampleFeed({ sequence: 2 ** 40 + 1 }), false],
    ['sequence 9007199254740991', sampleFeed({ sequence: Number.MAX_SAFE_INTEGER }), false],
    ['sequence 0', sampleFeed({ sequence: 0 }), false],
    ['a generatedAt without a zone', sampleFeed({ generatedAt: '2026-06-01T00:00:00' }), false],
    ['a reported status', withNotice({ status: 'reported' }), true],
    ['an unknown country', withNotice({ country: 'FR' }), false],
    ['not an object', 'a feed', false],
    ['null', null, false],
    ['notices not an array', { ...sampleFeed(), notices: {} }, false],
    ['a valid catalogue addition', { ...sampleFeed(), catalogue: { tenants: [{ portal: 'epic-mychart', host: 'mychart.example-health.org', organization: 'Example Health', evidence: 'official', sources: ['https://www.example-health.org/mychart-help'] }] } }, true],
    ['a catalogue addition for a catalogue host', { ...sampleFeed(), catalogue: { tenants: [{ portal: 'epic-mychart', host: 'mychart.clevelandclinic.org', organization: 'Cleveland Clinic', evidence: 'official', sources: ['https://my.clevelandclinic.org/'] }] } }, false],
    ['a catalogue addition with a punycode host', { ...sampleFeed(), catalogue: { tenants: [{ portal: 'epic-mychart', host: 'xn--mychrt-9ta.example.org', organization: 'Example', evidence: 'official', sources: ['https://example.org/'] }] } }, false],
  ])('%s: same result as zod (accepted: %s)', (_name, value, accepted) => {
    expect(expectSameAsZod(value)).toBe(accepted);
  });

  it('accepts the 15 real notices, as zod does', () => {
    expect(expectSameAsZod(sampleFeed({ notices: REAL }))).toBe(true);
  });

  // Each mutation changes one field of one real notice; zod decides, and the compiled parser must agree.
  const HOSTILE_VALUES: unknown[] = [undefined, null, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, '', 'x', 'Medib\u0430nk', 'a\u202Eb', 'https://xn--a.example/', 'javascript:alert(1)', '2024-02-30', '2024', [], [''], [42], {}, { count: 1 }, true, false, '__proto__', 'names'];
  it('agrees with zod on 3,000 random one-field mutations of the real notices', () => {
    const random = seededRandom(13);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const notice = structuredClone(pick(REAL));
      // Walk to a random object inside the notice, then change, remove or add one of its keys.
      let target: Record<string, unknown> = notice;
      for (let depth = 0; depth < 3 && random() < 0.5; depth++) {
        const children = Object.values(target).filter((child): child is Record<string, unknown> => typeof child === 'object' && child !== null);
        if (children.length === 0) break;
        target = pick(children);
      }
      const keys = Object.keys(target);
      const key = random() < 0.9 && keys.length > 0 ? pick(keys) : 'extraField';
      const value = pick(HOSTILE_VALUES);
      if (value === undefined) delete target[key];
      else target[key] = value;
      if (expectSameAsZod(sampleFeed({ notices: [notice] }))) accepted++;
    }
    // Both outcomes must be well represented, or the table proves little.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2700);
    // 6,000 parses: about 2 s on a quiet machine, over vitest's 5 s default on a loaded one. It
    // checks agreement, not speed (speed is `npm run bench -- feed-verify`).
  }, 30_000);
});
