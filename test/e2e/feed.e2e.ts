import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { ExtensionDriver } from './support/driver';
import { waitForBadge, waitForSession } from './support/extension-state';
import { FEED, buildTestKeyExtensions, bundledFeedOf, bundledSequence, copyNotices, publishEdition, serveFeed, signTestFeed, storedFeed, storedNoticeIds, triggerFeedRefresh, waitForFeedState } from './support/feed';
import { EDITION_FORMAT_VERSION, INDEX_KIND, type EditionIndex } from '../../utils/feed/edition';
import { deltaText, entryOf, snapshotOfSigned } from '../../utils/feed/edition-fixtures';
import { parseFeedPayload } from '../../utils/feed/parse';
import type { Feed } from '../../utils/feed/schema';
import { launchFirefox } from './support/firefox';
import { openPopup } from './support/popup';
import { requestsSince, type LoggedRequest } from './support/server';
import { siteUrl } from './support/sites';

/**
 * The signed breach-notice feed, end to end (issues 3 and 13): published as an edition (a signed
 * index, a snapshot, deltas) at the real feed URL, served by the local HTTPS server. A client on
 * edition N fetches the index and one delta and shows the new notice; a delta from another
 * edition, a tampered delta and a mixed set are refused and the last good feed stays; an expired
 * index shows the stale warning in the popup and on the options page; only the index and the files
 * it names are ever fetched; and a shipped build never trusts the test key.
 */

const E2E_NOTICE_TITLE = 'E2E TEST NOTICE: SystmOnline (not a real incident)';
const systmonline = siteUrl('systmonline', '/2/');

let testKeyBuilds: { chrome: string; firefox: string };

beforeAll(async () => {
  testKeyBuilds = await buildTestKeyExtensions();
}, 120_000);

afterAll(async () => {
  // Leave the feed host as global-setup left it, serving what the production build ships.
  await serveFeed(e2eContext().servedDir, bundledFeedOf(e2eContext().chromeExtensionDir));
  if (editions) rmSync(editions.dir, { recursive: true, force: true });
});

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: (dir: string) => launchChromium(e2eContext(), { extensionDir: dir }), dir: () => testKeyBuilds.chrome },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), launch: (dir: string) => launchFirefox(e2eContext(), { extensionDir: dir }), dir: () => testKeyBuilds.firefox },
] as const;

function feedRequests(since: number): LoggedRequest[] {
  return requestsSince(e2eContext().requestLog, since).filter((request) => request.host === FEED.hostname);
}

/** A signed feed file built by the CLI, parsed (the contract's functions take a Feed). */
function feedOfFile(file: string): Feed {
  const parsed = parseFeedPayload((JSON.parse(readFileSync(file, 'utf8')) as { payload: string }).payload);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

/**
 * Edition N (the repository's notices) is installed first; N+1 adds the e2e fixture notice, with a
 * delta from N; N+2 changes that notice again, for the refusals. Built with the maintainers' CLI
 * (build, sign) and the contract's own functions (diffEditions through deltaText, sha256).
 */
interface Editions {
  dir: string;
  n: number;
  files: { n: string; n1: string; n2: string };
}

let editions: Editions | undefined;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-guard-editions-'));
  const plain = copyNotices(join(dir, 'plain'));
  const withFixture = copyNotices(join(dir, 'with-fixture'));
  copyFileSync(join(import.meta.dirname, 'fixtures/feed/uk-e2etest-systmonline-2026.json'), join(withFixture, 'uk-e2etest-systmonline-2026.json'));
  const changed = copyNotices(join(dir, 'changed'));
  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/feed/uk-e2etest-systmonline-2026.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(changed, 'uk-e2etest-systmonline-2026.json'), JSON.stringify({ ...fixture, modified: '2026-02-02' }, null, 2));
  const n = bundledSequence() + 10;
  const [fileN, fileN1, fileN2] = [await signTestFeed(plain, n, dir, 'n'), await signTestFeed(withFixture, n + 1, dir, 'n1'), await signTestFeed(changed, n + 2, dir, 'n2')];
  editions = { dir, n, files: { n: fileN, n1: fileN1, n2: fileN2 } };
}, 120_000);

