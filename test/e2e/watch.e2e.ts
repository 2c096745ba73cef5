import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { badge, waitForSession } from './support/extension-state';
import { buildTestKeyExtensions, bundledFeedOf, bundledSequence, copyNotices, serveFeed, signTestFeed, waitForFeedState } from './support/feed';
import { launchFirefox } from './support/firefox';
import { openPopup } from './support/popup';
import { withGrantedHosts } from './support/pregrant';
import { poll } from './support/poll';
import { waitForShadow } from './support/shadow';
import { siteUrl } from './support/sites';

/**
 * "Watch this portal" (issue 12): an unlisted MyChart tenant, UW Health's real MyChart host
 * `mychart.uwhealth.org` mapped onto the fixture server, is recognised as MyChart by "Check this
 * page", watched with one click, and from the next load on is the patient's portal on that
 * platform: the content script runs, the badge is set, the UW Health notice (which names the
 * organisation's domain, uwhealth.org) shows in the banner, and the popup and the banner name it
 * with the "added by you, not reviewed by Portal Guard" mark. The same page at the look-alike `mychart-uwhealth.org`
 * is never offered Watch and shows the look-alike warning.
 *
 * The harness stands in for two things a headless browser cannot do. Chromium's permission prompt
 * cannot be answered by a test, so a copy of the build whose manifest already holds the origins
 * stands in for the patient's "Allow" (pregrant.ts); Firefox gets the same copy, plus Mozilla's
 * test pref that answers optional-permission prompts. And the popup is opened as a page
 * (`popup.html?tabId=`), which has no toolbar click and so no `activeTab` grant: the same grant
 * lets it read the tab's address and run "Check this page" there, as the toolbar click would.
 *
 * The notices come from the repository's own files (with their `domains`), built and signed with
 * the maintainers' CLI and the test key and served as the feed, so the UW Health notice reaches
 * the watched host exactly as a published feed would bring it; the builds that trust the test key
 * are the ones loaded.
 */

const LOGIN_PATH = '/MyChart/Authentication/Login';
const TENANT = 'mychart.uwhealth.org';
const LOOKALIKE = 'mychart-uwhealth.org';
const ORIGINS = [`https://${TENANT}/*`, `https://${LOOKALIKE}/*`];
const MARK = 'added by you, not reviewed by Portal Guard';

