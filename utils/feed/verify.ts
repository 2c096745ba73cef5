import { checkEditionFile, checkSnapshotMatches, type EditionErrorCode, type EditionIndex } from './edition';
import { readEnvelope, verifyEnvelope, type EnvelopeErrorCode, type FeedEnvelope, type PinnedKey } from './envelope';
import { parseFeedPayload, type FeedParseErrorCode } from './parse';
import type { Feed } from './schema';

export type VerifyErrorCode = EnvelopeErrorCode | FeedParseErrorCode;
export type VerifiedFeed = { ok: true; feed: Feed; envelope: FeedEnvelope } | { ok: false; code: VerifyErrorCode; reason: string };

/**
 * Signature first, then the payload: nothing from an unsigned or wrongly signed file is parsed
 * beyond the envelope. Shared by updates, the bundled feed, the stored feed, the CLI and the bench.
 */
export async function verifyFeed(text: string, keys: readonly PinnedKey[], subtle?: SubtleCrypto): Promise<VerifiedFeed> {
  const verified = await verifyEnvelope(text, keys, subtle);
  if (!verified.ok) return { ok: false, code: verified.code, reason: verified.reason };
  const parsed = parseFeedPayload(verified.envelope.payload);
  if (!parsed.ok) return parsed;
  return { ok: true, feed: parsed.feed, envelope: verified.envelope };
}

export type SnapshotResult = { ok: true; feed: Feed; envelope: FeedEnvelope } | { ok: false; code: VerifyErrorCode | EditionErrorCode; reason: string };

/**
 * A snapshot named by an index that `verifyIndex` has just verified (issue 13). Its bytes must have
 * the length and SHA-256 the signed index gives, which the index's signature covers, so the
 * snapshot's own Ed25519 signature is not checked a second time: that check needs the payload
 * re-encoded to UTF-8 and hashed with SHA-512, about twice the cost of the SHA-256 over the bytes as
 * downloaded (`npm run bench -- feed-verify`). Then the envelope, the payload and the schema, as in
 * `verifyFeed`, and the edition must be the index's. A feed stored without an index (the bundled
 * one) still goes through `verifyFeed`.
 */
export async function verifyIndexedSnapshot(bytes: Uint8Array<ArrayBuffer>, index: EditionIndex, subtle?: SubtleCrypto): Promise<SnapshotResult> {
  const file = await checkEditionFile(bytes, index.snapshot, subtle);
  if (!file.ok) return file;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, code: 'malformed-json', reason: `${index.snapshot.path} is not UTF-8 text` };
  }
  const read = readEnvelope(text);
  if (!read.ok) return read;
  const parsed = parseFeedPayload(read.envelope.payload);
  if (!parsed.ok) return parsed;
  const matches = checkSnapshotMatches(parsed.feed, index);
  if (!matches.ok) return matches;
  return { ok: true, feed: parsed.feed, envelope: read.envelope };
}
