import { feedCheck, feedMeta, readItem, writeItem, type FeedMeta } from './storage';
import { FEED_URL, MAX_CLOCK_SKEW_MS, MAX_FEED_BYTES, MAX_INDEX_BYTES, indexUrlOf } from '../feed/config';
import { checkEditionFile, parseDelta, verifyIndex, type EditionErrorCode, type EditionFile, type EditionIndex } from '../feed/edition';
import type { PinnedKey } from '../feed/envelope';
import { pinnedKeys } from '../feed/keys';
import { withFeedLock } from './feed-lock';
import { parseIndexedSnapshot, type VerifyErrorCode } from '../feed/verify';
import { formatDate, formatNumber } from '../i18n/format';
import { t } from '../i18n/t';
import { applyStoredDelta, feedDb, replaceStoredFeed, type FeedDb } from './feed-db';

/**
 * One update check against a published edition (utils/feed/edition.ts; docs/feed.md, "How the
 * extension updates"). Only the index and the one file it names that this client needs are fetched:
 *
 *   index.json (If-None-Match, size cap) → 304? done → signature (INDEX_ENVELOPE_FORMAT, pinned
 *   keys) → shape → not dated in the future → no rollback (sequence) → no replay (issuedAt) →
 *   generatedAt never goes backwards →
 *     same edition as installed: nothing new, but the index's issuedAt/expires are kept (freshness)
 *     a delta from the installed sequence: fetch it → size and SHA-256 from the index → parse →
 *       joins installed to the index (`parseDelta`) → applied in one IndexedDB transaction
 *     otherwise: fetch the snapshot → size and SHA-256 → parsed once (plain JSON since edition
 *       format 1.1: the index's hash vouches for it, so no second signature) → the full schema
 *       check of every notice → the edition the index names (`checkSnapshotMatches`) → replaces
 *       the store in one transaction
 *   → feedMeta (the accepted index, its ETag, issuedAt, expires)
 *
 * A refused update writes only `feedCheck` (when, why in plain words, and the check's code), so the
 * last good feed stays as it was: Privacy Badger's rule, validate before anything is written. A bad
 * delta is not followed by the snapshot in the same check: a host serving a wrong file is a
 * problem to show, and the next check tries again.
 */

export type RejectionCode = EditionErrorCode | VerifyErrorCode | 'insecure-url' | 'network' | 'http-status' | 'too-large' | 'not-utf8' | 'rollback' | 'replay' | 'generated-backwards' | 'future' | 'store';

export type UpdateResult =
  | { outcome: 'updated'; meta: FeedMeta; via: 'delta' | 'snapshot' }
  /** Nothing new. `meta` is set when the same edition's index was re-signed (fresher `expires`) or its ETag changed. */
  | { outcome: 'not-modified'; meta?: FeedMeta }
  /** `reason` is plain language for the patient; `detail`, when there is one, the check's technical reason (tests, support). */
  | { outcome: 'rejected'; code: RejectionCode; reason: string; detail?: string };

export interface UpdateOptions {
  /** The feed URL (FEED_URL or a policy's `feedUrl`): the index is `indexUrlOf(url)`. */
  url?: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  keys?: readonly PinnedKey[];
  /** The largest snapshot accepted. */
  maxBytes?: number;
  db?: () => Promise<FeedDb>;
}

export async function updateFeed({ url = FEED_URL, fetch: fetchFile = globalThis.fetch, now = Date.now, keys = pinnedKeys(), maxBytes = MAX_FEED_BYTES, db = feedDb }: UpdateOptions = {}): Promise<UpdateResult> {
  return withFeedLock(async () => {
    const current = await readItem(feedMeta);
    const result = await check({ url, fetchFile, now, keys, maxBytes, db, current });
    const { lastError: _previousError, ...rest } = await readItem(feedCheck);
    if (result.outcome === 'rejected') {
      await writeItem(feedCheck, { ...rest, lastCheckedAt: now(), lastError: { at: now(), reason: result.reason, code: result.code } });
      return result;
    }
    await writeItem(feedCheck, { ...rest, lastCheckedAt: now() });
    return result;
  });
}

const reject = (code: RejectionCode, reason: string, detail?: string): UpdateResult => ({ outcome: 'rejected', code, reason, ...(detail !== undefined ? { detail } : {}) });

