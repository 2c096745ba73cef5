import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { canonicalJson } from '../../utils/feed/canonical';
import {
  applyDelta,
  checkEditionFile,
  DELTA_KIND,
  diffEditions,
  EDITION_FORMAT_VERSION,
  INDEX_KIND,
  indexSchema,
  parseDelta,
  sha256Hex,
  verifyIndex,
  type EditionFile,
  type EditionIndex,
} from '../../utils/feed/edition';
import { INDEX_ENVELOPE_FORMAT, readEnvelope, signPayload, type PinnedKey } from '../../utils/feed/envelope';
import { PRODUCTION_KEYS } from '../../utils/feed/keys';
import { describeIssues } from '../../utils/feed/parse';
import type { Feed } from '../../utils/feed/schema';
import { parseIndexedSnapshot, verifyFeed } from '../../utils/feed/verify';
import { EDITIONS_DIR, PUBLISH_DIR, PUBLISHED_FILE, display } from './paths';
import { loadSigningKey, publicKeyOf, type SigningKey } from './keys';
import { readSignedFeed } from './published';

/**
 * The published edition as a folder of static files (issue 13; the format is utils/feed/edition.ts):
 *
 *   feed/dist/publish/index.json              signed: sequence, expiry, size and SHA-256 of each file
 *   feed/dist/publish/snapshots/<seq>.json    the feed's payload JSON itself, byte for byte the payload
 *                                             signed in public/feed/feed.json (edition format 1.1)
 *   feed/dist/publish/deltas/<from>-<seq>.json one per recent edition, each straight to the latest
 *
 * Deltas need the editions they start from, so the signed snapshot of every recently published
 * edition is kept in the repository, `feed/editions/<seq>.json` (the last DELTA_EDITIONS of them
 * besides the latest; git history keeps the rest). `sign` adds the new edition there and rebuilds
 * the folder; `reissue` re-signs only the index, with a new `issuedAt` and `expires`, when nothing
 * changed, so clients do not see a feed that is merely quiet as stale. Both check their own output
 * the way a client would before anything is uploaded (`checkPublishFolder`).
 *
 * The snapshot carries no signature of its own (issue 13: a client parses it once, trusted through
 * the SHA-256 the signed index gives), so the index's signature vouches for its content: the latest
 * edition's envelope is verified before its payload goes under the index (`publishEditionSet`).
 */

/** How many older editions get a delta to the latest: a client further behind fetches the snapshot. */
export const DELTA_EDITIONS = 30;
/** How long a signed index is good for by default (`--expires-in DAYS`), and the most allowed. */
export const DEFAULT_VALIDITY_DAYS = 14;
export const MAX_VALIDITY_DAYS = 90;

const DAY_MS = 86_400_000;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A published edition: its signed envelope's exact text (as kept in feed/editions/) and the feed it holds. */
export interface Edition {
  text: string;
  feed: Feed;
}

/** The files of one published edition, by path inside the folder, and the index they are named in. */
export interface EditionSet {
  files: Map<string, string>;
  index: EditionIndex;
}

/** A delta file's exact text: canonical JSON, so the same two editions always give the same bytes. */
export function deltaText(older: Feed, latest: Feed): string {
  return canonicalJson({ kind: DELTA_KIND, formatVersion: EDITION_FORMAT_VERSION, ...diffEditions(older, latest, canonicalJson) });
}

/**
 * A snapshot file's exact text: the payload the edition's envelope signs, byte for byte (canonical
 * JSON, as `build` wrote it), so anyone can check it against public/feed/feed.json's signature.
 */
export function snapshotText(signedText: string): string {
  const read = readEnvelope(signedText);
  if (!read.ok) throw new Error(`the latest edition is not a signed feed: ${read.reason}`);
  return read.envelope.payload;
}

/** `--expires-in DAYS`: a whole number of days from 1 to MAX_VALIDITY_DAYS. */
export function validityDays(value: string | number | undefined): number {
  if (value === undefined) return DEFAULT_VALIDITY_DAYS;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > MAX_VALIDITY_DAYS) {
    throw new Error(`--expires-in ${String(value)} must be a whole number of days from 1 to ${MAX_VALIDITY_DAYS}: a longer validity would hide a stuck feed host from patients`);
  }
  return days;
}

