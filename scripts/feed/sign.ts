import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { readEnvelope, signPayload, verifyEnvelope } from '../../utils/feed/envelope';
import { PRODUCTION_KEYS } from '../../utils/feed/keys';
import { parseFeedPayload } from '../../utils/feed/parse';
import { BUILT_PAYLOAD_FILE, PUBLISHED_FILE, display } from './paths';
import { loadSigningKey, publicKeyOf } from './keys';
import { readSignedFeed } from './published';
import { folders, keepAndPublish, validityDays } from './publish';

export interface SignOptions {
  input?: string;
  out?: string;
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
  /** The kept editions and the folder to upload; by default the repository's, or beside a non-default `out`. */
  editionsDir?: string;
  publishDir?: string;
  /** `--expires-in DAYS`: how long the signed index is good for. */
  expiresIn?: string | number;
  now?: Date;
  log?: (line: string) => void;
}

/**
 * `npm run feed -- sign`: wrap the built payload in a signed envelope, keep it as an edition, and
 * write the folder to upload (index, snapshot, deltas: publish.ts). It refuses a payload whose
 * sequence is not above the file it would replace or whose `generatedAt` is earlier, and verifies
 * its own output before writing.
 */
export async function runSign({ input = BUILT_PAYLOAD_FILE, out = PUBLISHED_FILE, keyFile, env = process.env, editionsDir, publishDir, expiresIn, now = new Date(), log = console.log }: SignOptions = {}): Promise<number> {
  const payload = readFileSync(input, 'utf8');
  const parsed = parseFeedPayload(payload);
  if (!parsed.ok) throw new Error(`${display(input)}: ${parsed.reason}`);
  const days = validityDays(expiresIn);
  const replaced = readSignedFeed(out);
  if (replaced && parsed.feed.sequence <= replaced.feed.sequence) {
    throw new Error(`${display(input)} has sequence ${parsed.feed.sequence}, not above ${replaced.feed.sequence} in ${display(out)}; run build again`);
  }
  if (replaced && Date.parse(parsed.feed.generatedAt) < Date.parse(replaced.feed.generatedAt)) {
    throw new Error(`${display(input)} was generated at ${parsed.feed.generatedAt}, before ${display(out)} (${replaced.feed.generatedAt}): generatedAt never goes backwards; check the clock and run build again`);
  }
  const replacedText = replaced ? readFileSync(out, 'utf8') : undefined;
  const key = loadSigningKey(keyFile, env);
  const text = await signPayload(payload, key.jwk, key.keyId);
  const check = await verifyEnvelope(text, [publicKeyOf(key)]);
  if (!check.ok || readEnvelope(text).ok !== true) throw new Error(`the signed feed does not verify: ${check.ok ? 'unreadable' : check.reason}`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  log(`signed ${display(out)} with key ${key.keyId} (from ${key.origin}): sequence ${parsed.feed.sequence}, ${parsed.feed.notices.length} notices`);
  const pinned = PRODUCTION_KEYS.find((candidate) => candidate.keyId === key.keyId);
  if (!pinned) log(`note: key ${key.keyId} is not a pinned production key; only a build with the test key flag (or with this key pinned) accepts this feed`);
  else if (pinned.publicKey !== key.jwk.x) throw new Error(`key ${key.keyId} does not match the public key pinned under that id in utils/feed/keys.ts`);
  const dirs = folders(out, editionsDir, publishDir);
  if (dirs) await keepAndPublish({ signedText: text, ...(replaced && replacedText !== undefined ? { replaced: { text: replacedText, feed: replaced.feed } } : {}), published: out, ...dirs, key, now, validityDays: days, log });
  return 0;
}
