import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { BUNDLED_FEED_PATH, FEED_URL, indexUrlOf } from '../../../utils/feed/config';
import { EDITION_FORMAT_VERSION, INDEX_KIND, type EditionIndex } from '../../../utils/feed/edition';
import { entryOf, signIndex, snapshotOfSigned } from '../../../utils/feed/edition-fixtures';
import { INDEX_ENVELOPE_FORMAT, signPayload } from '../../../utils/feed/envelope';
import { canonicalJson } from '../../../utils/feed/canonical';
import type { ExtensionDriver } from './driver';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../../..');
export const FEED = new URL(FEED_URL);
const TEST_SIGNING_KEY = join(ROOT, 'test/fixtures/feed-keys/test-only-1.signing.jwk');

/**
 * A clinic's own feed mirror (docs/deploy.md, "Your own feed mirror"), served by the e2e server
 * like any host; only a build made with WXT_PORTAL_GUARD_FEED_MIRRORS may connect to it.
 */
export const CLINIC_MIRROR = new URL('https://feed.riversidemedical.co.nz/v1/feed.json');

/**
 * Publish an edition (docs/feed.md, "How the extension updates") in the folder of the feed URL `at`:
 * the signed index as `index.json` (signed here with the TEST key) and every file it names. The
 * server answers with an ETag and CORS headers.
 */
export async function publishEdition(servedDir: string, edition: { index: EditionIndex; files: ReadonlyMap<string, string>; indexText?: string }, at: URL = FEED, keyFile?: string): Promise<void> {
  const folder = join(servedDir, at.hostname, dirname(new URL(indexUrlOf(at.href)).pathname));
  mkdirSync(folder, { recursive: true });
  for (const [path, text] of edition.files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  let indexText = edition.indexText;
  if (indexText === undefined && keyFile) {
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JsonWebKey & { kid: string };
    indexText = await signPayload(canonicalJson(edition.index), jwk, jwk.kid, undefined, INDEX_ENVELOPE_FORMAT);
  }
  writeFileSync(join(folder, 'index.json'), indexText ?? (await signIndex(edition.index)));
}

/** The sequence and build time a signed feed file claims (read without checking it). */
export function claimsOf(text: string): { sequence: number; generatedAt: string } {
  return JSON.parse((JSON.parse(text) as { payload: string }).payload) as { sequence: number; generatedAt: string };
}

/**
 * Serve the signed feed `file` as a whole edition at the real feed URL (or `at`): its payload becomes
 * the snapshot, under a fresh index signed with the TEST key now (issued now, expiring in 7 days), with
 * no deltas. A production build does not trust that index; builds from `buildTestKeyExtensions` do.
 * `keyFile` (a private JWK with its `kid`) signs the index with another key, as a clinic does.
 */
export async function serveFeed(servedDir: string, file: string, at: URL = FEED, { issuedAt = new Date(), expires, keyFile }: { issuedAt?: Date; expires?: Date; keyFile?: string } = {}): Promise<EditionIndex> {
  const signed = readFileSync(file, 'utf8');
  const { sequence, generatedAt } = claimsOf(signed);
  const path = `snapshots/${sequence}.json`;
  // Edition format 1.1: the snapshot is the signed file's payload itself, as `sign` publishes it.
  const text = snapshotOfSigned(signed);
  const index = {
    kind: INDEX_KIND,
    formatVersion: EDITION_FORMAT_VERSION,
    sequence,
    generatedAt,
    issuedAt: issuedAt.toISOString(),
    expires: (expires ?? new Date(issuedAt.getTime() + 7 * 86_400_000)).toISOString(),
    snapshot: await entryOf(path, text),
    deltas: [],
  } as EditionIndex;
  await publishEdition(servedDir, { index, files: new Map([[path, text]]) }, at, keyFile);
  return index;
}

/** The feed a build ships (what the feed host serves right after a release). */
export function bundledFeedOf(extensionDir: string): string {
  return join(extensionDir, BUNDLED_FEED_PATH);
}

/**
 * Builds that also trust the committed TEST signing key (docs/feed.md, "The test key"), into
 * `.output/<browser>-mv3-e2e/`, beside the production builds the other suites load.
 */
export async function buildTestKeyExtensions(): Promise<{ chrome: string; firefox: string }> {
  const env = { ...process.env, WXT_PORTAL_GUARD_TEST_FEED_KEY: '1' };
  await run('npx', ['wxt', 'build', '--mode', 'e2e'], { cwd: ROOT, env });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e'], { cwd: ROOT, env });
  return { chrome: join(ROOT, '.output/chrome-mv3-e2e'), firefox: join(ROOT, '.output/firefox-mv3-e2e') };
}

export interface TestFeeds {
  dir: string;
  /** Newer than the bundled feed, with one extra notice (the fixture), signed with the test key. */
  good: string;
  goodSequence: number;
  /** A still newer feed whose payload was changed after signing. */
  tampered: string;
  /** Genuinely signed, with sequence 9007199254740991, which would make every later feed a "rollback" (issue 13). */
  usedUp: string;
  /** The next genuine feed (goodSequence + 1), which must still be accepted after `usedUp` is refused. */
  next: string;
}

/**
 * Signed test feeds, made with the maintainers' own CLI (`npm run feed -- build | sign | tamper`),
 * from the repository's notices plus the e2e fixture notice, in a temporary folder.
 */
export async function makeTestFeeds(): Promise<TestFeeds> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-guard-feed-'));
  const notices = copyNotices(join(dir, 'notices'));
  copyFileSync(join(import.meta.dirname, '../fixtures/feed/uk-e2etest-systmonline-2026.json'), join(notices, 'uk-e2etest-systmonline-2026.json'));

  const goodSequence = bundledSequence() + 1;
  const good = await signTestFeed(notices, goodSequence, dir, 'good');
  // Tamper with a feed that would otherwise be accepted (newer still), so the only reason to
  // refuse it is the signature.
  const next = await signTestFeed(notices, goodSequence + 1, dir, 'next');
  await runFeedCli('tamper', '--in', next, '--out', join(dir, 'tampered.json'));
  // The CLI refuses to build this sequence, so it is signed here: a leaked key or a broken build
  // could still publish it, and the extension must refuse it on its own.
  const jwk = JSON.parse(readFileSync(TEST_SIGNING_KEY, 'utf8')) as JsonWebKey & { kid: string };
  const usedUpPayload = readFileSync(join(dir, 'good.payload.json'), 'utf8').replace(`"sequence":${goodSequence}`, `"sequence":${Number.MAX_SAFE_INTEGER}`);
  writeFileSync(join(dir, 'used-up.json'), await signPayload(usedUpPayload, jwk, jwk.kid));
  return { dir, good, goodSequence, tampered: join(dir, 'tampered.json'), usedUp: join(dir, 'used-up.json'), next };
}

