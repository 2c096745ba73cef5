import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from './canonical';
import { DELTA_KIND, EDITION_FORMAT_VERSION, INDEX_KIND, diffEditions, sha256Hex, type EditionIndex } from './edition';
import { INDEX_ENVELOPE_FORMAT, signPayload } from './envelope';
import { parseFeedValue } from './parse';
import type { Feed } from './schema';
import { sampleFeed, TEST_SIGNING_JWK } from './test-fixtures';

/**
 * A published edition for tests (unit and e2e; never the extension): the signed index, the
 * snapshot (the feed's canonical JSON, as `sign` publishes it since edition format 1.1) and a delta from each older edition given, built with the contract's own functions
 * (`diffEditions`, `sha256Hex`) and signed with the committed TEST key. Tests then swap or change
 * files to make the hostile cases.
 */

export interface TestEdition {
  index: EditionIndex;
  /** The signed index's text. */
  indexText: string;
  /** Path (relative to the index) → file text. */
  files: Map<string, string>;
  feed: Feed;
}

export function feedFrom(sequence: number, generatedAt: string, notices: Record<string, unknown>[], extra: Record<string, unknown> = {}): Feed {
  const parsed = parseFeedValue({ ...sampleFeed({ sequence, generatedAt, notices }), ...extra });
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

export const entryOf = async (path: string, text: string) => ({ path, bytes: new TextEncoder().encode(text).byteLength, sha256: await sha256Hex(new TextEncoder().encode(text)) });

/** A snapshot file's text from a signed feed file's: its payload, byte for byte (as `sign` publishes it). */
export function snapshotOfSigned(signedText: string): string {
  return (JSON.parse(signedText) as { payload: string }).payload;
}

export function signIndex(index: EditionIndex | Record<string, unknown>): Promise<string> {
  return signPayload(canonicalJson(index), TEST_SIGNING_JWK, 'test-only-1', undefined, INDEX_ENVELOPE_FORMAT);
}

export function deltaText(older: Feed, newer: Feed): string {
  return JSON.stringify({ kind: DELTA_KIND, formatVersion: EDITION_FORMAT_VERSION, ...diffEditions(older, newer, canonicalJson) });
}

export async function buildEdition({ feed, from = [], issuedAt = feed.generatedAt, expires, indexChange = {} }: { feed: Feed; from?: Feed[]; issuedAt?: string; expires?: string; indexChange?: Partial<EditionIndex> }): Promise<TestEdition> {
  const files = new Map<string, string>();
  const snapshotPath = `snapshots/${feed.sequence}.json`;
  files.set(snapshotPath, canonicalJson(feed));
  const deltas: EditionIndex['deltas'] = [];
  for (const older of from) {
    const path = `deltas/${older.sequence}-${feed.sequence}.json`;
    files.set(path, deltaText(older, feed));
    deltas.push({ from: older.sequence, ...(await entryOf(path, files.get(path)!)) });
  }
  const index: EditionIndex = {
    kind: INDEX_KIND,
    formatVersion: EDITION_FORMAT_VERSION,
    sequence: feed.sequence,
    generatedAt: feed.generatedAt,
    issuedAt,
    expires: expires ?? new Date(Date.parse(issuedAt) + 7 * 86_400_000).toISOString(),
    snapshot: await entryOf(snapshotPath, files.get(snapshotPath)!),
    deltas,
    ...indexChange,
  };
  return { index, indexText: await signIndex(index), files, feed };
}

/** The bundled feed's notices (real breaches, real dates; public/feed/feed.json), by id. */
export const REAL_NOTICES: ReadonlyMap<string, Record<string, unknown>> = (() => {
  const envelope = JSON.parse(readFileSync(join(import.meta.dirname, '../../public/feed/feed.json'), 'utf8')) as { payload: string };
  const notices = (JSON.parse(envelope.payload) as { notices: Record<string, unknown>[] }).notices;
  return new Map(notices.map((notice) => [notice.id as string, notice]));
})();

/** A real notice by id, with changes. */
export function realNotice(id: string, change: Record<string, unknown> = {}): Record<string, unknown> {
  const notice = REAL_NOTICES.get(id);
  if (!notice) throw new Error(`no notice ${id} in the bundled feed`);
  return { ...notice, ...change };
}