/**
 * The editions in order, checked: sequences distinct and `generatedAt` never going backwards from
 * one edition to the next (issue 13: a client refuses an edition built before the one it has).
 */
export function orderEditions(editions: readonly Edition[]): Edition[] {
  const ordered = [...editions].sort((a, b) => a.feed.sequence - b.feed.sequence);
  ordered.forEach((edition, i) => {
    const previous = ordered[i - 1];
    if (!previous) return;
    if (previous.feed.sequence === edition.feed.sequence) throw new Error(`two editions have sequence ${edition.feed.sequence}`);
    if (Date.parse(edition.feed.generatedAt) < Date.parse(previous.feed.generatedAt)) {
      throw new Error(`edition ${edition.feed.sequence} was generated at ${edition.feed.generatedAt}, before edition ${previous.feed.sequence} (${previous.feed.generatedAt}): generatedAt never goes backwards`);
    }
  });
  return ordered;
}

export interface MakeEditionSetOptions {
  latest: Edition;
  /** Earlier published editions; only the DELTA_EDITIONS most recent get a delta. */
  older: readonly Edition[];
  key: SigningKey;
  issuedAt: Date;
  validityDays?: number;
  subtle?: SubtleCrypto;
}

/** Every file of the edition, the signed index last. Pure apart from the signature. */
export async function makeEditionSet({ latest, older, key, issuedAt, validityDays: days = DEFAULT_VALIDITY_DAYS, subtle }: MakeEditionSetOptions): Promise<EditionSet> {
  const all = orderEditions([...older.filter((edition) => edition.feed.sequence !== latest.feed.sequence), latest]);
  if (all.at(-1) !== latest) throw new Error(`edition ${all.at(-1)?.feed.sequence} is newer than the latest, ${latest.feed.sequence}: publish from the newest signed feed`);
  const bases = all.slice(0, -1).slice(-DELTA_EDITIONS).reverse();
  const files = new Map<string, string>();
  const entry = async (path: string, text: string): Promise<EditionFile> => {
    files.set(path, text);
    const bytes = utf8(text);
    return { path, bytes: bytes.byteLength, sha256: await sha256Hex(bytes, subtle) };
  };
  const { sequence, generatedAt } = latest.feed;
  const snapshot = await entry(`snapshots/${sequence}.json`, snapshotText(latest.text));
  const deltas = [];
  for (const base of bases) deltas.push({ from: base.feed.sequence, ...(await entry(`deltas/${base.feed.sequence}-${sequence}.json`, deltaText(base.feed, latest.feed))) });
  const index = {
    kind: INDEX_KIND,
    formatVersion: EDITION_FORMAT_VERSION,
    sequence,
    generatedAt,
    issuedAt: issuedAt.toISOString(),
    expires: new Date(issuedAt.getTime() + days * DAY_MS).toISOString(),
    snapshot,
    deltas,
  } satisfies EditionIndex;
  const parsed = indexSchema.safeParse(index);
  if (!parsed.success) throw new Error(`the index would not be read by the extension: ${describeIssues(parsed.error.issues)}`);
  if (Date.parse(index.issuedAt) < Date.parse(generatedAt)) throw new Error(`the index would be issued at ${index.issuedAt}, before its edition was generated (${generatedAt}): check the clock`);
  files.set('index.json', await signPayload(canonicalJson(index), key.jwk, key.keyId, subtle, INDEX_ENVELOPE_FORMAT));
  return { files, index };
}

/**
 * Check a folder as a client would, before it is uploaded: the index's signature and shape, every
 * file's length and SHA-256, the snapshot's schema (parsed once, as the client does) and edition, and
 * that each delta, applied to
 * the edition it starts from, rebuilds the snapshot's notices and catalogue exactly.
 * Returns the problems (none when the folder is good) and a line per file.
 */
