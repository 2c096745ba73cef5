import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { feedCheck, feedMeta, readItem, writeItem, type FeedMeta } from './storage';
import { canonicalJson } from '../feed/canonical';
import { MAX_INDEX_BYTES } from '../feed/config';
import { buildEdition, entryOf, feedFrom, realNotice, signIndex, type TestEdition } from '../feed/edition-fixtures';
import { sampleFeed, signedFeed, TEST_KEYS } from '../feed/test-fixtures';
import { feedDb, readStoredFeed, replaceStoredFeed } from './feed-db';
import { updateFeed, type UpdateOptions } from './feed-update';
import type { Feed } from '../feed/schema';

const BASE = 'https://feed.portal-guard.org/v1/';
const INDEX_URL = `${BASE}index.json`;
const NOW = Date.parse('2026-12-04T12:00:00.000Z');
const now = () => NOW;

// Real notices from the bundled feed: edition 5 has Manage My Health and Medibank; edition 6 updates
// Manage My Health, adds Kaiser Permanente (us-kaiser-2024) and drops Medibank.
const MMH = realNotice('nz-managemyhealth-2025-12');
const MEDIBANK = realNotice('au-medibank-2022');
const KAISER = realNotice('us-kaiser-2024');
const GEN = { 3: '2026-11-01T00:00:00.000Z', 4: '2026-11-20T00:00:00.000Z', 5: '2026-11-28T13:08:26.561Z', 6: '2026-12-03T09:00:00.000Z', 7: '2026-12-04T06:00:00.000Z' } as const;
const edition3 = feedFrom(3, GEN[3], [MEDIBANK]);
const edition4 = feedFrom(4, GEN[4], [MMH]);
const edition5 = feedFrom(5, GEN[5], [MMH, MEDIBANK]);
const edition6 = feedFrom(6, GEN[6], [{ ...MMH, status: 'regulator-action', modified: '2026-12-03' }, KAISER]);

/** A static host: path → body. Every request is recorded; anything not published is a 404. */
function host(files: Map<string, string | Uint8Array>, headers: Record<string, string> = {}) {
  return vi.fn<typeof fetch>(async (input) => {
    const url = String(input);
    if (!url.startsWith(BASE)) return new Response('not here', { status: 404 });
    const body = files.get(url.slice(BASE.length));
    return body === undefined ? new Response('not found', { status: 404 }) : new Response(body as BodyInit, { status: 200, headers: url === INDEX_URL ? headers : {} });
  });
}

function publish(edition: TestEdition, change: (files: Map<string, string | Uint8Array>) => void = () => {}, headers: Record<string, string> = { ETag: '"i6"' }) {
  const files = new Map<string, string | Uint8Array>([['index.json', edition.indexText], ...edition.files]);
  change(files);
  return host(files, headers);
}

const requested = (fetch: ReturnType<typeof host>) => fetch.mock.calls.map(([input]) => String(input).slice(BASE.length));
const run = (fetch: typeof globalThis.fetch, options: UpdateOptions = {}) => updateFeed({ url: INDEX_URL, fetch, now, keys: TEST_KEYS, ...options });

/** Everything stored about the feed (meta in storage.local, the notices in IndexedDB), as text. */
async function stored(): Promise<string> {
  return JSON.stringify({ local: await fakeBrowser.storage.local.get(['feedMeta', 'feedMeta$']), db: await readStoredFeed(await feedDb()) });
}

let installed: FeedMeta;
async function install(feed: Feed, meta: Partial<FeedMeta> = {}) {
  await replaceStoredFeed(await feedDb(), feed);
  installed = { source: 'remote', sourceUrl: INDEX_URL, etag: '"i5"', sequence: feed.sequence, generatedAt: feed.generatedAt, receivedAt: NOW - 86_400_000, issuedAt: feed.generatedAt, expires: '2026-12-10T00:00:00.000Z', ...meta };
  await writeItem(feedMeta, installed);
}

beforeEach(async () => {
  fakeBrowser.reset();
  await install(edition5);
});

