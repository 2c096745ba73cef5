import { readFileSync } from 'node:fs';
import { verifyEnvelope, type PinnedKey } from '../../utils/feed/envelope';
import { pinnedKeys, TEST_KEY } from '../../utils/feed/keys';
import { parseFeedPayload } from '../../utils/feed/parse';
import { PUBLISHED_FILE, display } from './paths';

/**
 * `npm run feed -- verify [FILE]`: the checks the extension makes before it stores a feed, apart
 * from the ones that compare with the installed copy (sequence, clock). By default only the pinned
 * production keys are trusted; `--test-key` adds the test key, `--public-key FILE` a pinned-key JSON.
 */
export async function runVerify({ file = PUBLISHED_FILE, testKey = false, extraKeys = [], log = console.log }: { file?: string; testKey?: boolean; extraKeys?: readonly PinnedKey[]; log?: (line: string) => void } = {}): Promise<number> {
  const verified = await verifyEnvelope(readFileSync(file, 'utf8'), [...pinnedKeys(testKey ? [TEST_KEY] : []), ...extraKeys]);
  if (!verified.ok) {
    log(`${display(file)}: refused (${verified.code}): ${verified.reason}`);
    return 1;
  }
  const parsed = parseFeedPayload(verified.envelope.payload);
  if (!parsed.ok) {
    log(`${display(file)}: refused (${parsed.code}): ${parsed.reason}`);
    return 1;
  }
  const { feed } = parsed;
  log(`${display(file)}: good signature by ${verified.envelope.keyId}; format ${feed.formatVersion}, sequence ${feed.sequence}, generated ${feed.generatedAt}, ${feed.notices.length} notices`);
  return 0;
}

export function readPinnedKeyFile(file: string): PinnedKey {
  const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<PinnedKey>;
  if (typeof value.keyId !== 'string' || value.alg !== 'Ed25519' || typeof value.publicKey !== 'string') throw new Error(`${file} is not a pinned key ({"keyId","alg":"Ed25519","publicKey"})`);
  return { keyId: value.keyId, alg: value.alg, publicKey: value.publicKey };
}