export async function checkEditionSet(read: (path: string) => Uint8Array<ArrayBuffer> | undefined, keys: readonly PinnedKey[], editions: ReadonlyMap<number, Feed>): Promise<{ problems: string[]; lines: string[]; index?: EditionIndex }> {
  const problems: string[] = [];
  const lines: string[] = [];
  const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const indexBytes = read('index.json');
  if (!indexBytes) return { problems: ['index.json is missing'], lines };
  const verified = await verifyIndex(text(indexBytes), keys);
  if (!verified.ok) return { problems: [`index.json: ${verified.reason}`], lines };
  const index = verified.value;
  const file = async (entry: EditionFile): Promise<string | undefined> => {
    const bytes = read(entry.path);
    if (!bytes) {
      problems.push(`${entry.path} is named by the index but missing`);
      return undefined;
    }
    const checked = await checkEditionFile(bytes, entry);
    if (!checked.ok) {
      problems.push(checked.reason);
      return undefined;
    }
    return text(bytes);
  };
  const snapshotFile = await file(index.snapshot);
  if (snapshotFile === undefined) return { problems, lines, index };
  const snapshot = parseIndexedSnapshot(snapshotFile, index);
  if (!snapshot.ok) return { problems: [...problems, snapshot.code === 'mixed-edition' ? snapshot.reason : `${index.snapshot.path}: ${snapshot.reason}`], lines, index };
  lines.push(`${index.snapshot.path}: ${index.snapshot.bytes} bytes, edition ${index.sequence}, ${snapshot.feed.notices.length} notices`);
  const byId = (notices: Iterable<Feed['notices'][number]>) => canonicalJson([...notices].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  const want = { notices: byId(snapshot.feed.notices), catalogue: canonicalJson(snapshot.feed.catalogue ?? null) };
  for (const entry of index.deltas) {
    const deltaText = await file(entry);
    if (deltaText === undefined) continue;
    const delta = parseDelta(deltaText, entry.from, index);
    if (!delta.ok) {
      problems.push(`${entry.path}: ${delta.reason}`);
      continue;
    }
    const base = editions.get(entry.from);
    if (!base) {
      problems.push(`${entry.path}: edition ${entry.from} is not in the editions folder, so the delta cannot be checked`);
      continue;
    }
    if (Date.parse(base.generatedAt) > Date.parse(index.generatedAt)) problems.push(`${entry.path}: edition ${entry.from} was generated after edition ${index.sequence}: generatedAt never goes backwards`);
    const rebuilt = applyDelta(new Map(base.notices.map((notice) => [notice.id, notice])), delta.value);
    const catalogue = delta.value.catalogue === undefined ? (base.catalogue ?? null) : delta.value.catalogue;
    if (byId(rebuilt.values()) !== want.notices || canonicalJson(catalogue) !== want.catalogue) {
      problems.push(`${entry.path}: applied to edition ${entry.from}, it does not rebuild edition ${index.sequence}`);
      continue;
    }
    lines.push(`${entry.path}: ${entry.bytes} bytes, ${delta.value.put.length} put, ${delta.value.remove.length} removed${delta.value.catalogue === undefined ? '' : ', catalogue changed'}`);
  }
  return { problems, lines, index };
}

/** The signed snapshots in an editions folder, `<seq>.json` each, by sequence. */
export function readEditions(dir: string): Edition[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const path = join(dir, name);
      const read = readSignedFeed(path);
      if (!read) throw new Error(`${display(path)} cannot be read`);
      if (name !== `${read.feed.sequence}.json`) throw new Error(`${display(path)} holds edition ${read.feed.sequence}; name it ${read.feed.sequence}.json`);
      return { text: readFileSync(path, 'utf8'), feed: read.feed };
    })
    .sort((a, b) => a.feed.sequence - b.feed.sequence);
}

/**
 * Where a signed feed's editions and publish folder go: the repository's own for the published
 * feed; for another `--out` (a test feed, say) only when `--publish DIR` is given, with the editions
 * beside `--out` unless `--editions DIR` says otherwise. Undefined: sign only, as before editions.
 */
export function folders(out: string, editionsDir?: string, publishDir?: string): { editionsDir: string; publishDir: string } | undefined {
  if (out === PUBLISHED_FILE) return { editionsDir: editionsDir ?? EDITIONS_DIR, publishDir: publishDir ?? PUBLISH_DIR };
  if (publishDir === undefined) return undefined;
  return { editionsDir: editionsDir ?? join(dirname(out), 'editions'), publishDir };
}

