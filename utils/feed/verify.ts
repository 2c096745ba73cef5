import { verifyEnvelope, type EnvelopeErrorCode, type FeedEnvelope, type PinnedKey } from './envelope';
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
