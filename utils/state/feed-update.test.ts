import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedCheck, feedStore, readItem, writeItem, type StoredFeed } from './storage';
import { canonicalJson } from '../feed/canonical';
import { MAX_FEED_BYTES } from '../feed/config';
import { parseFeedPayload } from '../feed/parse';
import { sampleFeed, sampleNotice, signedFeed, TEST_KEYS } from '../feed/test-fixtures';
import { updateFeed, type UpdateOptions } from './feed-update';

const URL_ = 'https://feed.portal-guard.org/v1/feed.json';
/** A catalogue addition as a feed carries it: UW Health's MyChart host, cited from its own notice. */
const TENANT = { portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', evidence: 'official', sources: ['https://www.uwhealth.org/news/notice-of-privacy-incident'] };
const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const now = () => NOW;

/** A fetch that answers every request with one response, and records what it was asked. */
function serve(body: BodyInit | null, init: ResponseInit = {}) {
  return vi.fn<typeof fetch>(async () => new Response(body, { status: 200, ...init }));
}

const run = (fetch: typeof globalThis.fetch, options: UpdateOptions = {}) => updateFeed({ url: URL_, fetch, now, keys: TEST_KEYS, ...options });

/** The raw stored feed, as storage holds it: compared as text, so "unchanged" means byte-identical. */
const storedBytes = async () => JSON.stringify(await fakeBrowser.storage.local.get(['feed', 'feed$']));

let current: StoredFeed;

beforeEach(async () => {
  fakeBrowser.reset();
  const envelope = await signedFeed(sampleFeed({ sequence: 5, generatedAt: '2026-05-01T00:00:00.000Z' }));
  current = { envelope, source: 'remote', sourceUrl: URL_, etag: '"v5"', sequence: 5, generatedAt: '2026-05-01T00:00:00.000Z', receivedAt: NOW - 86_400_000 };
  await writeItem(feedStore, current);
});

describe('a good update', () => {
  it('is stored with its ETag, and clears the last error', async () => {
    await writeItem(feedCheck, { lastError: { at: 1, reason: 'old problem' } });
    const envelope = await signedFeed(sampleFeed({ sequence: 6 }));
    const result = await run(serve(envelope, { headers: { ETag: '"v6"' } }));
    expect(result.outcome).toBe('updated');
    expect(await readItem(feedStore)).toEqual({ envelope, source: 'remote', sourceUrl: URL_, etag: '"v6"', sequence: 6, generatedAt: '2026-06-01T00:00:00.000Z', receivedAt: NOW });
    expect(await readItem(feedCheck)).toEqual({ lastCheckedAt: NOW });
  });

  it('sends If-None-Match, omits credentials, and bypasses the HTTP cache', async () => {
    const fetch = serve(null, { status: 304 });
    await run(fetch);
    expect(fetch).toHaveBeenCalledWith(URL_, { headers: { 'If-None-Match': '"v5"' }, cache: 'no-store', credentials: 'omit' });
  });

  it('treats 304 Not Modified as a successful check that changes nothing', async () => {
    const before = await storedBytes();
    expect(await run(serve(null, { status: 304 }))).toEqual({ outcome: 'not-modified' });
    expect(await storedBytes()).toBe(before);
    expect(await readItem(feedCheck)).toEqual({ lastCheckedAt: NOW });
  });

  it.each([
    ['another URL', { sourceUrl: 'https://mirror.example.org/feed.json' }],
    ['the bundled feed, never fetched', { source: 'bundled' as const, sourceUrl: undefined, etag: undefined }],
  ])('does not send an ETag that belongs to %s', async (_name, change) => {
    await writeItem(feedStore, { ...current, ...change });
    const fetch = serve(null, { status: 304 });
    await run(fetch);
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ headers: {} });
  });

  it('treats the very feed it has as nothing new, not as a replay (a new install right after a release)', async () => {
    const bundled: StoredFeed = { envelope: current.envelope, source: 'bundled', sequence: 5, generatedAt: current.generatedAt, receivedAt: 1 };
    await writeItem(feedStore, bundled);
    expect(await run(serve(bundled.envelope, { headers: { ETag: '"same"' } }))).toMatchObject({ outcome: 'not-modified' });
    expect(await readItem(feedCheck)).toEqual({ lastCheckedAt: NOW });
    // The content and its source stay; only the server's ETag is remembered, for a 304 next time.
    expect(await readItem(feedStore)).toEqual({ ...bundled, sourceUrl: URL_, etag: '"same"' });
    const fetch = serve(null, { status: 304 });
    expect(await run(fetch)).toEqual({ outcome: 'not-modified' });
    expect(fetch.mock.calls[0]?.[1]).toMatchObject({ headers: { 'If-None-Match': '"same"' } });
  });

  it('accepts a generation time a few minutes ahead (clock skew)', async () => {
    const envelope = await signedFeed(sampleFeed({ sequence: 6, generatedAt: new Date(NOW + 5 * 60_000).toISOString() }));
    expect((await run(serve(envelope))).outcome).toBe('updated');
  });

  it('stores an HTML or script payload in a summary as inert text, exactly as signed', async () => {
    const summary = '<img src=x onerror="alert(1)"><script>alert(document.cookie)</script> Check your account.';
    const envelope = await signedFeed(sampleFeed({ sequence: 6, notices: [sampleNotice({ summary })] }));
    const result = await run(serve(envelope));
    expect(result.outcome).toBe('updated');
    const stored = await readItem(feedStore);
    expect(stored?.envelope).toBe(envelope);
    const reread = parseFeedPayload((JSON.parse(stored?.envelope ?? '{}') as { payload: string }).payload);
    // A string, byte for byte: nothing parsed it as markup, escaped it or stripped it.
    expect(reread.ok && reread.feed.notices[0]?.summary).toBe(summary);
    expect(result.outcome === 'updated' && typeof result.feed.notices[0]?.summary).toBe('string');
  });
});