/**
 * Write the set into `dir`: snapshots and deltas first, the index last (upload in the same order),
 * and remove files of earlier sets that the new index no longer names. Nothing else is touched.
 */
export function writeEditionSet(set: EditionSet, dir: string): void {
  for (const sub of ['snapshots', 'deltas']) {
    const folder = join(dir, sub);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder)) if (name.endsWith('.json') && !set.files.has(`${sub}/${name}`)) rmSync(join(folder, name));
  }
  const ordered = [...set.files].sort(([a], [b]) => Number(a === 'index.json') - Number(b === 'index.json'));
  for (const [path, text] of ordered) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Read a folder written by `writeEditionSet`. */
const folderReader = (dir: string) => (path: string) => {
  const full = join(dir, path);
  return existsSync(full) ? new Uint8Array(readFileSync(full)) : undefined;
};

/** The keys a maintainer's own output is checked with: the pinned ones and the signing key's public half. */
const checkKeys = (key: SigningKey) => [...PRODUCTION_KEYS.filter((pinned) => pinned.keyId !== key.keyId), publicKeyOf(key)];

export interface PublishOptions {
  /** The newest signed feed (public/feed/feed.json, or `--out` of sign / `--against` of reissue). */
  published: string;
  editionsDir: string;
  publishDir: string;
  key: SigningKey;
  now: Date;
  validityDays?: number;
  log: (line: string) => void;
}

/**
 * Rebuild the publish folder from the newest signed feed and the kept editions, check it, and say
 * what a client downloads. Shared by `sign` (after a new edition) and `reissue` (index only).
 */
export async function publishEditionSet({ published, editionsDir, publishDir, key, now, validityDays: days, log }: PublishOptions): Promise<EditionSet> {
  const latestRead = readSignedFeed(published);
  if (!latestRead) throw new Error(`${display(published)} does not exist: sign an edition first`);
  const latest: Edition = { text: readFileSync(published, 'utf8'), feed: latestRead.feed };
  const keys = checkKeys(key);
  // The index's signature is all that vouches for the snapshot now, so its payload must be signed.
  const latestVerified = await verifyFeed(latest.text, keys);
  if (!latestVerified.ok) throw new Error(`${display(published)}: ${latestVerified.reason}`);
  const older = readEditions(editionsDir).filter((edition) => edition.feed.sequence < latest.feed.sequence);
  // A base edition is trusted only with a good signature: a changed file in feed/editions/ would
  // otherwise give every client on that edition a delta that rebuilds something else.
  for (const edition of older) {
    const verified = await verifyFeed(edition.text, keys);
    if (!verified.ok) throw new Error(`${display(join(editionsDir, `${edition.feed.sequence}.json`))}: ${verified.reason}`);
  }
  const set = await makeEditionSet({ latest, older, key, issuedAt: now, ...(days === undefined ? {} : { validityDays: days }) });
  writeEditionSet(set, publishDir);
  const check = await checkEditionSet(folderReader(publishDir), keys, new Map(older.map((edition) => [edition.feed.sequence, edition.feed])));
  if (check.problems.length > 0) throw new Error(`the folder ${display(publishDir)} does not check out:\n  ${check.problems.join('\n  ')}`);
  const indexBytes = utf8(set.files.get('index.json') ?? '').byteLength;
  log(`wrote ${display(publishDir)}: index.json (${indexBytes} bytes, edition ${set.index.sequence}, issued ${set.index.issuedAt}, expires ${set.index.expires}), the snapshot and ${set.index.deltas.length} delta${set.index.deltas.length === 1 ? '' : 's'}; checked as a client would`);
  for (const line of check.lines) log(`  ${line}`);
  return set;
}

/**
 * After `sign`: keep the new edition in the editions folder (and the one it replaced, if an older
 * repository never kept it), drop editions too old to get a delta, then rebuild the folder.
 */
