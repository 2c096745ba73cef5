import { feedCheck, feedStore, readItem, writeItem, type StoredFeed } from './storage';
import { FEED_URL, MAX_CLOCK_SKEW_MS, MAX_FEED_BYTES } from '../feed/config';
import type { PinnedKey } from '../feed/envelope';
import { pinnedKeys } from '../feed/keys';
import { withFeedLock } from './feed-lock';
import type { Feed } from '../feed/schema';
import { verifyFeed, type VerifyErrorCode } from '../feed/verify';

/**
 * One update check: fetch the published feed and store it only if every check passes.
 *
 *   fetch (If-None-Match) → 304? done → size cap (Content-Length, then the bytes) → UTF-8 →
 *   the very bytes already stored? done → envelope → pinned key → signature → JSON → format
 *   version → schema → sequence > current → generatedAt not in the future → write feedStore
 *
 * A refused update writes only `feedCheck` (when, and why), so the last good feed stays
 * byte-identical: Privacy Badger's rule, validate before anything is written.
 */

export type RejectionCode = VerifyErrorCode | 'insecure-url' | 'network' | 'http-status' | 'too-large' | 'not-utf8' | 'rollback' | 'future';

export type UpdateResult =
  | { outcome: 'updated'; stored: StoredFeed; feed: Feed }
  /** Nothing new. `stored` is set when the stored copy should remember the server's ETag. */
  | { outcome: 'not-modified'; stored?: StoredFeed }
  | { outcome: 'rejected'; code: RejectionCode; reason: string };

export interface UpdateOptions {
  url?: string;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
  keys?: readonly PinnedKey[];
  maxBytes?: number;
}

export async function updateFeed({ url = FEED_URL, fetch: fetchFeed = globalThis.fetch, now = Date.now, keys = pinnedKeys(), maxBytes = MAX_FEED_BYTES }: UpdateOptions = {}): Promise<UpdateResult> {
  return withFeedLock(async () => {
    const current = await readItem(feedStore);
    const result = await fetchAndCheck({ url, fetchFeed, now, keys, maxBytes, current });
    const check = await readItem(feedCheck);
    const { lastError: _previousError, ...rest } = check;
    if (result.outcome === 'rejected') {
      await writeItem(feedCheck, { ...rest, lastCheckedAt: now(), lastError: { at: now(), reason: result.reason } });
      return result;
    }
    if (result.stored) await writeItem(feedStore, result.stored);
    await writeItem(feedCheck, { ...rest, lastCheckedAt: now() });
    return result;
  });
}

const reject = (code: RejectionCode, reason: string): UpdateResult => ({ outcome: 'rejected', code, reason });

async function fetchAndCheck({ url, fetchFeed, now, keys, maxBytes, current }: { url: string; fetchFeed: typeof globalThis.fetch; now: () => number; keys: readonly PinnedKey[]; maxBytes: number; current: StoredFeed | null }): Promise<UpdateResult> {
  if (!/^https:\/\//i.test(url)) return reject('insecure-url', `the feed address ${url} is not https`);
  const etag = current?.sourceUrl === url ? current.etag : undefined;
  let response: Response;
  try {
    response = await fetchFeed(url, { headers: etag ? { 'If-None-Match': etag } : {}, cache: 'no-store', credentials: 'omit' });
  } catch (error) {
    return reject('network', `could not reach the feed server (${error instanceof Error ? error.message : String(error)})`);
  }
  if (response.status === 304 && etag) return { outcome: 'not-modified' };
  if (!response.ok) return reject('http-status', `the feed server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);

  const declared = Number(response.headers.get('Content-Length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return reject('too-large', `the feed is ${formatBytes(declared)}, more than the ${formatBytes(maxBytes)} limit`);
  }
  const bytes = await readCapped(response, maxBytes);
  if (!bytes) return reject('too-large', `the feed is more than the ${formatBytes(maxBytes)} limit`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return reject('not-utf8', 'the feed is not UTF-8 text');
  }

  const newEtag = response.headers.get('ETag') ?? undefined;
  // The feed we already have (right after a release the host serves the bundled feed): not a
  // replay, just nothing new. Remember its ETag so the next check can get a 304.
  if (current && text === current.envelope) {
    const remember = newEtag !== undefined && (newEtag !== current.etag || current.sourceUrl !== url);
    return remember ? { outcome: 'not-modified', stored: { ...current, sourceUrl: url, etag: newEtag } } : { outcome: 'not-modified' };
  }

  const verified = await verifyFeed(text, keys);
  if (!verified.ok) return reject(verified.code, verified.reason);
  const { feed } = verified;
  if (current && feed.sequence <= current.sequence) {
    return reject('rollback', `the feed's sequence ${feed.sequence} is not newer than the installed sequence ${current.sequence} (an old or replayed feed)`);
  }
  const generated = Date.parse(feed.generatedAt);
  if (generated > now() + MAX_CLOCK_SKEW_MS) return reject('future', `the feed claims to be generated at ${feed.generatedAt}, which is in the future`);

  const stored: StoredFeed = { envelope: text, source: 'remote', sourceUrl: url, ...(newEtag ? { etag: newEtag } : {}), sequence: feed.sequence, generatedAt: feed.generatedAt, receivedAt: now() };
  return { outcome: 'updated', stored, feed };
}

/** The body, or undefined as soon as it grows past the cap (a missing or lying Content-Length). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
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

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
