import { z } from 'zod';
import { catalogueAdditionsSchema } from './catalogue-additions';
import { INDEX_ENVELOPE_FORMAT, verifyEnvelope, type EnvelopeErrorCode, type PinnedKey } from './envelope';
import { describeIssues } from './parse';
import { MAX_FEED_SEQUENCE, noticeIdSchema, noticeSchema, type Feed, type Notice } from './schema';

/**
 * A published edition as a set of static files (issue 13), modelled on Firefox Remote Settings'
 * changesets but needing nothing more than a static host or CDN:
 *
 *   index.json                   signed (INDEX_ENVELOPE_FORMAT): the latest sequence, when it
 *                                expires, and the size and SHA-256 of every file below
 *   snapshots/<sequence>.json    the whole feed of that edition: its canonical payload JSON itself
 *                                (the feed object, not a signed envelope; since format 1.1)
 *   deltas/<from>-<to>.json      what changed from an older edition to the latest one
 *
 * Only the index is signed. Every other file is used only if its length and SHA-256 equal the
 * ones in the index the client has just verified, so one signature covers the whole set, and a
 * file from another edition (a stale CDN copy, a replay) is refused because its hash differs.
 *
 * A delta always ends at the index's sequence and starts at one of the recent editions, so a
 * client that is a few editions behind fetches the index and exactly one delta; a client that is
 * further behind, or new, fetches the snapshot. Paths are relative to the index's URL and may not
 * leave its folder.
 *
 * Format 1.1 made the snapshot plain JSON: in 1.0 it was the signed feed envelope, whose payload is
 * a JSON string inside JSON, so a client parsed it twice and checked a second Ed25519 signature
 * the index's SHA-256 already made redundant (docs/feed.md, "Performance"). A 1.0 snapshot read as
 * 1.1 fails the schema check and is refused. The files that come without an index (the bundled
 * public/feed/feed.json, and v1/feed.json for copies older than the index) stay signed envelopes.
 */

export const EDITION_FORMAT_VERSION = '1.1';
export const INDEX_KIND = 'portal-guard-feed-index';
export const DELTA_KIND = 'portal-guard-feed-delta';

/** A file the index names: a relative path inside the index's folder, its byte length and SHA-256. */
export const editionFileSchema = z.strictObject({
  path: z
    .string()
    .max(200)
    .regex(/^(?:snapshots|deltas)\/[a-z0-9][a-z0-9.-]*\.json$/, 'file paths are snapshots/… or deltas/… JSON files inside the index’s folder'),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lower-case hex digits'),
});
export type EditionFile = z.infer<typeof editionFileSchema>;

const sequenceSchema = z.number().int().positive().max(MAX_FEED_SEQUENCE, `the sequence must be at most ${MAX_FEED_SEQUENCE} (2^40)`);
const instantSchema = z.iso.datetime({ offset: true });

export const indexSchema = z
  .strictObject({
    kind: z.literal(INDEX_KIND),
    formatVersion: z.string().regex(/^1\.\d+$/, 'this version of Portal Guard reads edition format 1.x'),
    /** The latest edition's sequence and build time: equal to its snapshot's. */
    sequence: sequenceSchema,
    generatedAt: instantSchema,
    /** When this index was signed. Re-signing an unchanged edition refreshes it (and `expires`). */
    issuedAt: instantSchema,
    /** After this instant the edition is stale: the patient is told notices may be out of date. */
    expires: instantSchema,
    snapshot: editionFileSchema,
    deltas: z.array(editionFileSchema.extend({ from: sequenceSchema })).max(64),
  })
  .superRefine((index, ctx) => {
    if (Date.parse(index.expires) <= Date.parse(index.issuedAt)) ctx.addIssue({ code: 'custom', path: ['expires'], message: 'expires must be after issuedAt' });
    const froms = new Set<number>();
    index.deltas.forEach((delta, i) => {
      if (delta.from >= index.sequence) ctx.addIssue({ code: 'custom', path: ['deltas', i, 'from'], message: `a delta must start below the index's sequence ${index.sequence}` });
      if (froms.has(delta.from)) ctx.addIssue({ code: 'custom', path: ['deltas', i, 'from'], message: `two deltas start at sequence ${delta.from}` });
      froms.add(delta.from);
    });
  });
export type EditionIndex = z.infer<typeof indexSchema>;

export const deltaSchema = z
  .strictObject({
    kind: z.literal(DELTA_KIND),
    formatVersion: z.string().regex(/^1\.\d+$/, 'this version of Portal Guard reads edition format 1.x'),
    from: sequenceSchema,
    to: sequenceSchema,
    /** The `generatedAt` of edition `to`. */
    generatedAt: instantSchema,
    /** Notices added or changed (whole notices), and ids removed. */
    put: z.array(noticeSchema),
    remove: z.array(noticeIdSchema),
    /** Present only when the catalogue additions changed: the new ones, or null when all were removed. */
    catalogue: catalogueAdditionsSchema.nullable().optional(),
  })
  .superRefine((delta, ctx) => {
    if (delta.to <= delta.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a delta must go forward' });
    const seen = new Set<string>();
    delta.put.forEach((notice, i) => {
      if (seen.has(notice.id)) ctx.addIssue({ code: 'custom', path: ['put', i, 'id'], message: `notice ${notice.id} appears twice` });
      seen.add(notice.id);
    });
    delta.remove.forEach((id, i) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['remove', i], message: `notice ${id} is both put and removed` });
      seen.add(id);
    });
  });