export async function keepAndPublish({ signedText, replaced, ...options }: PublishOptions & { signedText: string; replaced?: { text: string; feed: Feed } }): Promise<void> {
  const { editionsDir, log } = options;
  mkdirSync(editionsDir, { recursive: true });
  if (replaced && !existsSync(join(editionsDir, `${replaced.feed.sequence}.json`))) writeFileSync(join(editionsDir, `${replaced.feed.sequence}.json`), replaced.text);
  const latest = readSignedFeed(options.published);
  if (!latest) throw new Error(`${display(options.published)} was not written`);
  writeFileSync(join(editionsDir, `${latest.feed.sequence}.json`), signedText);
  const kept = readEditions(editionsDir);
  for (const edition of kept.slice(0, Math.max(0, kept.length - DELTA_EDITIONS - 1))) {
    rmSync(join(editionsDir, `${edition.feed.sequence}.json`));
    log(`removed ${display(join(editionsDir, `${edition.feed.sequence}.json`))}: more than ${DELTA_EDITIONS} editions old, it gets no delta (git history keeps it)`);
  }
  await publishEditionSet(options);
}

export interface ReissueOptions {
  published?: string;
  editionsDir?: string;
  publishDir?: string;
  keyFile?: string;
  env?: NodeJS.ProcessEnv;
  expiresIn?: string | number;
  now?: Date;
  log?: (line: string) => void;
}

/**
 * `npm run feed -- reissue`: the same edition, a freshly signed index. Refuses when the folder's
 * current index is for a newer edition or was issued later than now (a wrong clock), and says
 * whether the snapshot and deltas stayed byte for byte the same (they should: only the index changes).
 */
export async function runReissue({ published = PUBLISHED_FILE, editionsDir, publishDir, keyFile, env = process.env, expiresIn, now = new Date(), log = console.log }: ReissueOptions = {}): Promise<number> {
  const dirs = folders(published, editionsDir, publishDir);
  if (!dirs) throw new Error('reissue with --against needs --publish DIR, the folder whose index to re-sign');
  const days = validityDays(expiresIn);
  const key = loadSigningKey(keyFile, env);
  const previousPath = join(dirs.publishDir, 'index.json');
  const before = new Map<string, string>();
  if (existsSync(previousPath)) {
    const previous = await verifyIndex(readFileSync(previousPath, 'utf8'), checkKeys(key));
    if (previous.ok) {
      const latest = readSignedFeed(published);
      if (latest && previous.value.sequence > latest.feed.sequence) throw new Error(`${display(previousPath)} is for edition ${previous.value.sequence}, newer than ${display(published)} (${latest.feed.sequence}): bring the repository up to date first`);
      if (Date.parse(previous.value.issuedAt) > now.getTime()) throw new Error(`${display(previousPath)} was issued at ${previous.value.issuedAt}, after now (${now.toISOString()}): check the clock`);
      for (const entry of [previous.value.snapshot, ...previous.value.deltas]) {
        const path = join(dirs.publishDir, entry.path);
        if (existsSync(path)) before.set(entry.path, readFileSync(path, 'utf8'));
      }
    }
  }
  const set = await publishEditionSet({ published, ...dirs, key, now, validityDays: days, log });
  const changed = [...before].filter(([path, text]) => set.files.has(path) && set.files.get(path) !== text).map(([path]) => path);
  if (changed.length > 0) log(`note: ${changed.join(', ')} changed although the edition did not; upload them too`);
  else if (before.size > 0) log('only index.json changed: upload it (the snapshot and deltas are unchanged)');
  return 0;
}

/** `npm run feed -- check-publish [DIR]`: check a folder (say, before uploading) as `sign` does. */
export async function runCheckPublish({ dir = PUBLISH_DIR, editionsDir = EDITIONS_DIR, keys, log = console.log }: { dir?: string; editionsDir?: string; keys: readonly PinnedKey[]; log?: (line: string) => void }): Promise<number> {
  const editions = new Map(readEditions(editionsDir).map((edition) => [edition.feed.sequence, edition.feed]));
  const check = await checkEditionSet(folderReader(dir), keys, editions);
  for (const line of check.lines) log(`  ${line}`);
  for (const problem of check.problems) log(`problem: ${problem}`);
  if (check.problems.length > 0) return 1;
  log(`${display(dir)}: good: edition ${check.index?.sequence}, expires ${check.index?.expires}, ${check.index?.deltas.length} deltas`);
  return 0;
}