export const runFeedCli = (...args: string[]) => run('npm', ['run', '-s', 'feed', '--', ...args], { cwd: ROOT });

/** The sequence of the feed this checkout ships. */
export function bundledSequence(): number {
  return (JSON.parse(JSON.parse(readFileSync(join(ROOT, 'public', BUNDLED_FEED_PATH), 'utf8')).payload as string) as { sequence: number }).sequence;
}

/** Copy the repository's notice files into `dir` (created), to edit or add to before building. */
export function copyNotices(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(join(ROOT, 'feed/notices')).filter((file) => file.endsWith('.json'))) copyFileSync(join(ROOT, 'feed/notices', name), join(dir, name));
  return dir;
}

/**
 * Build and sign a feed from a folder of notices with the maintainers' own CLI
 * (`npm run feed -- build | sign`) and the test key; returns the signed file `<outDir>/<name>.json`.
 */
export async function signTestFeed(notices: string, sequence: number, outDir: string, name: string, key = TEST_SIGNING_KEY): Promise<string> {
  const payload = join(outDir, `${name}.payload.json`);
  const signed = join(outDir, `${name}.json`);
  await runFeedCli('build', '--notices', notices, '--sequence', String(sequence), '--out', payload);
  await runFeedCli('sign', '--in', payload, '--out', signed, '--key', key);
  return signed;
}

export function removeTestFeeds(feeds: TestFeeds | undefined): void {
  if (feeds) rmSync(feeds.dir, { recursive: true, force: true });
}

/** The stored edition's meta (`feedMeta`; the notices themselves are in IndexedDB). */
export interface StoredFeedRecord {
  source: string;
  sequence: number;
  generatedAt: string;
  sourceUrl?: string;
  issuedAt?: string;
  expires?: string;
  index?: string;
}

export interface FeedCheckRecord {
  lastCheckedAt?: number;
  lastError?: { at: number; reason: string; code?: string };
}

export async function storedFeed(driver: ExtensionDriver): Promise<StoredFeedRecord | undefined> {
  return driver.extension(async (api) => ((await api.storage.local.get('feedMeta')).feedMeta ?? undefined) as StoredFeedRecord | undefined, undefined);
}

/** The stored notices' ids, read from the extension's IndexedDB (FEED_DATABASE) in its own origin. */
export async function storedNoticeIds(driver: ExtensionDriver): Promise<string[]> {
  return driver.extension(
    async () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('portal-guard-feed');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('notices', 'readonly').objectStore('notices').getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result.map(String));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    undefined,
  );
}

export async function feedCheck(driver: ExtensionDriver): Promise<FeedCheckRecord> {
  return driver.extension(async (api) => ((await api.storage.local.get('feedCheck')).feedCheck ?? {}) as FeedCheckRecord, undefined);
}

/** Poll the extension's storage until `done` holds, or fail with what was there instead. */
export async function waitForFeedState(driver: ExtensionDriver, what: string, done: (feed: StoredFeedRecord | undefined, check: FeedCheckRecord) => boolean, timeoutMs = 15_000): Promise<{ feed: StoredFeedRecord | undefined; check: FeedCheckRecord }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The check first: the background writes the feed before it records the check, so reading in
    // this order never pairs a finished check with a feed read from before it was stored.
    const check = await feedCheck(driver);
    const state = { feed: await storedFeed(driver), check };
    if (done(state.feed, state.check)) return state;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}; stored feed sequence ${state.feed?.sequence} (${state.feed?.source}), check ${JSON.stringify(state.check)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Fire the background's refresh alarm now (`FEED_ALARM` in utils/background/feed-refresh.ts), as
 * the 12-hourly alarm would. Unpacked and temporary extensions may schedule alarms this soon.
 */
export async function triggerFeedRefresh(driver: ExtensionDriver): Promise<void> {
  await driver.extension(async (api) => {
    await api.alarms.create('feed-refresh', { when: Date.now() });
  }, undefined);
}
