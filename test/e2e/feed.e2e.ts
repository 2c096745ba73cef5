import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { ExtensionDriver } from './support/driver';
import { waitForBadge, waitForSession } from './support/extension-state';
import { FEED, buildTestKeyExtensions, bundledFeedOf, makeTestFeeds, removeTestFeeds, serveFeed, storedFeed, triggerFeedRefresh, waitForFeedState, type TestFeeds } from './support/feed';
import { launchFirefox } from './support/firefox';
import { openPopup } from './support/popup';
import { requestsSince, type LoggedRequest } from './support/server';
import { siteUrl } from './support/sites';

/**
 * The signed breach-notice feed, end to end (issue 3): the extension fetches the real feed URL,
 * served by the local HTTPS server, installs a good update and shows its new notice, refuses a
 * tampered one while keeping the last good feed, and a shipped build never trusts the test key.
 */

const E2E_NOTICE_TITLE = 'E2E TEST NOTICE: SystmOnline (not a real incident)';
const systmonline = siteUrl('systmonline', '/2/');

let feeds: TestFeeds | undefined;
let testKeyBuilds: { chrome: string; firefox: string };

beforeAll(async () => {
  [feeds, testKeyBuilds] = await Promise.all([makeTestFeeds(), buildTestKeyExtensions()]);
}, 120_000);

afterAll(() => {
  // Leave the feed host as global-setup left it, serving what the production build ships.
  serveFeed(e2eContext().servedDir, bundledFeedOf(e2eContext().chromeExtensionDir));
  removeTestFeeds(feeds);
});

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: (dir: string) => launchChromium(e2eContext(), { extensionDir: dir }), dir: () => testKeyBuilds.chrome },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), launch: (dir: string) => launchFirefox(e2eContext(), { extensionDir: dir }), dir: () => testKeyBuilds.firefox },
] as const;

function feedRequests(since: number): LoggedRequest[] {
  return requestsSince(e2eContext().requestLog, since).filter((request) => request.host === FEED.hostname);
}

for (const { name, available, launch, dir } of browsers) describe.skipIf(!available())(`feed updates in ${name} (build that trusts the test key)`, () => {
  let driver: ExtensionDriver;
  let startedAt = 0;
  const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-popup-feed-${label}.png`);

  beforeAll(async () => {
    serveFeed(e2eContext().servedDir, feeds!.good);
    startedAt = Date.now();
    driver = await launch(dir());
  });
  afterAll(async () => {
    await driver?.close();
  });

  test('a good update (newer, signed with a pinned key) is installed, and its new notice shows in the popup', async () => {
    await waitForFeedState(driver, `sequence ${feeds!.goodSequence} from ${FEED.href}`, (feed) => feed?.sequence === feeds!.goodSequence && feed.source === 'remote');

    const { tabId, page } = await driver.openTab(systmonline);
    try {
      await waitForSession(driver, tabId, { state: 'login', url: systmonline });
      expect((await waitForBadge(driver, tabId, '!1')).text).toBe('!1');
      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('good-update'));
        expect(popup.view.noticeTitles).toEqual([E2E_NOTICE_TITLE]);
        expect(popup.view.feedStatus).not.toMatch(/fail|refused/i);
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test('a tampered update is refused: the last good feed stays byte for byte, and the popup says why', async () => {
    const before = await storedFeed(driver);
    expect(before?.sequence).toBe(feeds!.goodSequence);

    serveFeed(e2eContext().servedDir, feeds!.tampered);
    const triggeredAt = Date.now();
    await triggerFeedRefresh(driver);
    const { feed: after, check } = await waitForFeedState(driver, 'the tampered update to be refused', (_feed, check) => (check.lastError?.at ?? 0) >= triggeredAt);
    expect(check.lastError?.reason).toMatch(/signature/i);
    expect(after).toEqual(before);

    const { tabId, page } = await driver.openTab(systmonline);
    try {
      await waitForSession(driver, tabId, { state: 'login', url: systmonline });
      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('tampered-refused'));
        // The old notice stays; the error is shown.
        expect(popup.view.noticeTitles).toEqual([E2E_NOTICE_TITLE]);
        const error = await popup.page.evaluate(() => document.querySelector('[data-testid="feed-error"]')?.textContent ?? null, undefined);
        expect(error).toMatch(/signature/i);
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test('a genuinely signed feed with sequence 9007199254740991 is refused, and the next genuine feed is still accepted', async () => {
    const before = await storedFeed(driver);
    serveFeed(e2eContext().servedDir, feeds!.usedUp);
    const triggeredAt = Date.now();
    await triggerFeedRefresh(driver);
    const { feed: after, check } = await waitForFeedState(driver, 'the used-up sequence to be refused', (_feed, state) => (state.lastError?.at ?? 0) >= triggeredAt);
    expect(check.lastError?.reason).toMatch(/\$\.sequence: the sequence must be at most 1099511627776 \(2\^40\)/);
    expect(after).toEqual(before);

    serveFeed(e2eContext().servedDir, feeds!.next);
    await triggerFeedRefresh(driver);
    await waitForFeedState(driver, `sequence ${feeds!.goodSequence + 1}`, (feed) => feed?.sequence === feeds!.goodSequence + 1);
  });

  test('feed checks send nothing about the user: a plain GET of the feed URL, no cookies, no referrer', () => {
    const requests = feedRequests(startedAt).filter((request) => request.method !== 'OPTIONS');
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const request of requests) {
      expect(`${request.method} https://${request.host}${request.url}`).toBe(`GET ${FEED.href}`);
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

  test('right after a release (the host serves the bundled feed), a new install shows no feed error', async () => {
    serveFeed(e2eContext().servedDir, bundledFeedOf(e2eContext().chromeExtensionDir));
    const startedAt = Date.now();
    driver = await launchChromium(e2eContext());
    try {
      const { feed, check } = await waitForFeedState(driver, 'the first feed check', (_feed, check) => (check.lastCheckedAt ?? 0) >= startedAt);
      expect(feedRequests(startedAt).some((request) => request.method === 'GET')).toBe(true);
      expect(feed?.source).toBe('bundled');
      expect(check.lastError, 'the same feed as the bundled one is not an error').toBeUndefined();
    } finally {
      await driver.close();
      driver = undefined;
    }
  });

  test('a feed signed with the committed test key is refused by the production build', async () => {
    serveFeed(e2eContext().servedDir, feeds!.good);
    driver = await launchChromium(e2eContext());
    try {
      const { feed, check } = await waitForFeedState(driver, 'the test-key feed to be refused', (_feed, check) => check.lastError !== undefined);
      expect(check.lastError?.reason).toMatch(/key/i);
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
