import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from './support/feed';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { badge, waitForBadge, waitForSession } from './support/extension-state';
import { launchFirefox } from './support/firefox';
import { readShadow, waitForShadow } from './support/shadow';
import { siteUrl } from './support/sites';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Issue 14, item 1, in real browsers. A portal page covers the banner with its own picture (a
 * higher z-index, `pointer-events: none`) that draws "Continue" where Dismiss sits, and the
 * patient's real mouse click lands on Dismiss. No dismissal may be saved from that click, and the
 * badge must still say `!1`. A page that removes `<portal-guard-banner>` gets it back.
 */

const mmhLogin = siteUrl('managemyhealth', '/');

const dismissals = (driver: ExtensionDriver) => driver.extension(async (api) => ((await api.storage.local.get('noticeDismissals')).noticeDismissals ?? {}) as Record<string, string>, undefined);

/** The page's attack: its own picture over the banner, clicks passing through to Dismiss. */
async function coverBanner(page: DriverPage, dismissAt: { x: number; y: number }): Promise<void> {
  await page.evaluate(({ x, y }) => {
    const host = document.querySelector('portal-guard-banner')!;
    const rect = host.getBoundingClientRect();
    const cover = document.createElement('div');
    cover.id = 'fake-cover';
    cover.style.cssText = `position:fixed;left:${rect.left}px;top:${rect.top}px;width:${rect.width}px;height:${rect.height}px;z-index:2147483647;pointer-events:none;background:#fff;font:16px sans-serif;`;
    const button = document.createElement('span');
    button.textContent = 'Continue';
    button.style.cssText = `position:fixed;left:${x - 40}px;top:${y - 14}px;padding:4px 12px;background:#2a7;color:#fff;border-radius:4px;`;
    cover.append('Welcome back! Click Continue to see your results.', button);
    document.body.append(cover);
  }, dismissAt);
}

/**
 * Builds that differ from the production ones only in granting the portal patterns as host
 * permissions, so the test can find Dismiss inside our closed shadow root from the extension's
 * isolated world (manifest-config.ts, `scriptablePortals`). The banner's code is the same.
 */
let builds: { chrome: string; firefox: string };
beforeAll(async () => {
  const env = { ...process.env, WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS: '1' };
  const run = promisify(execFile);
  await run('npx', ['wxt', 'build', '--mode', 'e2e-clickjack'], { cwd: ROOT, env });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e-clickjack'], { cwd: ROOT, env });
  builds = { chrome: join(ROOT, '.output/chrome-mv3-e2e-clickjack'), firefox: join(ROOT, '.output/firefox-mv3-e2e-clickjack') };
}, 180_000);

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: () => launchChromium(e2eContext(), { extensionDir: builds.chrome }) },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), launch: () => launchFirefox(e2eContext(), { extensionDir: builds.firefox, uuid: randomUUID() }) },
] as const;

for (const { name, available, launch } of browsers) {
  describe.skipIf(!available())(`a portal page cannot trick or remove the banner in ${name}`, () => {
    const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-${label}.png`);

    test('a real click through the page’s picture lands on Dismiss, and saves no dismissal: the badge still says !1', async () => {
      const driver = await launch();
      try {
        const { tabId, page } = await driver.openTab(mmhLogin);
        await waitForSession(driver, tabId, { state: 'login', url: mmhLogin });
        expect((await waitForBadge(driver, tabId, '!1')).text).toBe('!1');
        const view = await waitForShadow(driver, tabId, 'portal-guard-banner', 'the Dismiss button', (candidate) => candidate.rects['button:Dismiss'] !== undefined);
        const at = view.rects['button:Dismiss']!;
        await coverBanner(page, at);
        // The click really reaches our button: the page's picture lets it through.
        expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase(), at)).toBe('portal-guard-banner');
        await page.screenshot(shot('clickjack-cover'));
        await page.clickAt(at.x, at.y);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await dismissals(driver)).toEqual({});
        expect((await badge(driver, tabId)).text).toBe('!1');
        // The banner is still there, with its notice.
        expect((await readShadow(driver, tabId, 'portal-guard-banner')).rects['button:Dismiss']).toBeDefined();
      } finally {
        await driver.close();
      }
    });

    test('a page that removes the banner gets it back, and cannot make us loop', async () => {
      const driver = await launch();
      try {
        const { tabId, page } = await driver.openTab(mmhLogin);
        await waitForSession(driver, tabId, { state: 'login', url: mmhLogin });
        await waitForShadow(driver, tabId, 'portal-guard-banner', 'the banner', (candidate) => candidate.rects['button:Dismiss'] !== undefined);
        await page.evaluate(() => document.querySelector('portal-guard-banner')?.remove(), undefined);
        await waitForShadow(driver, tabId, 'portal-guard-banner', 'the banner to come back', (candidate) => candidate.rects['button:Dismiss'] !== undefined);
        await page.screenshot(shot('banner-remounted'));

        // A page that removes it every time it appears: we put it back a few times, then stop.
        const added = await page.evaluate(async () => {
          let count = 0;
          const observer = new MutationObserver((records) => {
            for (const record of records) {
              for (const node of record.addedNodes) {
                if (node instanceof Element && node.tagName.toLowerCase() === 'portal-guard-banner') {
                  count++;
                  node.remove();
                }
              }
            }
          });
          observer.observe(document.documentElement, { childList: true, subtree: true });
          document.querySelector('portal-guard-banner')?.remove();
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          observer.disconnect();
          return count;
        }, undefined);
        expect(added).toBeGreaterThan(0);
        expect(added).toBeLessThanOrEqual(5);
        // The badge still tells the patient.
        expect((await badge(driver, tabId)).text).toBe('!1');
      } finally {
        await driver.close();
      }
    });
  });
}