describe('a good update', () => {
  it('on edition 5, fetches the index and the one delta from 5, and applies it', async () => {
    await writeItem(feedCheck, { lastError: { at: 1, reason: 'old problem' } });
    const edition = await buildEdition({ feed: edition6, from: [edition3, edition4, edition5], issuedAt: '2026-12-04T06:00:00.000Z' });
    const fetch = publish(edition);
    const result = await run(fetch);
    expect(result).toMatchObject({ outcome: 'updated', via: 'delta' });
    expect(requested(fetch)).toEqual(['index.json', 'deltas/5-6.json']);
    const after = await readStoredFeed(await feedDb());
    expect(after?.edition).toMatchObject({ sequence: 6, generatedAt: GEN[6], count: 2 });
    expect(after?.notices.map((notice) => [notice.id, notice.status])).toEqual([
      ['nz-managemyhealth-2025-12', 'regulator-action'],
      ['us-kaiser-2024', KAISER.status],
    ]);
    expect(await readItem(feedMeta)).toEqual({ source: 'remote', sourceUrl: INDEX_URL, etag: '"i6"', sequence: 6, generatedAt: GEN[6], receivedAt: NOW, issuedAt: '2026-12-04T06:00:00.000Z', expires: edition.index.expires, index: edition.indexText });
    expect(await readItem(feedCheck)).toEqual({ lastCheckedAt: NOW });
  });

  it('too far behind (no delta from its edition): fetches the index and the snapshot', async () => {
    await install(edition3);
    const edition = await buildEdition({ feed: edition6, from: [edition4, edition5] });
    const fetch = publish(edition);
    expect(await run(fetch)).toMatchObject({ outcome: 'updated', via: 'snapshot' });
    expect(requested(fetch)).toEqual(['index.json', 'snapshots/6.json']);
    expect((await readStoredFeed(await feedDb()))?.notices.map((notice) => notice.id)).toEqual(['nz-managemyhealth-2025-12', 'us-kaiser-2024']);
  });

  it('with nothing installed yet, takes the snapshot', async () => {
    fakeBrowser.reset();
    globalThis.indexedDB = new (await import('fake-indexeddb')).IDBFactory();
    const fetch = publish(await buildEdition({ feed: edition6, from: [edition5] }));
    expect(await run(fetch)).toMatchObject({ outcome: 'updated', via: 'snapshot' });
    expect((await readItem(feedMeta))?.sequence).toBe(6);
  });

  it('the same edition re-signed: nothing new, but its issuedAt and expires are kept (freshness)', async () => {
    const before = await readStoredFeed(await feedDb());
    const edition = await buildEdition({ feed: edition5, issuedAt: '2026-12-04T00:00:00.000Z', expires: '2026-12-18T00:00:00.000Z' });
    const fetch = publish(edition);
    const result = await run(fetch);
    expect(result).toMatchObject({ outcome: 'not-modified', meta: { sequence: 5, issuedAt: '2026-12-04T00:00:00.000Z', expires: '2026-12-18T00:00:00.000Z', etag: '"i6"' } });
    expect(requested(fetch)).toEqual(['index.json']);
    expect(await readStoredFeed(await feedDb())).toEqual(before);
  });

  it('sends If-None-Match with the index’s ETag, omits credentials, bypasses the HTTP cache; a 304 changes nothing', async () => {
    const before = await stored();
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(null, { status: 304 }));
    expect(await run(fetch)).toEqual({ outcome: 'not-modified' });
    expect(fetch).toHaveBeenCalledWith(INDEX_URL, { headers: { 'If-None-Match': '"i5"' }, cache: 'no-store', credentials: 'omit' });
    expect(await stored()).toBe(before);
    expect(await readItem(feedCheck)).toEqual({ lastCheckedAt: NOW });
  });

  it.each([
    ['the index URL itself', INDEX_URL, INDEX_URL],
    ['the single-file URL of format 1 (a policy written before issue 13)', 'https://feed.portal-guard.org/v1/feed.json', INDEX_URL],
    ['the folder', 'https://feed.portal-guard.org/v1/', INDEX_URL],
  ])('finds the index from %s', async (_name, url, want) => {
    const fetch = publish(await buildEdition({ feed: edition6, from: [edition5] }));
    await run(fetch, { url });
    expect(String(fetch.mock.calls[0]?.[0])).toBe(want);
  });

  it('a delta can change the catalogue additions', async () => {
    const tenant = { portal: 'epic-mychart', host: 'mychart.uwhealth.org', organization: 'UW Health', evidence: 'official', sources: ['https://www.uwhealth.org/news/notice-of-privacy-incident'] };
    const withCatalogue = feedFrom(6, GEN[6], [MMH, MEDIBANK], { formatVersion: '1.1', catalogue: { tenants: [tenant] } });
    const fetch = publish(await buildEdition({ feed: withCatalogue, from: [edition5] }));
    expect(await run(fetch)).toMatchObject({ outcome: 'updated', via: 'delta' });
    expect((await readStoredFeed(await feedDb()))?.edition.catalogue).toEqual({ tenants: [tenant] });
  });

  it('keeps markup in a summary as inert text, exactly as signed', async () => {
    const summary = '<img src=x onerror="alert(1)"><script>alert(document.cookie)</script> Check your account.';
    const fetch = publish(await buildEdition({ feed: feedFrom(6, GEN[6], [{ ...MMH, summary }]), from: [edition5] }));
    await run(fetch);
    expect((await readStoredFeed(await feedDb()))?.notices[0]?.summary).toBe(summary);
  });

  it('accepts an expired index (it is still the newest signed data; the status line says it is stale)', async () => {
    const fetch = publish(await buildEdition({ feed: edition6, from: [edition5], issuedAt: '2026-12-03T10:00:00.000Z', expires: '2026-12-04T00:00:00.000Z' }));
    expect(await run(fetch)).toMatchObject({ outcome: 'updated' });
    expect((await readItem(feedMeta))?.expires).toBe('2026-12-04T00:00:00.000Z');
  });
});