export type FeedDelta = z.infer<typeof deltaSchema>;

export type EditionErrorCode = EnvelopeErrorCode | 'malformed-json' | 'schema' | 'hash-mismatch' | 'size-mismatch' | 'mixed-edition';
export type EditionResult<T> = { ok: true; value: T } | { ok: false; code: EditionErrorCode; reason: string };

const fail = (code: EditionErrorCode, reason: string): { ok: false; code: EditionErrorCode; reason: string } => ({ ok: false, code, reason });

/** Verify a signed index against the pinned keys, then check its shape. */
export async function verifyIndex(text: string, keys: readonly PinnedKey[], subtle?: SubtleCrypto): Promise<EditionResult<EditionIndex>> {
  const verified = await verifyEnvelope(text, keys, subtle, INDEX_ENVELOPE_FORMAT);
  if (!verified.ok) return verified;
  let value: unknown;
  try {
    value = JSON.parse(verified.envelope.payload);
  } catch (error) {
    return fail('malformed-json', `the signed feed index is not valid JSON (${(error as Error).message})`);
  }
  const parsed = indexSchema.safeParse(value);
  if (!parsed.success) return fail('schema', `the feed index does not match format ${EDITION_FORMAT_VERSION}: ${describeIssues(parsed.error.issues)}`);
  return { ok: true, value: parsed.data };
}

/** Lower-case hex SHA-256 of some bytes (WebCrypto: the same in the extension and in Node). */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The bytes of a file the index names, checked against its entry: length first (cheap, and a
 * server that sends a different file usually sends a different length), then SHA-256.
 */
export async function checkEditionFile(bytes: Uint8Array<ArrayBuffer>, entry: EditionFile, subtle?: SubtleCrypto): Promise<EditionResult<Uint8Array<ArrayBuffer>>> {
  if (bytes.byteLength !== entry.bytes) return fail('size-mismatch', `${entry.path} is ${bytes.byteLength} bytes, but the signed index says ${entry.bytes}: it is from another edition or was changed`);
  const hash = await sha256Hex(bytes, subtle);
  if (hash !== entry.sha256) return fail('hash-mismatch', `${entry.path} does not match the SHA-256 in the signed index: it is from another edition or was changed`);
  return { ok: true, value: bytes };
}

/** Parse a delta whose bytes have passed `checkEditionFile`, and check it joins `from` to the index. */
export function parseDelta(text: string, from: number, index: EditionIndex): EditionResult<FeedDelta> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('malformed-json', `the delta is not valid JSON (${(error as Error).message})`);
  }
  const parsed = deltaSchema.safeParse(value);
  if (!parsed.success) return fail('schema', `the delta does not match format ${EDITION_FORMAT_VERSION}: ${describeIssues(parsed.error.issues)}`);
  const delta = parsed.data;
  if (delta.from !== from || delta.to !== index.sequence || delta.generatedAt !== index.generatedAt) {
    return fail('mixed-edition', `the delta goes from edition ${delta.from} to ${delta.to}, but this update needs ${from} to ${index.sequence}: files from different editions were mixed`);
  }
  return { ok: true, value: delta };
}

/** The snapshot must be the edition the index names: same sequence and build time. */
export function checkSnapshotMatches(feed: Feed, index: EditionIndex): EditionResult<Feed> {
  if (feed.sequence !== index.sequence || feed.generatedAt !== index.generatedAt) {
    return fail('mixed-edition', `the snapshot is edition ${feed.sequence} (${feed.generatedAt}), but the signed index names edition ${index.sequence} (${index.generatedAt}): files from different editions were mixed`);
  }
  return { ok: true, value: feed };
}

/**
 * What a delta does to a set of notices, by id. Pure: storage applies the same change in one
 * transaction (put, then remove). Used by the CLI to check a delta rebuilds the snapshot exactly.
 */
export function applyDelta(notices: ReadonlyMap<string, Notice>, delta: Pick<FeedDelta, 'put' | 'remove'>): Map<string, Notice> {
  const next = new Map(notices);
  for (const notice of delta.put) next.set(notice.id, notice);
  for (const id of delta.remove) next.delete(id);
  return next;
}

/** The delta from one edition's feed to another's (the CLI's side of `applyDelta`). */
export function diffEditions(older: Feed, newer: Feed, canonical: (value: unknown) => string): Omit<FeedDelta, 'kind' | 'formatVersion'> {
  const before = new Map(older.notices.map((notice) => [notice.id, canonical(notice)]));
  const after = new Set(newer.notices.map((notice) => notice.id));
  const put = newer.notices.filter((notice) => before.get(notice.id) !== canonical(notice));
  const remove = older.notices.filter((notice) => !after.has(notice.id)).map((notice) => notice.id);
  const catalogueChanged = canonical(older.catalogue ?? null) !== canonical(newer.catalogue ?? null);
  return { from: older.sequence, to: newer.sequence, generatedAt: newer.generatedAt, put, remove, ...(catalogueChanged ? { catalogue: newer.catalogue ?? null } : {}) };
}
