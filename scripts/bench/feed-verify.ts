/**
 * How long does the extension take to accept a large feed?
 *
 * A synthetic feed of 10,000 notices (the 15 real notices from feed/notices and reviewed drafts made
 * by the HHS OCR importer from rows shaped like the portal's: ./synthetic-feed.ts) is canonicalised,
 * as `build` does, and published both ways the extension reads a feed:
 * - the snapshot of an edition (`snapshots/<seq>.json`, edition format 1.1): the payload JSON itself,
 *   trusted through the SHA-256 in the signed index. Timed exactly as the client takes it
 *   (utils/state/feed-update.ts → `parseIndexedSnapshot`, utils/feed/verify.ts): SHA-256 over the
 *   bytes as downloaded, UTF-8 decoding, one JSON.parse, the full schema check of every notice
 *   (the compiled parser, utils/feed/compiled-parser.ts, with zod's jitless interpreter as its
 *   fallback) and `checkSnapshotMatches`. The floor is `JSON.parse` of the same bytes' text, in the
 *   same run. Goal: at most 5× the floor.
 * - the signed envelope (the bundled public/feed/feed.json, v1/feed.json for copies older than the
 *   index): `verifyFeed`, step for step, for information, against `JSON.parse` of the envelope.
 * zod runs jitless, as it must in extension pages and MV3 service workers (their CSP forbids the
 * `new Function` its JIT uses), so the figure is what users get. The SHA-256 and the Ed25519 check
 * use node:crypto's synchronous calls, the same OpenSSL code as Node's WebCrypto, because the bench
 * runner is synchronous; the browsers use their own (BoringSSL, NSS).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../utils/feed/canonical';
import { MAX_FEED_BYTES } from '../../utils/feed/config';
import { EDITION_FORMAT_VERSION, INDEX_KIND, type EditionIndex } from '../../utils/feed/edition';
import { readEnvelope, serializeEnvelope } from '../../utils/feed/envelope';
import { parseFeedPayload } from '../../utils/feed/parse';
import { feedSchema } from '../../utils/feed/schema';
import { parseIndexedSnapshot } from '../../utils/feed/verify';
import { consume, race, type Bench, type BenchResult } from './harness';
import { syntheticFeed } from './synthetic-feed';

const NOTICES = 10_000;
const ROOT = join(import.meta.dirname, '../..');

function signedFile(payload: string): { file: string; publicKey: KeyObject } {
  const jwk = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/feed-keys/test-only-1.signing.jwk'), 'utf8')) as { kty: string; crv: string; x: string; d: string; kid: string };
  const privateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const signature = sign(null, new TextEncoder().encode(payload), privateKey).toString('base64');
  const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  return { file: serializeEnvelope({ format: 'portal-guard-feed', keyId: jwk.kid, alg: 'Ed25519', signature, payload }), publicKey };
}

/** verifyFeed, step for step, with a synchronous signature check. */
function verifyAndParse(file: string, publicKey: KeyObject) {
  const read = readEnvelope(file);
  if (!read.ok) throw new Error(read.reason);
  const { payload, signature } = read.envelope;
  if (!verify(null, new TextEncoder().encode(payload), publicKey, Buffer.from(signature, 'base64'))) throw new Error('bad signature');
  const parsed = parseFeedPayload(payload);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

/**
 * What the client does with a snapshot's bytes once the index is verified (feed-update.ts,
 * `fetchEditionFile` then `parseIndexedSnapshot`), with a synchronous SHA-256 for WebCrypto's.
 */
function clientSnapshot(bytes: Uint8Array, index: EditionIndex) {
  if (bytes.byteLength !== index.snapshot.bytes || createHash('sha256').update(bytes).digest('hex') !== index.snapshot.sha256) throw new Error('hash mismatch');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const parsed = parseIndexedSnapshot(text, index);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

function run(): BenchResult {
  const setupStart = performance.now();
  const payload = canonicalJson(syntheticFeed());
  const { file, publicKey } = signedFile(payload);
  const setupMs = performance.now() - setupStart;
  const feed = verifyAndParse(file, publicKey);
  // The snapshot as `sign` publishes it: the payload's bytes, named by an index with their hash.
  const snapshotBytes = new TextEncoder().encode(payload);
  const snapshotText = new TextDecoder().decode(snapshotBytes);
  const index: EditionIndex = {
    kind: INDEX_KIND,
    formatVersion: EDITION_FORMAT_VERSION,
    sequence: feed.sequence,
    generatedAt: feed.generatedAt,
    issuedAt: feed.generatedAt,
    expires: new Date(Date.parse(feed.generatedAt) + 14 * 86_400_000).toISOString(),
    snapshot: { path: `snapshots/${feed.sequence}.json`, bytes: snapshotBytes.byteLength, sha256: createHash('sha256').update(snapshotBytes).digest('hex') },
    deltas: [],
  };
  if (clientSnapshot(snapshotBytes, index).notices.length !== NOTICES || feed.notices.length !== NOTICES) throw new Error('the synthetic feed lost notices');
  const fileBytes = new TextEncoder().encode(file).byteLength;

  const before = z.config().jitless ?? false;
  let ops: number[];
  let jitOps: number[];
  try {
    z.config({ jitless: true });
    // Each op closes over its data: one input, so every call does the whole job once.
    ops = race<null>(
      [
        { inputs: [null], op: () => JSON.parse(snapshotText) },
        { inputs: [null], op: () => clientSnapshot(snapshotBytes, index) },
        // Where the client's time goes.
        { inputs: [null], op: () => createHash('sha256').update(snapshotBytes).digest('hex') },
        { inputs: [null], op: () => new TextDecoder('utf-8', { fatal: true }).decode(snapshotBytes) },
        { inputs: [null], op: () => parseIndexedSnapshot(snapshotText, index) },
        // For information: the signed envelope (the bundled feed), against its own floor.
        { inputs: [null], op: () => JSON.parse(file) },
        { inputs: [null], op: () => verifyAndParse(file, publicKey) },
        // Before the compiled parser: zod's jitless interpreter over the same payload.
        { inputs: [null], op: () => feedSchema.safeParse(JSON.parse(snapshotText)) },
      ],
      // 16 rounds: each op takes tens to hundreds of ms, so a round is one sample, and on a shared
      // machine the best of 8 was still often a loaded one.
      { rounds: 16, roundMs: 50, warmup: 3 },
    );
    // For reference only: zod with its JIT, as in Node, which extensions cannot use.
    z.config({ jitless: false });
    jitOps = race<string>([{ inputs: [snapshotText], op: (text) => feedSchema.safeParse(JSON.parse(text)) }], { rounds: 4, roundMs: 50, warmup: 3 });
  } finally {
    z.config({ jitless: before });
  }
  const [floorOps = 0, clientOps = 0, hashOps = 0, decodeOps = 0, parseOnceOps = 0, envelopeFloorOps = 0, envelopeOps = 0, interpreterOps = 0] = ops;
  const [jitParseOps = 0] = jitOps;
  consume(floorOps + clientOps + hashOps + decodeOps + parseOnceOps + envelopeFloorOps + envelopeOps + interpreterOps + jitParseOps);

  const ms = (opsPerSecond: number) => `${(1000 / opsPerSecond).toFixed(0)} ms`;
  const describe = (label: string, opsPerSecond: number, floor = floorOps, floorName = 'JSON.parse(snapshot)') => ({ label, opsPerSecond, note: `${ms(opsPerSecond)} per feed, ${(floor / opsPerSecond).toFixed(2)}× ${floorName}` });
  const ratio = floorOps / clientOps;
  return {
    lines: [
      { label: 'JSON.parse(snapshot text) (floor)', opsPerSecond: floorOps, note: `${ms(floorOps)} per feed` },
      describe('snapshot as the client takes it (SHA-256, decode, parse once, schema, edition)', clientOps),
      describe('  of which: SHA-256 of the bytes', hashOps),
      describe('  of which: UTF-8 decoding', decodeOps),
      describe('  of which: JSON.parse + compiled schema + checkSnapshotMatches', parseOnceOps),
      { label: 'JSON.parse(signed envelope) (bundled feed, information)', opsPerSecond: envelopeFloorOps, note: `${ms(envelopeFloorOps)} per feed` },
      { label: 'verifyFeed on the envelope (bundled feed, information)', opsPerSecond: envelopeOps, note: `${ms(envelopeOps)} per feed, ${(envelopeFloorOps / envelopeOps).toFixed(2)}× JSON.parse(envelope), ${(floorOps / envelopeOps).toFixed(2)}× JSON.parse(snapshot)` },
      describe('JSON.parse + zod interpreter, jitless (before the compiled parser)', interpreterOps),
      describe('JSON.parse + zod with JIT (Node only, reference)', jitParseOps),
    ],
    notes: [
      `${NOTICES.toLocaleString('en-NZ')} notices: snapshot ${(snapshotBytes.byteLength / 1024 / 1024).toFixed(1)} MiB, signed envelope ${(fileBytes / 1024 / 1024).toFixed(1)} MiB (the extension accepts snapshots up to ${MAX_FEED_BYTES / 1024 / 1024} MiB); built and signed in ${setupMs.toFixed(0)} ms`,
      'SHA-256 and Ed25519 with node:crypto (synchronous, same OpenSSL as Node WebCrypto); the browsers use their own',
    ],
    goals: [{ description: 'verify + parse a 10,000-notice snapshot within 5× of JSON.parse of its text (jitless, as the client does)', met: ratio <= 5, measured: `${ratio.toFixed(2)}×` }],
  };
}

export const feedVerifyBench: Bench = {
  name: 'feed-verify',
  description: 'take a 10,000-notice snapshot as the client does (SHA-256, one parse, full schema jitless), against JSON.parse of its text',
  run,
};