/** Plain words for a refusal from the edition and envelope checks (the technical reason stays in the code). */
function plainReason(code: EditionErrorCode | VerifyErrorCode): string {
  switch (code) {
    case 'hash-mismatch':
    case 'size-mismatch':
      return t('feedUpdate.fileMismatch');
    case 'mixed-edition':
      return t('feedUpdate.mixedEdition');
    case 'malformed-json':
    case 'schema':
    case 'unsupported-format':
      return t('feedUpdate.unreadable');
    default:
      return t('feedUpdate.notSigned');
  }
}

interface CheckContext {
  url: string;
  fetchFile: typeof globalThis.fetch;
  now: () => number;
  keys: readonly PinnedKey[];
  maxBytes: number;
  db: () => Promise<FeedDb>;
  current: FeedMeta | null;
}

async function check({ url, fetchFile, now, keys, maxBytes, db, current }: CheckContext): Promise<UpdateResult> {
  if (!/^https:\/\//i.test(url)) return reject('insecure-url', t('feedUpdate.insecureUrl', { url }));
  const indexUrl = indexUrlOf(url);
  const etag = current?.sourceUrl === indexUrl ? current.etag : undefined;
  let response: Response;
  try {
    response = await fetchFile(indexUrl, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store', credentials: 'omit' });
  } catch {
    return reject('network', t('feedUpdate.network'));
  }
  if (response.status === 304 && etag) return { outcome: 'not-modified' };
  // The index is small; a host that sends more is not sending an index.
  const body = await readBody(response, MAX_INDEX_BYTES);
  if ('rejected' in body) return body.rejected;
  const text = body.text;

  const verified = await verifyIndex(text, keys);
  if (!verified.ok) return reject(verified.code, plainReason(verified.code), verified.reason);
  const index = verified.value;
  const newEtag = response.headers.get('ETag') ?? undefined;

  const future = [index.issuedAt, index.generatedAt].find((instant) => Date.parse(instant) > now() + MAX_CLOCK_SKEW_MS);
  if (future) return reject('future', t('feedUpdate.future', { date: formatDate(future) }));
  if (current) {
    if (index.sequence < current.sequence) return reject('rollback', t('feedUpdate.rollback', { offered: String(index.sequence), installed: String(current.sequence) }));
    if (current.issuedAt !== undefined && Date.parse(index.issuedAt) < Date.parse(current.issuedAt)) return reject('replay', t('feedUpdate.replay'));
    if (Date.parse(index.generatedAt) < Date.parse(current.generatedAt)) return reject('generated-backwards', t('feedUpdate.generatedBackwards'));
    if (index.sequence === current.sequence) {
      // The same edition number with another build time is not the edition installed.
      if (index.generatedAt !== current.generatedAt) return reject('mixed-edition', t('feedUpdate.mixedEdition'));
      return { outcome: 'not-modified', meta: await remember(accepted(current, index, text, indexUrl, newEtag)) };
    }
  }

  const source = { index, text, indexUrl, etag: newEtag };
  const delta = current ? index.deltas.find((entry) => entry.from === current.sequence) : undefined;
  if (current && delta) {
    const applied = await viaDelta({ fetchFile, now, db, current }, source, delta);
    // The store was not at the installed edition after all (another context wrote it): take the snapshot.
    if (!(applied.outcome === 'rejected' && applied.code === 'store')) return applied;
  }
  return viaSnapshot({ fetchFile, now, maxBytes, db, current }, source);
}

interface IndexSource {
  index: EditionIndex;
  text: string;
  indexUrl: string;
  etag: string | undefined;
}

/** The meta for an accepted index: the edition fields stay the installed ones until a file changes them. */
function accepted(base: FeedMeta, index: EditionIndex, text: string, indexUrl: string, etag: string | undefined): FeedMeta {
  const { etag: _oldEtag, envelope: _legacy, ...rest } = base;
  return { ...rest, source: 'remote', sourceUrl: indexUrl, ...(etag ? { etag } : {}), issuedAt: index.issuedAt, expires: index.expires, index: text };
}

async function remember(meta: FeedMeta): Promise<FeedMeta> {
  await writeItem(feedMeta, meta);
  return meta;
}

async function viaDelta({ fetchFile, now, db, current }: Pick<CheckContext, 'fetchFile' | 'now' | 'db'> & { current: FeedMeta }, { index, text, indexUrl, etag }: IndexSource, entry: EditionFile & { from: number }): Promise<UpdateResult> {
  const file = await fetchEditionFile(fetchFile, indexUrl, entry);
  if ('rejected' in file) return file.rejected;
  const delta = parseDelta(file.text, current.sequence, index);
  if (!delta.ok) return reject(delta.code, plainReason(delta.code), delta.reason);
  try {
    await applyStoredDelta(await db(), delta.value);
  } catch {
    // EditionMoved (the store is not at the installed edition) or a failed write: nothing changed.
    return reject('store', t('feedUpdate.store'));
  }
  const meta = await remember({ ...accepted(current, index, text, indexUrl, etag), sequence: index.sequence, generatedAt: index.generatedAt, receivedAt: now() });
  return { outcome: 'updated', meta, via: 'delta' };
}

async function viaSnapshot({ fetchFile, now, maxBytes, db, current }: Omit<CheckContext, 'url' | 'keys'>, { index, text, indexUrl, etag }: IndexSource): Promise<UpdateResult> {
  const entry = index.snapshot;
  if (entry.bytes > maxBytes) return reject('too-large', t('feedUpdate.tooLarge', { size: formatSize(entry.bytes), limit: formatSize(maxBytes) }));
  // Size and SHA-256 against the index just verified (fetchEditionFile), then one parse and the
  // full schema check of every notice: `verifyIndexedSnapshot` in utils/feed/verify.ts, step for step.
  const file = await fetchEditionFile(fetchFile, indexUrl, entry);
  if ('rejected' in file) return file.rejected;
  const verified = parseIndexedSnapshot(file.text, index);
  if (!verified.ok) return reject(verified.code, plainReason(verified.code), verified.reason);
  try {
    await replaceStoredFeed(await db(), verified.feed);
  } catch {
    return reject('store', t('feedUpdate.store'));
  }
  const base: FeedMeta = current ?? { source: 'remote', sequence: index.sequence, generatedAt: index.generatedAt, receivedAt: now() };
  const meta = await remember({ ...accepted(base, index, text, indexUrl, etag), sequence: index.sequence, generatedAt: index.generatedAt, receivedAt: now() });
  return { outcome: 'updated', meta, via: 'snapshot' };
}

/** A file the index names, fetched from beside the index and checked against its entry (size, then SHA-256). */
async function fetchEditionFile(fetchFile: typeof globalThis.fetch, indexUrl: string, entry: EditionFile): Promise<{ text: string } | { rejected: UpdateResult }> {
  let response: Response;
  try {
    // Revalidated with the host (a 304 costs a few bytes): a file cached from a broken publish at
    // the same path would otherwise keep failing the hash check until the cache let it go.
    response = await fetchFile(new URL(entry.path, indexUrl).href, { cache: 'no-cache', credentials: 'omit' });
  } catch {
    return { rejected: reject('network', t('feedUpdate.network')) };
  }
  // One byte more than the index says is enough to know it is the wrong file.
  const body = await readBytes(response, entry.bytes + 1);
  if ('rejected' in body) return body.rejected.outcome === 'rejected' && body.rejected.code === 'too-large' ? { rejected: reject('size-mismatch', t('feedUpdate.fileMismatch')) } : body;
  const checked = await checkEditionFile(body.bytes, entry);
  if (!checked.ok) return { rejected: reject(checked.code, plainReason(checked.code), checked.reason) };
  const text = decode(body.bytes);
  return text === undefined ? { rejected: reject('not-utf8', t('feedUpdate.notUtf8')) } : { text };
}

async function readBody(response: Response, maxBytes: number): Promise<{ text: string } | { rejected: UpdateResult }> {
  const body = await readBytes(response, maxBytes);
  if ('rejected' in body) return body;
  const text = decode(body.bytes);
  return text === undefined ? { rejected: reject('not-utf8', t('feedUpdate.notUtf8')) } : { text };
}

async function readBytes(response: Response, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer> } | { rejected: UpdateResult }> {
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { rejected: reject('http-status', t('feedUpdate.httpStatus', { status: String(response.status) })) };
  }
  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { rejected: reject('too-large', t('feedUpdate.tooLarge', { size: formatSize(declared), limit: formatSize(maxBytes) })) };
  }
  const bytes = await readCapped(response, maxBytes);
  return bytes ? { bytes } : { rejected: reject('too-large', t('feedUpdate.tooLargeUnknown', { limit: formatSize(maxBytes) })) };
}

function decode(bytes: Uint8Array<ArrayBuffer>): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The body, or undefined as soon as it grows past the cap (a missing or lying Content-Length). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = response.body?.getReader();
  if (!reader) {
    const buffer = new Uint8Array(await response.arrayBuffer());
    return buffer.byteLength > maxBytes ? undefined : buffer;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? t('feedUpdate.mib', { size: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10) }) : t('feedUpdate.kib', { size: formatNumber(Math.ceil(bytes / 1024)) });
}