/** An edition of `file` with a delta from each of `from`, issued at `issuedAt`; `change` makes a hostile set. */
async function editionOf(file: string, from: string[], issuedAt: Date, { expires, change }: { expires?: Date; change?: (files: Map<string, string>, index: EditionIndex) => Promise<EditionIndex> } = {}) {
  // Edition format 1.1: the snapshot is the signed file's payload, as `sign` publishes it.
  const text = snapshotOfSigned(readFileSync(file, 'utf8'));
  const feed = feedOfFile(file);
  const files = new Map<string, string>([[`snapshots/${feed.sequence}.json`, text]]);
  const deltas: EditionIndex['deltas'] = [];
  for (const older of from.map(feedOfFile)) {
    const path = `deltas/${older.sequence}-${feed.sequence}.json`;
    files.set(path, deltaText(older, feed));
    deltas.push({ from: older.sequence, ...(await entryOf(path, files.get(path)!)) });
  }
  let index: EditionIndex = {
    kind: INDEX_KIND,
    formatVersion: EDITION_FORMAT_VERSION,
    sequence: feed.sequence,
    generatedAt: feed.generatedAt,
    issuedAt: issuedAt.toISOString(),
    expires: (expires ?? new Date(issuedAt.getTime() + 7 * 86_400_000)).toISOString(),
    snapshot: await entryOf(`snapshots/${feed.sequence}.json`, text),
    deltas,
  };
  if (change) index = await change(files, index);
  return { index, files };
}

