import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PAGE_CHECK_TABLE } from '../../utils/content/page-check';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { ExtensionDriver } from './support/driver';
import { ROOT } from './support/feed';
import { launchFirefox } from './support/firefox';
import { siteUrl } from './support/sites';

/**
 * The platform detector's two-step injection (issue 12), in real Chromium and Firefox: the popup's
 * "Check this page" asks the background for the signal table, puts it into the tab's isolated
 * world with one `executeScript` function, then runs the built `check-page.js`, which must find it
 * there. Unit tests cannot show that the two injections share a world; this does.
 *
 * "Check this page" itself needs the `activeTab` grant of a real toolbar click, which no automated
 * test can make, so the test makes the same calls as utils/popup/check-page.ts from an extension
 * page, in a build that grants the catalogue's hosts (WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS=1,
 * as password-guide.e2e.ts uses) on the MyChart fixture under mychart.clevelandclinic.org.
 */

const run = promisify(execFile);
let builds: { chrome: string; firefox: string };

beforeAll(async () => {
  const env = { ...process.env, WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS: '1' };
  await run('npx', ['wxt', 'build', '--mode', 'e2e-signals'], { cwd: ROOT, env });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e-signals'], { cwd: ROOT, env });
  builds = { chrome: join(ROOT, '.output/chrome-mv3-e2e-signals'), firefox: join(ROOT, '.output/firefox-mv3-e2e-signals') };
}, 120_000);

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: () => launchChromium(e2eContext(), { extensionDir: builds.chrome }) },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), launch: () => launchFirefox(e2eContext(), { extensionDir: builds.firefox }) },
] as const;

interface CheckResult {
  tableSize: number;
  result: { classification: { state: string }; detection?: { platformId: string; platformName: string; host: string; matched: string[] } };
  leftBehind: boolean;
}

/** What utils/popup/check-page.ts does, step by step, from an extension page. */
function checkTab(driver: ExtensionDriver, tabId: number): Promise<CheckResult> {
  return driver.extension(
    async (api, { tabId, key }) => {
      type Scripting = { executeScript(details: unknown): Promise<{ result: unknown }[]> };
      const runtime = api.runtime as unknown as { sendMessage(message: unknown): Promise<{ ok: boolean; value: { platforms: unknown[] } }> };
      const scripting = (api as unknown as { scripting: Scripting }).scripting;
      const reply = await runtime.sendMessage({ name: 'ui-bg/platform-signals', payload: {} });
      await scripting.executeScript({
        target: { tabId },
        func: (slot: string, value: unknown) => {
          (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(slot)] = value;
        },
        args: [key, reply.value.platforms],
      });
      const [first] = await scripting.executeScript({ target: { tabId }, files: ['/check-page.js'] });
      const [after] = await scripting.executeScript({ target: { tabId }, args: [key], func: (slot: string) => (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(slot)] !== undefined });
      return { tableSize: reply.value.platforms.length, result: first!.result as CheckResult['result'], leftBehind: after!.result as boolean };
    },
    { tabId, key: PAGE_CHECK_TABLE },
  );
}

for (const { name, available, launch } of browsers) {
  describe.skipIf(!available())(`platform detection through check-page.js in ${name}`, () => {
    let driver: ExtensionDriver;
    beforeAll(async () => {
      driver = await launch();
    });
    afterAll(async () => {
      await driver?.close();
    });

    test('names MyChart on a sign-in page with its path, assets and fields, and leaves nothing in the tab', async () => {
      const { tabId, page } = await driver.openTab(siteUrl('mychartCleveland', '/MyChart/default.asp'));
      try {
        const { tableSize, result, leftBehind } = await checkTab(driver, tabId);
        expect(tableSize).toBeGreaterThan(5);
        expect(result.classification.state).toBe('login');
        expect(result.detection).toEqual({
          platformId: 'epic-mychart',
          platformName: 'MyChart',
          host: 'mychart.clevelandclinic.org',
          matched: ['mychart-default-asp-path', 'mychart-prelogin-script', 'mychart-wp-script', 'mychart-prelogin-style', 'mychart-jsenabled-field'],
        });
        expect(leftBehind).toBe(false);
      } finally {
        await page.close();
      }
    });

    test('does not name a page that has only MyChart’s path and field names', async () => {
      const { tabId, page } = await driver.openTab(siteUrl('mychartCleveland', '/MyChart/Authentication/Login'));
      try {
        const { result } = await checkTab(driver, tabId);
        expect(result.classification.state).toBe('login');
        expect(result.detection).toBeUndefined();
      } finally {
        await page.close();
      }
    });
  });
}
