import { checkEditionFile, checkSnapshotMatches, type EditionErrorCode, type EditionIndex } from './edition';
import { verifyEnvelope, type EnvelopeErrorCode, type FeedEnvelope, type PinnedKey } from './envelope';
import { parseFeedPayload, parseFeedValue, type FeedParseErrorCode } from './parse';
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

export type SnapshotResult = { ok: true; feed: Feed } | { ok: false; code: FeedParseErrorCode | EditionErrorCode; reason: string };

/**
 * A snapshot named by an index that `verifyIndex` has just verified (issue 13, edition format 1.1).
 * The snapshot is the feed's canonical payload JSON itself, not a signed envelope: it is trusted
 * only because its length and SHA-256 are the ones in the signed index, as a delta is. So it is
 * parsed once (an envelope would be parsed twice, the payload being a JSON string inside JSON) and
 * no second Ed25519 check runs. Every notice still goes through the full schema check
 * (`parseFeedValue`: the compiled parser, zod for its messages), then the edition must be the
 * index's. A feed that comes without an index (the bundled one, v1/feed.json) is still a signed
 * envelope and goes through `verifyFeed`.
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
  return parseIndexedSnapshot(text, index);
}

/** The text of a snapshot whose bytes have passed `checkEditionFile`: parsed once, fully checked, the index's edition. */
export function parseIndexedSnapshot(text: string, index: EditionIndex): SnapshotResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, code: 'malformed-json', reason: `${index.snapshot.path} is not valid JSON (${(error as Error).message})` };
  }
  const parsed = parseFeedValue(value);
  if (!parsed.ok) return parsed;
  const matches = checkSnapshotMatches(parsed.feed, index);
  if (!matches.ok) return matches;
  return { ok: true, feed: parsed.feed };
}
