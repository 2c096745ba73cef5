import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';
import { applyDelta, checkEditionFile, checkSnapshotMatches, diffEditions, parseDelta, sha256Hex, verifyIndex, type EditionIndex } from './edition';
import { INDEX_ENVELOPE_FORMAT, signPayload } from './envelope';
import { parseFeedValue } from './parse';
import type { Feed } from './schema';
import { sampleFeed, sampleNotice, signedFeed, TEST_KEYS, TEST_SIGNING_JWK } from './test-fixtures';

const bytes = (text: string) => new TextEncoder().encode(text);

function feedOf(sequence: number, generatedAt: string, notices: Record<string, unknown>[]): Feed {
  const parsed = parseFeedValue(sampleFeed({ sequence, generatedAt, notices }));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

const mmh = sampleNotice();
const kaiser = sampleNotice({ id: 'us-kaiser-2024-04', portals: ['epic-mychart'], country: 'US', organization: 'Kaiser Foundation Health Plan', title: 'Kaiser Permanente: tracking code on signed-in pages', disclosed: '2024-04-12', added: '2024-04-13', modified: '2024-04-13' });
const mmhUpdated = { ...mmh, status: 'regulator-action', modified: '2026-02-10' };

async function index(overrides: Partial<EditionIndex> = {}): Promise<EditionIndex> {
  return {
    kind: 'portal-guard-feed-index',
    formatVersion: '1.0',
    sequence: 5,
    generatedAt: '2026-02-10T00:00:00.000Z',
    issuedAt: '2026-02-10T00:00:00.000Z',
    expires: '2026-02-24T00:00:00.000Z',
    snapshot: { path: 'snapshots/5.json', bytes: 3, sha256: await sha256Hex(bytes('abc')) },
    deltas: [{ from: 4, path: 'deltas/4-5.json', bytes: 3, sha256: await sha256Hex(bytes('abc')) }],
    ...overrides,
  };
}

describe('the signed index', () => {
  it('verifies with a pinned key and reads back', async () => {
    const text = await signPayload(canonicalJson(await index()), TEST_SIGNING_JWK, 'test-only-1', undefined, INDEX_ENVELOPE_FORMAT);
    const result = await verifyIndex(text, TEST_KEYS);
    expect(result.ok && result.value.sequence).toBe(5);
  });

  it('is never taken for a feed, nor a feed for an index', async () => {
    const feedText = await signedFeed(sampleFeed());
    const asIndex = await verifyIndex(feedText, TEST_KEYS);
    expect(asIndex).toMatchObject({ ok: false, code: 'malformed-envelope' });
  });

  it.each([
    { name: 'a path leaving the folder', change: { snapshot: { path: '../feed.json', bytes: 3, sha256: 'a'.repeat(64) } }, reason: /snapshots\/… or deltas\/…/ },
    { name: 'an absolute URL', change: { snapshot: { path: 'https://evil.example/feed.json', bytes: 3, sha256: 'a'.repeat(64) } }, reason: /inside the index/ },
    { name: 'expiry before signing', change: { expires: '2026-02-01T00:00:00.000Z' }, reason: /expires must be after issuedAt/ },
    { name: 'a delta starting at the latest sequence', change: { deltas: [{ from: 5, path: 'deltas/5-5.json', bytes: 3, sha256: 'a'.repeat(64) }] }, reason: /start below/ },
    { name: 'a sequence past 2^40', change: { sequence: 2 ** 40 + 1 }, reason: /at most/ },
  ])('refuses $name', async ({ change, reason }) => {
    const text = await signPayload(canonicalJson({ ...(await index()), ...change }), TEST_SIGNING_JWK, 'test-only-1', undefined, INDEX_ENVELOPE_FORMAT);
    const result = await verifyIndex(text, TEST_KEYS);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });
});

describe('files named by the index', () => {
  it.each([
    { name: 'the same bytes', text: 'abc', want: 'ok' },
    { name: 'one byte changed', text: 'abd', want: 'hash-mismatch' },
    { name: 'another length', text: 'abcd', want: 'size-mismatch' },
  ])('$name → $want', async ({ text, want }) => {
    const entry = (await index()).snapshot;
    const result = await checkEditionFile(bytes(text), entry);
    expect(result.ok ? 'ok' : result.code).toBe(want);
  });

  it('refuses a snapshot of another edition', async () => {
    expect(checkSnapshotMatches(feedOf(4, '2026-02-01T00:00:00.000Z', [mmh]), await index())).toMatchObject({ ok: false, code: 'mixed-edition' });
    expect(checkSnapshotMatches(feedOf(5, '2026-02-10T00:00:00.000Z', [mmh]), await index())).toMatchObject({ ok: true });
  });
});

describe('deltas', () => {
  const older = feedOf(4, '2026-02-01T00:00:00.000Z', [mmh, kaiser]);
  const newer = feedOf(5, '2026-02-10T00:00:00.000Z', [mmhUpdated]);

  it('rebuild the newer edition from the older one', () => {
    const delta = diffEditions(older, newer, canonicalJson);
    expect(delta.put.map((notice) => notice.id)).toEqual(['nz-example-2026-01']);
    expect(delta.remove).toEqual(['us-kaiser-2024-04']);
    expect(delta).not.toHaveProperty('catalogue');
    const rebuilt = applyDelta(new Map(older.notices.map((notice) => [notice.id, notice])), delta);
    expect(canonicalJson([...rebuilt.values()])).toBe(canonicalJson(newer.notices));
  });

  it.each([
    { name: 'joins this client to the index', from: 4, delta: { from: 4, to: 5 }, want: 'ok' },
    { name: 'starts at another edition', from: 3, delta: { from: 4, to: 5 }, want: 'mixed-edition' },
    { name: 'ends before the index', from: 4, delta: { from: 4, to: 6 }, want: 'mixed-edition' },
    { name: 'goes backwards', from: 4, delta: { from: 5, to: 4 }, want: 'schema' },
  ])('a delta that $name → $want', async ({ from, delta, want }) => {
    const text = JSON.stringify({ kind: 'portal-guard-feed-delta', formatVersion: '1.0', generatedAt: '2026-02-10T00:00:00.000Z', put: [mmhUpdated], remove: [], ...delta });
    const result = parseDelta(text, from, await index());
    expect(result.ok ? 'ok' : result.code).toBe(want);
  });

  it('refuses a notice both put and removed', async () => {
    const text = JSON.stringify({ kind: 'portal-guard-feed-delta', formatVersion: '1.0', from: 4, to: 5, generatedAt: '2026-02-10T00:00:00.000Z', put: [mmhUpdated], remove: ['nz-example-2026-01'] });
    expect(parseDelta(text, 4, await index())).toMatchObject({ ok: false, code: 'schema', reason: expect.stringMatching(/both put and removed/) });
  });
});
