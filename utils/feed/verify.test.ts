import { describe, expect, it } from 'vitest';
import { sha256Hex, type EditionIndex } from './edition';
import { canonicalJson } from './canonical';
import { sampleFeed, sampleNotice, signedFeed } from './test-fixtures';
import { verifyIndexedSnapshot } from './verify';

const bytes = (text: string) => new TextEncoder().encode(text);
const kaiser = sampleNotice({ id: 'us-kaiser-2024-04', portals: ['epic-mychart'], country: 'US', organization: 'Kaiser Foundation Health Plan', title: 'Kaiser Permanente: tracking code on signed-in pages', disclosed: '2024-04-12', added: '2024-04-13', modified: '2024-04-13' });

async function indexFor(file: Uint8Array<ArrayBuffer>, overrides: Partial<EditionIndex> = {}): Promise<EditionIndex> {
  return {
    kind: 'portal-guard-feed-index',
    formatVersion: '1.0',
    sequence: 5,
    generatedAt: '2026-02-10T00:00:00.000Z',
    issuedAt: '2026-02-10T00:00:00.000Z',
    expires: '2026-02-24T00:00:00.000Z',
    snapshot: { path: 'snapshots/5.json', bytes: file.byteLength, sha256: await sha256Hex(file) },
    deltas: [],
    ...overrides,
  };
}

describe('a snapshot named by a verified index', () => {
  it.each([
    { name: 'the edition the index names', make: async () => bytes(canonicalJson(sampleFeed({ sequence: 5, generatedAt: '2026-02-10T00:00:00.000Z', notices: [sampleNotice(), kaiser] }))), change: (file: Uint8Array<ArrayBuffer>) => file, want: 'ok' },
    { name: 'one byte changed after the index was signed', make: async () => bytes(canonicalJson(sampleFeed({ sequence: 5, generatedAt: '2026-02-10T00:00:00.000Z' }))), change: (file: Uint8Array<ArrayBuffer>) => file.map((byte, i) => (i === 200 ? byte ^ 1 : byte)), want: 'hash-mismatch' },
    { name: 'another edition in its place', make: async () => bytes(canonicalJson(sampleFeed({ sequence: 5, generatedAt: '2026-02-10T00:00:00.000Z' }))), change: () => bytes('{"format":"portal-guard-feed"}'), want: 'size-mismatch' },
    // Hashed correctly, but the feed inside is edition 4: the index and snapshot were mixed.
    { name: 'the hash of an older edition under the latest sequence', make: async () => bytes(canonicalJson(sampleFeed({ sequence: 4, generatedAt: '2026-02-01T00:00:00.000Z' }))), change: (file: Uint8Array<ArrayBuffer>) => file, want: 'mixed-edition' },
    { name: 'bytes that are not UTF-8', make: async () => new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), change: (file: Uint8Array<ArrayBuffer>) => file, want: 'malformed-json' },
    { name: 'a signed index in place of the snapshot', make: async () => bytes('{"format":"portal-guard-feed-index","keyId":"k","alg":"Ed25519","signature":"x","payload":"{}"}'), change: (file: Uint8Array<ArrayBuffer>) => file, want: 'schema' },
    // Edition format 1.0's snapshot: the signed envelope. Its hash is in the index, but a 1.1 client
    // reads the feed object itself, so it is refused, never parsed a second time.
    { name: 'a signed feed envelope (edition format 1.0) in place of the snapshot', make: async () => bytes(await signedFeed(sampleFeed({ sequence: 5, generatedAt: '2026-02-10T00:00:00.000Z', notices: [sampleNotice(), kaiser] }))), change: (file: Uint8Array<ArrayBuffer>) => file, want: 'schema' },
    { name: 'text that is not JSON', make: async () => bytes(canonicalJson(sampleFeed({ sequence: 5, generatedAt: '2026-02-10T00:00:00.000Z' })).slice(1)), change: (file: Uint8Array<ArrayBuffer>) => file, want: 'malformed-json' },
  ])('$name → $want', async ({ make, change, want }) => {
    const file = await make();
    const index = await indexFor(file);
    const result = await verifyIndexedSnapshot(change(file), index);
    expect(result.ok ? 'ok' : result.code).toBe(want);
    if (result.ok) expect(result.feed.notices.map((notice) => notice.id)).toEqual(['nz-example-2026-01', 'us-kaiser-2024-04']);
  });
});