for (const { name, available, launch, dir } of browsers) describe.skipIf(!available())(`feed editions in ${name} (build that trusts the test key)`, () => {
  let driver: ExtensionDriver;
  let startedAt = 0;
  /** Every path any published index named (besides index.json): the only files the client may fetch. */
  const named = new Set<string>(['/v1/index.json']);
  const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-feed-${label}.png`);
  const publish = async (edition: { index: EditionIndex; files: Map<string, string> }) => {
    named.add(`/v1/${edition.index.snapshot.path}`);
    for (const delta of edition.index.deltas) named.add(`/v1/${delta.path}`);
    await publishEdition(e2eContext().servedDir, edition);
  };
  // Issued times go forward from launch (a replay is refused), all in the past by the check.
  const base = Date.now() - 10 * 60_000;
  const issued = (minutes: number) => new Date(base + minutes * 60_000);

  /** Publish, trigger a check, and wait until it is recorded. */
  async function check(edition: { index: EditionIndex; files: Map<string, string> }) {
    await publish(edition);
    const triggeredAt = Date.now();
    await triggerFeedRefresh(driver);
    const state = await waitForFeedState(driver, 'the check to finish', (_feed, state) => (state.lastCheckedAt ?? 0) >= triggeredAt);
    return { ...state, requests: feedRequests(triggeredAt).map((request) => `${request.method} ${request.url}`) };
  }

  beforeAll(async () => {
    const first = await editionOf(editions!.files.n, [], issued(0));
    await publish(first);
    startedAt = Date.now();
    driver = await launch(dir());
    await waitForFeedState(driver, `edition ${editions!.n} from ${FEED.href}`, (feed) => feed?.sequence === editions!.n && feed.source === 'remote');
  }, 60_000);
  afterAll(async () => {
    await driver?.close();
  });

  test('on edition N, a check fetches the index and the one delta from N, and the new notice shows in the popup', async () => {
    const { feed, check: state, requests } = await check(await editionOf(editions!.files.n1, [editions!.files.n], issued(1)));
    expect(feed?.sequence).toBe(editions!.n + 1);
    expect(state.lastError).toBeUndefined();
    expect(requests).toEqual(['GET /v1/index.json', `GET /v1/deltas/${editions!.n}-${editions!.n + 1}.json`]);
    expect(await storedNoticeIds(driver)).toContain('uk-e2etest-systmonline-2026');

    const { tabId, page } = await driver.openTab(systmonline);
    try {
      await waitForSession(driver, tabId, { state: 'login', url: systmonline });
      expect((await waitForBadge(driver, tabId, '!1')).text).toBe('!1');
      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('popup-delta-applied'));
        expect(popup.view.noticeTitles).toEqual([E2E_NOTICE_TITLE]);
        expect(popup.view.feedStatus).toContain(`edition ${editions!.n + 1}`);
        expect(popup.view.feedStatus).not.toMatch(/fail|refused|out of date/i);
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test.each([
    {
      label: 'a delta from another edition',
      code: 'mixed-edition',
      make: () =>
        editionOf(editions!.files.n2, [editions!.files.n], issued(2), {
          // The index says "from N+1" but names the bytes of the delta from N (its hash, so only the contract's join check can tell).
          change: async (files, index) => {
            const wrong = files.get(`deltas/${editions!.n}-${editions!.n + 2}.json`)!;
            const path = `deltas/${editions!.n + 1}-${editions!.n + 2}.json`;
            files.set(path, wrong);
            return { ...index, deltas: [{ from: editions!.n + 1, ...(await entryOf(path, wrong)) }] };
          },
        }),
      fetched: () => [`GET /v1/deltas/${editions!.n + 1}-${editions!.n + 2}.json`],
    },
    {
      label: 'a tampered delta',
      code: 'hash-mismatch',
      make: () =>
        editionOf(editions!.files.n2, [editions!.files.n1], issued(3), {
          change: async (files, index) => {
            const path = `deltas/${editions!.n + 1}-${editions!.n + 2}.json`;
            files.set(path, files.get(path)!.replace('2026-02-02', '2026-02-03'));
            return index;
          },
        }),
      fetched: () => [`GET /v1/deltas/${editions!.n + 1}-${editions!.n + 2}.json`],
    },
    {
      label: 'a mixed set (the snapshot of another edition)',
      code: 'mixed-edition',
      make: () =>
        editionOf(editions!.files.n2, [], issued(4), {
          change: async (files, index) => {
            const other = snapshotOfSigned(readFileSync(editions!.files.n, 'utf8'));
            files.set(index.snapshot.path, other);
            return { ...index, snapshot: await entryOf(index.snapshot.path, other) };
          },
        }),
      fetched: () => [`GET /v1/snapshots/${editions!.n + 2}.json`],
    },
  ])('$label is refused ($code), and the last good feed stays', async ({ label, code, make, fetched }) => {
    const before = await storedFeed(driver);
    const notices = await storedNoticeIds(driver);
    const { feed, check: state, requests } = await check(await make());
    expect(state.lastError?.code).toBe(code);
    expect(requests).toEqual(['GET /v1/index.json', ...fetched()]);
    expect(feed).toEqual(before);
    expect(await storedNoticeIds(driver)).toEqual(notices);

    const { tabId, page } = await driver.openTab(systmonline);
    try {
      await waitForSession(driver, tabId, { state: 'login', url: systmonline });
      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot(`popup-refused-${label.replace(/[^a-z]+/g, '-')}`));
        expect(popup.view.noticeTitles).toEqual([E2E_NOTICE_TITLE]);
        const error = await popup.page.evaluate(() => document.querySelector('[data-testid="feed-error"]')?.textContent ?? null, undefined);
        expect(error).toMatch(/^The last update check failed: the feed server sent files from different editions|^The last update check failed: a file from the feed server does not match the signed list of files/);
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test('an expired index for the installed edition: the popup and the options page say notices may be out of date', async () => {
    const before = await storedFeed(driver);
    // Issued after every index before it (not a replay), expired a few minutes ago.
    const { feed, check: state, requests } = await check(await editionOf(editions!.files.n1, [], issued(5), { expires: issued(6) }));
    expect(requests).toEqual(['GET /v1/index.json']);
    expect(state.lastError).toBeUndefined();
    expect(feed).toMatchObject({ sequence: before?.sequence, expires: issued(6).toISOString() });

    const { tabId, page } = await driver.openTab(systmonline);
    try {
      await waitForSession(driver, tabId, { state: 'login', url: systmonline });
      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('popup-stale'));
        expect(popup.view.noticeTitles).toEqual([E2E_NOTICE_TITLE]);
        const stale = await popup.page.evaluate(() => document.querySelector('[data-testid="feed-stale"]')?.textContent ?? null, undefined);
        expect(stale).toMatch(/^Breach notices may be out of date since /);
        // The date is in the browser's own locale ("Dec 4, 2026" or "4 Dec 2026").
        expect(stale).toContain(String(issued(6).getUTCFullYear()));
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
    const options = await driver.openExtensionPage('options.html', '[data-testid="feed-stale"]');
    try {
      await options.screenshot(shot('options-stale'));
      const stale = await options.evaluate(() => document.querySelector('[data-testid="feed-stale"]')?.textContent ?? null, undefined);
      expect(stale).toMatch(/^Breach notices may be out of date since /);
    } finally {
      await options.close();
    }
  });

  test('every request is a plain GET of the index or a file an index named: no cookies, no referrer', () => {
    const requests = feedRequests(startedAt).filter((request) => request.method !== 'OPTIONS');
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const request of requests) {
      expect(request.method).toBe('GET');
      expect(named.has(request.url), `${request.url} was never named by an index`).toBe(true);
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.referer).toBeUndefined();
    }
  });
});

describe.skipIf(!browsers[0].available())('feed trust in the shipped Chromium build', () => {
  let driver: ExtensionDriver | undefined;
  afterAll(async () => {
    await driver?.close();
  });

  test('a feed signed with the committed test key is refused by the production build', async () => {
    await serveFeed(e2eContext().servedDir, editions!.files.n);
    driver = await launchChromium(e2eContext());
    try {
      const { feed, check } = await waitForFeedState(driver, 'the test-key index to be refused', (_feed, check) => check.lastError !== undefined);
      expect(check.lastError?.code).toBe('unknown-key');
      expect(feed?.source).toBe('bundled');

      const { tabId, page } = await driver.openTab(systmonline);
      await waitForSession(driver, tabId, { state: 'login', url: systmonline });
      const popup = await openPopup(driver, tabId);
      await popup.page.screenshot(join(e2eContext().screenshotsDir, 'chromium-popup-feed-test-key-refused-by-production-build.png'));
      expect(popup.view.noticeTitles).toEqual([]);
      await popup.page.close();
      await page.close();
    } finally {
      await driver.close();
      driver = undefined;
    }
  });
});