const browsers = [
  { name: 'chromium' as const, available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium') },
  { name: 'firefox' as const, available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr') },
];

let feedDir = '';
let signed = '';
let sequence = 0;
let builds: { chrome: string; firefox: string };

beforeAll(async () => {
  feedDir = mkdtempSync(join(tmpdir(), 'portal-guard-watch-'));
  sequence = bundledSequence() + 1;
  signed = await signTestFeed(copyNotices(join(feedDir, 'notices')), sequence, feedDir, 'watch');
  builds = await buildTestKeyExtensions();
}, 180_000);

afterAll(async () => {
  await serveFeed(e2eContext().servedDir, bundledFeedOf(e2eContext().chromeExtensionDir));
  if (feedDir) rmSync(feedDir, { recursive: true, force: true });
});

const text = (page: DriverPage, testId: string) => page.evaluate((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null, testId);

for (const { name, available } of browsers) {
  describe.skipIf(!available())(`watching an unlisted MyChart tenant in ${name}`, () => {
    let driver: ExtensionDriver;
    let granted: { dir: string; remove(): void } | undefined;
    const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-watch-${label}.png`);

    beforeAll(async () => {
      const context = e2eContext();
      await serveFeed(context.servedDir, signed);
      granted = withGrantedHosts(name === 'chromium' ? builds.chrome : builds.firefox, ORIGINS);
      try {
        driver = name === 'chromium' ? await launchChromium(context, { extensionDir: granted.dir }) : await launchFirefox(context, { extensionDir: granted.dir, prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
        await waitForFeedState(driver, `sequence ${sequence}`, (feed) => feed?.sequence === sequence && feed.source === 'remote');
      } catch (error) {
        granted.remove();
        throw error;
      }
    });
    afterAll(async () => {
      try {
        await driver?.close();
      } finally {
        granted?.remove();
      }
    });

    test('"Check this page" says MyChart, and Watch makes the tenant the patient’s portal on that platform', async () => {
      const url = siteUrl('mychartUwHealth', LOGIN_PATH);
      const { tabId, page } = await driver.openTab(url);
      try {
        // Nothing runs on an address Portal Guard does not know.
        expect((await badge(driver, tabId)).text).toBe('');
        const popup = await openPopup(driver, tabId);
        try {
          expect(popup.view.notAPortal).toBe(true);
          expect(popup.view.checkPageButton).toBe(true);
          await popup.page.click('[data-testid="check-page"]');
          await poll('the platform to be recognised', () => text(popup.page, 'watch-summary'), (summary) => summary !== null);
          expect(await text(popup.page, 'watch-summary')).toBe(`This looks like a MyChart sign-in page at ${TENANT} (uwhealth.org). Portal Guard has not reviewed this address.`);
          await popup.page.screenshot(shot('offer'));
          await popup.page.click('[data-testid="watch-portal"]');
          const result = await poll('the watch to be stored', () => text(popup.page, 'watch-result'), (value) => value !== null);
          expect(result).toBe(`Portal Guard now watches ${TENANT} as MyChart (uwhealth.org) (${MARK}). Reload the page to start. You can remove it in Settings, which gives the permission back.`);
          await popup.page.screenshot(shot('watching'));
        } finally {
          await popup.page.close();
        }

        // The registration follows the stored list; from the next load the content script runs.
        await poll('the content-script registration', () => driver.extension((api) => (api as unknown as { scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> } }).scripting.getRegisteredContentScripts(), undefined), (list) => list.some((script) => script.id === 'custom-portal:user:watch-mychart-uwhealth-org'));
        await page.reload();
        await waitForSession(driver, tabId, { state: 'login', url });
        // The UW Health notice names the organisation's domain (uwhealth.org), so it reaches the
        // watched host: the badge counts it, and the banner says why, marked as the patient's own.
        expect((await poll('the badge', () => badge(driver, tabId), (value) => value.text !== '')).text).toBe('!1');
        const banner = await waitForShadow(driver, tabId, 'portal-guard-banner', 'the UW Health banner', (view) => view.text['banner-why'] !== undefined);
        expect(banner.text['banner-why']).toMatch(new RegExp(`^You are on ${TENANT.replace(/\./g, '\\.')}, which is MyChart \\(uwhealth\\.org\\) \\(${MARK}\\); notice added `));
        await page.screenshot(shot('page-watched'));

        const after = await openPopup(driver, tabId);
        try {
          expect(after.view.portalName).toBe('MyChart (uwhealth.org)');
          expect(after.view.host).toBe(TENANT);
          expect(after.view.sessionState).toBe('On the sign-in page');
          expect(await text(after.page, 'review-mark')).toBe(`(${MARK})`);
          await after.page.screenshot(shot('popup-watched'));
        } finally {
          await after.page.close();
        }
      } finally {
        await page.close();
      }
    });

    test('the settings page lists the watched portal as added by the patient', async () => {
      const options = await driver.openExtensionPage('options.html', '[data-testid="custom-portal"]');
      try {
        const row = await poll('the watched portal', () => text(options, 'user-portals'), (value) => value?.includes('MyChart (uwhealth.org)') ?? false);
        expect(row).toContain(`MyChart (uwhealth.org) (${MARK}) (${TENANT}) Recognised`);
        await options.screenshot(shot('options'));
      } finally {
        await options.close();
      }
    });

    test('the password guide for the watched portal has MyChart’s directions, and the mark', async () => {
      const guide = await driver.openExtensionPage(`guide.html?portal=watch-mychart-uwhealth-org&host=${TENANT}`, '[data-testid=guide-step-change-password]');
      try {
        expect(await guide.evaluate(() => document.querySelector('h1')?.textContent, undefined)).toBe('Secure your MyChart (uwhealth.org) account');
        expect(await text(guide, 'review-mark')).toBe(`(${MARK})`);
        expect(await text(guide, 'guide-directions')).toContain('Menu → Account Settings → Security Settings');
        expect(await text(guide, 'guide-two-step')).toContain('Menu → Account Settings → Security Settings');
        await guide.screenshot(shot('guide'));
      } finally {
        await guide.close();
      }
    });

    test('the same page at a look-alike address is never offered Watch, and shows the look-alike warning', async () => {
      const { tabId, page } = await driver.openTab(siteUrl('mychartUwHealthLookalike', LOGIN_PATH));
      try {
        const popup = await openPopup(driver, tabId);
        try {
          expect(await text(popup.page, 'lookalike')).toContain('This is not MyChart');
          expect(await text(popup.page, 'lookalike')).toContain(`${LOOKALIKE} carries the name “mychart” of MyChart in an address that is not MyChart’s`);
          expect(popup.view.checkPageButton).toBe(false);
          expect(await popup.page.evaluate(() => document.querySelector('[data-testid="watch-portal"]') === null, undefined)).toBe(true);
          await popup.page.screenshot(shot('lookalike'));
        } finally {
          await popup.page.close();
        }
        // And nothing was stored or registered for it.
        const stored = await driver.extension((api) => api.storage.local.get('customPortals'), undefined);
        expect(JSON.stringify(stored)).not.toContain(LOOKALIKE);
        expect((await badge(driver, tabId)).text).toBe('');
      } finally {
        await page.close();
      }
    });
  });
}