describe('a bad update is refused with its own reason and changes nothing', () => {
  const sign = (feed: Record<string, unknown>) => signedFeed(feed);
  const editEnvelope = async (change: (envelope: Record<string, unknown>) => void) => {
    const envelope = JSON.parse(await sign(sampleFeed({ sequence: 6 }))) as Record<string, unknown>;
    change(envelope);
    return JSON.stringify(envelope);
  };
  const big = 'x'.repeat(MAX_FEED_BYTES + 1);

  it.each<[string, () => Promise<typeof fetch>, string, RegExp]>([
    ['malformed JSON', async () => serve('{"format":"portal-guard-feed",'), 'malformed-json', /^the feed file is not valid JSON/],
    ['a missing signature', async () => serve(await editEnvelope((envelope) => delete envelope.signature)), 'missing-signature', /^the feed is not signed$/],
    ['a wrong signature', async () => serve(await editEnvelope((envelope) => (envelope.signature = `${'B'.repeat(86)}==`))), 'bad-signature', /^the signature does not match the feed's contents/],
    ['a malformed signature', async () => serve(await editEnvelope((envelope) => (envelope.signature = 'c2lnbmVk'))), 'malformed-signature', /not the 64 bytes of an Ed25519 signature/],
    ['an unknown key id', async () => serve(await editEnvelope((envelope) => (envelope.keyId = 'portal-guard-2099-9'))), 'unknown-key', /^the feed is signed with key "portal-guard-2099-9", which this version of Portal Guard does not trust$/],
    [
      'a valid signature over different bytes',
      async () => serve(await editEnvelope((envelope) => (envelope.payload = String(envelope.payload).replace('Example portal', 'Evil portal')))),
      'bad-signature',
      /^the signature does not match the feed's contents \(key "test-only-1"\)$/,
    ],
    ['a replayed older feed', async () => serve(await sign(sampleFeed({ sequence: 4 }))), 'rollback', /^the feed's sequence 4 is not newer than the installed sequence 5 \(an old or replayed feed\)$/],
    ['the same sequence again', async () => serve(await sign(sampleFeed({ sequence: 5, generatedAt: '2026-05-02T00:00:00.000Z' }))), 'rollback', /sequence 5 is not newer than the installed sequence 5/],
    // Issue 13, item 4: one signed feed at the largest safe integer would make every later genuine feed a "rollback".
    ['a sequence that would use up the counter', async () => serve(await sign(sampleFeed({ sequence: Number.MAX_SAFE_INTEGER }))), 'schema', /^the feed does not match format 1: \$\.sequence: the sequence must be at most 1099511627776 \(2\^40\)/],
    ['a sequence one above the cap', async () => serve(await sign(sampleFeed({ sequence: 2 ** 40 + 1 }))), 'schema', /\$\.sequence: the sequence must be at most 1099511627776 \(2\^40\)/],
    // Issue 13, item 5: text that displays differently from what was reviewed.
    ['a right-to-left override in a title', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ title: 'Example portal: \u202Etxt.exe documents copied' })] }))), 'schema', /\$\.notices\[0\]\.title \(notice nz-example-2026-01\): contains U\+202E, an invisible or direction-changing character$/],
    ['a zero-width space in an organisation', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ organization: 'Example\u200BHealth Limited' })] }))), 'schema', /\$\.notices\[0\]\.organization \(notice nz-example-2026-01\): contains U\+200B, an invisible or direction-changing character$/],
    ['Cyrillic look-alike letters in a Latin organisation name', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ organization: 'Medib\u0430nk Private Limited' })] }))), 'schema', /\$\.notices\[0\]\.organization \(notice nz-example-2026-01\): the word "Medib\u0430nk" mixes Latin and Cyrillic letters$/],
    ['a punycode link host', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ links: [{ title: 'Notice', url: 'https://xn--mdibank-2ve.com.au/notice', official: true }] })] }))), 'schema', /\$\.notices\[0\]\.links\[0\]\.url \(notice nz-example-2026-01\): link hosts must be plain ASCII, not punycode \(xn--\)$/],
    ['a 1 MiB link', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ links: [{ title: 'Notice', url: `https://example.org/${'a'.repeat(1024 * 1024)}`, official: true }] })] }))), 'schema', /\$\.notices\[0\]\.links\[0\]\.url \(notice nz-example-2026-01\): links and sources are at most 2048 characters$/],
    ['a source over the length cap', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ sources: [`https://example.org/${'a'.repeat(2100)}`] })] }))), 'schema', /\$\.notices\[0\]\.sources\[0\] \(notice nz-example-2026-01\): links and sources are at most 2048 characters$/],
    ['a generation time in the future', async () => serve(await sign(sampleFeed({ sequence: 6, generatedAt: '2026-06-01T13:00:00.000Z' }))), 'future', /^the feed claims to be generated at 2026-06-01T13:00:00.000Z, which is in the future$/],
    ['an oversized body (Content-Length)', async () => serve(big, { headers: { 'Content-Length': String(big.length) } }), 'too-large', /^the feed is 2.0 MiB, more than the 2.0 MiB limit$/],
    ['an oversized body (no Content-Length)', async () => serve(new Blob([big]).stream()), 'too-large', /^the feed is more than the 2.0 MiB limit$/],
    ['an oversized body (a lying Content-Length)', async () => serve(new Blob([big]).stream(), { headers: { 'Content-Length': '100' } }), 'too-large', /more than the 2.0 MiB limit/],
    [
      'a schema violation deep inside one notice',
      async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice(), sampleNotice({ id: 'nz-other-2026-02', dataClassDetails: [{ dataClass: 'referral-letters', documentWindow: { from: '2017', to: '2019-13' } }] })] }))),
      'schema',
      /^the feed does not match format 1: \$\.notices\[1\]\.dataClassDetails\[0\]\.documentWindow\.to \(notice nz-other-2026-02\): must be a date like 2023, 2023-04 or 2023-04-15$/,
    ],
    ['a javascript: link', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ links: [{ title: 'Notice', url: 'javascript:alert(1)', official: true }] })] }))), 'schema', /\$\.notices\[0\]\.links\[0\]\.url \(notice nz-example-2026-01\): links must be https:\/\/ URLs$/],
    ['an http: link', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ links: [{ title: 'Notice', url: 'http://example.org/notice', official: true }] })] }))), 'schema', /\$\.notices\[0\]\.links\[0\]\.url \(notice nz-example-2026-01\): links must be https:\/\/ URLs$/],
    ['duplicate ids', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice(), sampleNotice()] }))), 'schema', /\$\.notices\[1\]\.id \(notice nz-example-2026-01\): duplicate notice id nz-example-2026-01$/],
    // A notice's domains: exactly a registrable domain, nothing wider, nothing else.
    ...(
      [
        ['co.nz', 'co.nz is a public suffix: it would reach every site under it'],
        ['com', 'com is a public suffix: it would reach every site under it'],
        ['192.0.2.10', '192.0.2.10 is an IP address, not a domain'],
        ['UWHealth.org', 'UWHealth.org must be written in lowercase (uwhealth.org)'],
        ['üwhealth.org', 'üwhealth.org is not a lowercase ASCII domain name (international names are not accepted)'],
        ['xn--whealth-n2a.org', 'xn--whealth-n2a.org is a punycode (international) name, which is not accepted'],
        ['mychart.uwhealth.org', 'mychart.uwhealth.org is not a registrable domain; name uwhealth.org instead'],
      ] as const
    ).map(([domain, why]): [string, () => Promise<typeof fetch>, string, RegExp] => [
      `a notice domain ${domain}`,
      async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ domains: [domain] })] }))),
      'schema',
      new RegExp(`\\$\\.notices\\[0\\]\\.domains\\[0\\] \\(notice nz-example-2026-01\\): ${why.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    ]),
    ['a notice domain twice', async () => serve(await sign(sampleFeed({ sequence: 6, notices: [sampleNotice({ domains: ['uwhealth.org', 'uwhealth.org'] })] }))), 'schema', /\$\.notices\[0\]\.domains \(notice nz-example-2026-01\): domains must not repeat$/],
    // Catalogue additions: checked like catalogue entries against the bundled catalogue.
    ...(
      [
        ['a tenant on a catalogue host', { tenants: [{ ...TENANT, host: 'mychart.clevelandclinic.org' }] }, /\$\.catalogue\.tenants\[0\]\.host: mychart\.clevelandclinic\.org is already recognised as Cleveland Clinic’s MyChart$/],
        ['a tenant inside a catalogue subdomain rule', { tenants: [{ ...TENANT, host: 'mychart.kp.org' }] }, /\$\.catalogue\.tenants\[0\]\.host: mychart\.kp\.org is already recognised as Kaiser Permanente$/],
        ['a tenant on a public suffix', { tenants: [{ ...TENANT, host: 'co.nz' }] }, /\$\.catalogue\.tenants\[0\]\.host: co\.nz is a public suffix$/],
        ['a tenant-suffix rule on a public suffix', { tenantSuffixes: [{ portal: 'oracle-health', suffix: 'co.nz', evidence: 'official', sources: ['https://example.org/'] }] }, /\$\.catalogue\.tenantSuffixes\[0\]\.suffix: co\.nz is a public suffix$/],
        ['a tenant-suffix rule above a catalogue host', { tenantSuffixes: [{ portal: 'epic-mychart', suffix: 'clevelandclinic.org', evidence: 'official', sources: ['https://example.org/'] }] }, /\$\.catalogue\.tenantSuffixes\[0\]\.suffix: \*\.clevelandclinic\.org would take over mychart\.clevelandclinic\.org, which the catalogue already recognises$/],
        ['a tenant on a known look-alike', { tenants: [{ ...TENANT, host: 'mychart-health.org' }] }, /\$\.catalogue\.tenants\[0\]\.host: mychart-health\.org is a known look-alike of MyChart, not a portal$/],
        ['a tenant on an IP address', { tenants: [{ ...TENANT, host: '192.0.2.10' }] }, /\$\.catalogue\.tenants\[0\]\.host: 192\.0\.2\.10 is an IP address, not a portal$/],
        ['the same tenant twice', { tenants: [TENANT, TENANT] }, /\$\.catalogue\.tenants\[1\]\.host: mychart\.uwhealth\.org is added twice/],
        ['a tenant for a single portal', { tenants: [{ ...TENANT, portal: 'managemyhealth' }] }, /\$\.catalogue\.tenants\[0\]\.portal: managemyhealth is a single portal, not a platform/],
      ] as const
    ).map(([name, catalogue, reason]): [string, () => Promise<typeof fetch>, string, RegExp] => [name, async () => serve(await sign({ ...sampleFeed({ sequence: 6 }), formatVersion: '1.1', catalogue })), 'schema', reason]),
    ['an unknown major format version', async () => serve(await sign({ ...sampleFeed({ sequence: 6 }), formatVersion: '2.0' })), 'unsupported-format', /^the feed uses format 2\.0, but this version of Portal Guard reads format 1\.x; update Portal Guard to read it$/],
    ['a signed payload that is not JSON', async () => serve(await signedFeed('{"formatVersion":"1.0",')), 'malformed-json', /^the signed feed is not valid JSON/],
    ['bytes that are not UTF-8', async () => serve(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])), 'not-utf8', /^the feed is not UTF-8 text$/],
    ['a server error', async () => serve('oops', { status: 503, statusText: 'Service Unavailable' }), 'http-status', /^the feed server answered 503 Service Unavailable$/],
    ['no network', async () => vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))), 'network', /^could not reach the feed server \(Failed to fetch\)$/],
  ])('%s', async (_name, makeFetch, code, reason) => {
    const before = await storedBytes();
    expect((JSON.parse(before) as { feed: StoredFeed }).feed.envelope).toBe(current.envelope);
    const result = await run(await makeFetch());
    expect(result).toMatchObject({ outcome: 'rejected', code });
    expect(result.outcome === 'rejected' && result.reason).toMatch(reason);
    expect(await storedBytes()).toBe(before);
    const check = await readItem(feedCheck);
    expect(check.lastError).toEqual({ at: NOW, reason: result.outcome === 'rejected' ? result.reason : '' });
    expect(check.lastCheckedAt).toBe(NOW);
  });

  it('refuses a non-https feed address without fetching', async () => {
    const fetch = serve('{}');
    const result = await run(fetch, { url: 'http://feed.portal-guard.org/v1/feed.json' });
    expect(result).toMatchObject({ outcome: 'rejected', code: 'insecure-url' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses a feed signed by the test key when only production keys are pinned', async () => {
    const before = await storedBytes();
    const result = await run(serve(await sign(sampleFeed({ sequence: 6 }))), { keys: [] });
    expect(result).toMatchObject({ outcome: 'rejected', code: 'unknown-key' });
    expect(await storedBytes()).toBe(before);
  });

  it('keeps other feedCheck fields when recording an error', async () => {
    await writeItem(feedCheck, { bundledFor: '0.1.0' });
    await run(serve('nope'));
    expect(await readItem(feedCheck)).toMatchObject({ bundledFor: '0.1.0', lastError: { at: NOW } });
  });
});

describe('first check', () => {
  it('stores a feed when nothing is stored yet', async () => {
    fakeBrowser.reset();
    const envelope = await signedFeed(sampleFeed({ sequence: 1 }));
    expect((await run(serve(envelope))).outcome).toBe('updated');
    expect((await readItem(feedStore))?.envelope).toBe(envelope);
  });

  it('stores canonical payloads untouched: the signature still verifies from storage', async () => {
    const payload = canonicalJson(sampleFeed({ sequence: 9 }));
    const envelope = await signedFeed(payload);
    await run(serve(envelope));
    expect(JSON.parse((await readItem(feedStore))?.envelope ?? '{}')).toMatchObject({ payload });
  });
});