describe('a refused update changes nothing stored, and says why in plain words', () => {
  const good = () => buildEdition({ feed: edition6, from: [edition4, edition5], issuedAt: '2026-12-04T06:00:00.000Z' });
  const signedAs = async (index: Record<string, unknown>) => new Map<string, string | Uint8Array>([['index.json', await signIndex(index)]]);

  it.each<{ name: string; make: () => Promise<ReturnType<typeof host>>; code: string; reason: RegExp; detail?: RegExp; fetched?: string[] }>([
    { name: 'a rollback (edition 4 after 5)', make: async () => publish(await buildEdition({ feed: edition4, from: [edition3] })), code: 'rollback', reason: /^the feed server offered edition 4, older than the edition 5 you already have, so it was not used$/, fetched: ['index.json'] },
    {
      name: 'a replay (an index signed before the one accepted)',
      make: async () => {
        await install(edition5, { issuedAt: '2026-12-04T00:00:00.000Z' });
        return publish(await buildEdition({ feed: edition6, from: [edition5], issuedAt: '2026-12-03T09:00:00.000Z' }));
      },
      code: 'replay',
      reason: /older signed list of files than one Portal Guard already accepted/,
      fetched: ['index.json'],
    },
    { name: 'generatedAt going backwards (edition 6 built before 5)', make: async () => publish(await buildEdition({ feed: feedFrom(6, '2026-11-27T00:00:00.000Z', [MMH]), issuedAt: '2026-12-04T00:00:00.000Z' })), code: 'generated-backwards', reason: /built before the one you already have/, fetched: ['index.json'] },
    { name: 'a future-dated index', make: async () => publish(await buildEdition({ feed: edition6, from: [edition5], issuedAt: '2026-12-05T00:00:00.000Z' })), code: 'future', reason: /^the feed server sent an edition dated in the future \(5 Dec 2026\), so it was not used$/, fetched: ['index.json'] },
    { name: 'edition 5 again with another build time', make: async () => publish(await buildEdition({ feed: feedFrom(5, '2026-11-29T00:00:00.000Z', [MMH]), issuedAt: '2026-12-04T00:00:00.000Z' })), code: 'mixed-edition', reason: /different editions/, fetched: ['index.json'] },
    {
      name: 'a delta from another edition (4→6 served as 5→6, its hash in the index)',
      make: async () => {
        const edition = await good();
        const wrong = edition.files.get('deltas/4-6.json')!;
        const index = { ...edition.index, deltas: [{ from: 5, ...(await entryOf('deltas/5-6.json', wrong)) }] };
        return host(new Map([...(await signedAs(index)), ['deltas/5-6.json', wrong]]));
      },
      code: 'mixed-edition',
      reason: /^the feed server sent files from different editions of the feed, so they were not used$/,
      detail: /goes from edition 4 to 6, but this update needs 5 to 6/,
      fetched: ['index.json', 'deltas/5-6.json'],
    },
    { name: 'a tampered delta (one byte changed)', make: async () => publish(await good(), (files) => files.set('deltas/5-6.json', String(files.get('deltas/5-6.json')).replace('regulator-action', 'regulator-actiox'))), code: 'hash-mismatch', reason: /does not match the signed list of files/, fetched: ['index.json', 'deltas/5-6.json'] },
    { name: 'a delta of another length', make: async () => publish(await good(), (files) => files.set('deltas/5-6.json', `${String(files.get('deltas/5-6.json'))} `)), code: 'size-mismatch', reason: /does not match the signed list of files/, fetched: ['index.json', 'deltas/5-6.json'] },
    {
      name: 'a mixed set (the index names edition 6, the snapshot is edition 4’s, its hash in the index)',
      make: async () => {
        const six = await buildEdition({ feed: edition6 });
        const four = await buildEdition({ feed: edition4 });
        const other = four.files.get('snapshots/4.json')!;
        const index = { ...six.index, snapshot: await entryOf('snapshots/6.json', other) };
        return host(new Map([...(await signedAs(index)), ['snapshots/6.json', other]]));
      },
      code: 'mixed-edition',
      reason: /different editions/,
      detail: /the snapshot is edition 4/,
      fetched: ['index.json', 'snapshots/6.json'],
    },
    { name: 'a tampered snapshot', make: async () => publish(await buildEdition({ feed: edition6 }), (files) => files.set('snapshots/6.json', String(files.get('snapshots/6.json')).replace('Kaiser', 'Kaizer'))), code: 'hash-mismatch', reason: /does not match the signed list of files/ },
    {
      name: 'a snapshot whose notice breaks the schema (named by the signed index, right hash)',
      make: async () => {
        const text = canonicalJson(sampleFeed({ sequence: 6, generatedAt: GEN[6], notices: [{ ...MMH, organization: 'Medib\u0430nk Private Limited' }] }));
        const index = { ...(await buildEdition({ feed: edition6 })).index, snapshot: await entryOf('snapshots/6.json', text) };
        return host(new Map([...(await signedAs(index)), ['snapshots/6.json', text]]));
      },
      code: 'schema',
      reason: /^the feed server sent a file this version of Portal Guard cannot read$/,
      detail: /mixes Latin and Cyrillic letters/,
    },
    {
      // Edition format 1.0's snapshot, the signed envelope, even with its hash in the index: the
      // feed object is expected, so it fails the schema rather than being parsed twice.
      name: 'a signed feed envelope as the snapshot (edition format 1.0), named by the signed index',
      make: async () => {
        const text = await signedFeed(edition6 as unknown as Record<string, unknown>);
        const index = { ...(await buildEdition({ feed: edition6 })).index, snapshot: await entryOf('snapshots/6.json', text) };
        return host(new Map([...(await signedAs(index)), ['snapshots/6.json', text]]));
      },
      code: 'schema',
      reason: /^the feed server sent a file this version of Portal Guard cannot read$/,
      detail: /\$\.format|\$\.payload|\$\.sequence/,
    },
    {
      name: 'a snapshot that is not JSON, named by the signed index',
      make: async () => {
        const text = canonicalJson(edition6).slice(0, -1);
        const index = { ...(await buildEdition({ feed: edition6 })).index, snapshot: await entryOf('snapshots/6.json', text) };
        return host(new Map([...(await signedAs(index)), ['snapshots/6.json', text]]));
      },
      code: 'malformed-json',
      reason: /^the feed server sent a file this version of Portal Guard cannot read$/,
      detail: /snapshots\/6\.json is not valid JSON/,
    },
    {
      name: 'an index with a wrong signature',
      make: async () => {
        const envelope = JSON.parse((await good()).indexText) as Record<string, unknown>;
        envelope.payload = String(envelope.payload).replace('"sequence":6', '"sequence":7');
        return host(new Map([['index.json', JSON.stringify(envelope)]]));
      },
      code: 'bad-signature',
      reason: /^the feed server's list of files is not signed by a key Portal Guard trusts, so it was not used$/,
    },
    { name: 'a signed feed served as the index', make: async () => host(new Map([['index.json', await signedFeed(edition6 as unknown as Record<string, unknown>)]])), code: 'malformed-envelope', reason: /not signed by a key Portal Guard trusts/ },
    { name: 'an index over the size cap', make: async () => host(new Map([['index.json', ' '.repeat(MAX_INDEX_BYTES + 1)]])), code: 'too-large', reason: /^a file from the feed server is more than the 256 KB Portal Guard accepts$/ },
    { name: 'an index that is not UTF-8', make: async () => host(new Map([['index.json', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]])), code: 'not-utf8', reason: /not readable text/ },
    { name: 'no index at all (a 404)', make: async () => host(new Map()), code: 'http-status', reason: /^the feed server answered with an error \(404\)$/ },
    { name: 'a delta that is missing (404)', make: async () => publish(await good(), (files) => files.delete('deltas/5-6.json')), code: 'http-status', reason: /\(404\)/, fetched: ['index.json', 'deltas/5-6.json'] },
    { name: 'no network', make: async () => vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))), code: 'network', reason: /^Portal Guard could not reach the feed server$/ },
  ])('$name → $code', async ({ make, code, reason, detail, fetched }) => {
    const fetch = await make();
    const before = await stored();
    const result = await run(fetch);
    expect(result).toMatchObject({ outcome: 'rejected', code });
    if (result.outcome !== 'rejected') return;
    expect(result.reason).toMatch(reason);
    if (detail) expect(result.detail).toMatch(detail);
    if (fetched) expect(requested(fetch)).toEqual(fetched);
    expect(await stored()).toBe(before);
    expect(await readItem(feedCheck)).toEqual({ lastCheckedAt: NOW, lastError: { at: NOW, reason: result.reason, code } });
  });

  it('refuses a snapshot larger than the cap without fetching it', async () => {
    await install(edition3);
    const fetch = publish(await buildEdition({ feed: edition6 }));
    const result = await run(fetch, { maxBytes: 1024 });
    expect(result).toMatchObject({ outcome: 'rejected', code: 'too-large' });
    expect(requested(fetch)).toEqual(['index.json']);
  });

  it('refuses a non-https feed address without fetching', async () => {
    const fetch = host(new Map());
    expect(await run(fetch, { url: 'http://feed.portal-guard.org/v1/index.json' })).toMatchObject({ outcome: 'rejected', code: 'insecure-url' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('refuses an index signed by the test key when only production keys are pinned', async () => {
    const before = await stored();
    expect(await run(publish(await good()), { keys: [] })).toMatchObject({ outcome: 'rejected', code: 'unknown-key' });
    expect(await stored()).toBe(before);
  });

  it('keeps other feedCheck fields when recording an error', async () => {
    await writeItem(feedCheck, { bundledFor: '0.1.0' });
    await run(host(new Map([['index.json', 'nope']])));
    expect(await readItem(feedCheck)).toMatchObject({ bundledFor: '0.1.0', lastError: { at: NOW, code: 'malformed-json' } });
  });
});
