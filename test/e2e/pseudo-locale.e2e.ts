import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { waitForSession } from './support/extension-state';
import { launchFirefox } from './support/firefox';
import { FITS, horizontalOverflow } from './support/overflow';
import { openPopup } from './support/popup';
import { waitForShadow } from './support/shadow';
import { siteUrl } from './support/sites';

/**
 * The pseudo-locale pass (issue 17, docs/i18n.md): the extension built with
 * WXT_PORTAL_GUARD_PSEUDO_LOCALE=1, so every message of ours is accented, in ⟦ ⟧ and about 40%
 * longer; in Chromium with `--lang=en-XA`, in Firefox ESR through the build's en_US copy of the
 * pseudo-locale (Firefox only picks a locale it ships). On the popup, the banner and the notice
 * page, any plain English left is a string that does not go through t(), a ⟦ without its ⟧ is
 * text cut off, and the screenshots show what overflows. Text from the feed and the catalogue is
 * data and stays as written.
 */

const root = resolve(import.meta.dirname, '../..');
const PSEUDO_DIRS = { chromium: join(root, '.output/pseudo/chrome-mv3'), firefox: join(root, '.output/pseudo/firefox-mv3') };
const MMH_ID = 'nz-managemyhealth-2025-12';
const dashboard = siteUrl('managemyhealth', '/dashboard');

/** The visible text nodes of a page (scripts, styles and hidden elements left out). */
function visibleTexts(page: DriverPage): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style') || parent.getClientRects().length === 0) continue;
      texts.push(node.textContent ?? '');
    }
    return texts;
  }, undefined);
}

/** The visible text nodes inside our closed shadow root (the banner), read from the extension's isolated world. */
async function shadowTexts(driver: ExtensionDriver, tabId: number, hostTag: string): Promise<string[]> {
  const results = await driver.extension(
    async (api, { tabId, hostTag }) =>
      (api as unknown as { scripting: { executeScript(details: unknown): Promise<{ result: unknown }[]> } }).scripting.executeScript({
        target: { tabId },
        args: [hostTag],
        func: (tag: string) => {
          const host = document.querySelector(tag);
          if (!host) return [];
          const global = globalThis as unknown as { chrome?: { dom?: { openOrClosedShadowRoot?: (element: Element) => ShadowRoot | null } } };
          const shadow = global.chrome?.dom?.openOrClosedShadowRoot?.(host) ?? (host as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot ?? null;
          if (!shadow) return [];
          const texts: string[] = [];
          const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('script, style') || parent.getClientRects().length === 0) continue;
            texts.push(node.textContent ?? '');
          }
          return texts;
        },
      }),
    { tabId, hostTag },
  );
  return results[0]!.result as string[];
}

/** Text outside our ⟦messages⟧ and outside the data we show as it is; and any ⟦ left open (cut off). */
function leftoverEnglish(texts: string[], data: string[]): string[] {
  // A message can be split over several text nodes by an element inside it (fill), so strip
  // whole ⟦…⟧ spans from the joined text first, then the data, then look for letters.
  // A message can hold another (a list of data-class names): strip from the innermost out.
  let rest = texts.join('\n');
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  const found: string[] = [];
  if (/[⟦⟧]/.test(rest)) found.push(`an unbalanced bracket, text cut off or nested: ${rest.slice(0, 200)}`);
  // Addresses (a source's shortened URL, a host) are data too: no spaces, a dot or a slash.
  rest = rest.replace(/\S*[A-Za-z0-9][./][A-Za-z0-9]\S*/g, ' ');
  for (const value of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  // Dates are Intl's words, in the pseudo-locale's base language (English): not our strings.
  rest = rest.replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b/g, ' ');
  for (const line of rest.split('\n')) if (/[A-Za-z]{2,}/.test(line)) found.push(line.trim());
  return found;
}

/** What the feed and the catalogue say about Manage My Health: shown as written, never translated. */
function mmhData(extensionDir: string): string[] {
  const envelope = JSON.parse(readFileSync(join(extensionDir, 'feed/feed.json'), 'utf8')) as { payload: string };
  const feed = JSON.parse(envelope.payload) as { notices: { id: string; title: string; summary: string; organization: string; links: { title?: string; url: string }[] }[] };
  const notice = feed.notices.find((candidate) => candidate.id === MMH_ID);
  if (!notice) throw new Error(`The bundled feed has no ${MMH_ID}`);
  return [notice.title, notice.summary, notice.organization, ...notice.links.flatMap((link) => [link.title ?? '', link.url]).filter(Boolean), 'Manage My Health', 'portal.managemyhealth.co.nz', 'managemyhealth.co.nz'];
}

const BROWSERS = [
  {
    name: 'chromium',
    available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'),
    build: [] as string[],
    launch: () => launchChromium(e2eContext(), { extensionDir: PSEUDO_DIRS.chromium, lang: 'en-XA' }),
  },
  {
    name: 'firefox',
    available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'),
    build: ['-b', 'firefox', '--mv3'],
    launch: () => launchFirefox(e2eContext(), { extensionDir: PSEUDO_DIRS.firefox }),
  },
] as const;

for (const { name, available, build, launch } of BROWSERS) {
  describe.skipIf(!available())(`the pseudo-locale in ${name}`, () => {
    let driver: ExtensionDriver;
    const extensionDir = PSEUDO_DIRS[name];
    const shot = (label: string) => join(e2eContext().screenshotsDir, `pseudo-locale-${name}-${label}.png`);

    beforeAll(async () => {
      // Built here, into .output/pseudo/, so the normal builds the other e2e files load stay as they are.
      // The portal hosts are granted to the pseudo build, so the test can read the banner's closed
      // shadow root from the extension (scripting.executeScript), as password-guide.e2e.ts does.
      execFileSync('npx', ['wxt', 'build', ...build], { cwd: root, env: { ...process.env, WXT_PORTAL_GUARD_PSEUDO_LOCALE: '1', WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS: '1' }, stdio: 'pipe' });
      driver = await launch();
    });

    afterAll(async () => {
      await driver?.close();
    });

    test('the extension itself is named in the pseudo-locale', async () => {
      const name = await driver.extension(async (api) => api.i18n.getMessage('manifest_name'), undefined);
      expect(name).toMatch(/^⟦Þöŕţàĺ Ĝûàŕđ/);
    });

    test('the popup on Manage My Health, signed in, with its breach notice: no English of ours left, nothing sticks out', async () => {
      const { tabId, page } = await driver.openTab(dashboard);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: dashboard });
        const popup = await openPopup(driver, tabId);
        try {
          await popup.page.screenshot(shot('popup-managemyhealth-signed-in'));
          expect(popup.view.sessionState).toMatch(/^⟦Šîĝñéđ îñ/);
          expect(popup.view.noticeTitles.length).toBeGreaterThan(0);
          expect(leftoverEnglish(await visibleTexts(popup.page), mmhData(extensionDir))).toEqual([]);
          expect(await horizontalOverflow(popup.page)).toEqual(FITS);
        } finally {
          await popup.page.close();
        }
      } finally {
        await page.close();
      }
    });

    test('the banner on Manage My Health: no English of ours left', async () => {
      const { tabId, page } = await driver.openTab(dashboard);
      try {
        await waitForShadow(driver, tabId, 'portal-guard-banner', 'the banner', (view) => view.text['banner-why'] !== undefined, 15_000);
        await page.screenshot(shot('banner-managemyhealth-signed-in'));
        const texts = await shadowTexts(driver, tabId, 'portal-guard-banner');
        expect(texts.join(' ')).toMatch(/⟦/);
        expect(leftoverEnglish(texts, mmhData(extensionDir))).toEqual([]);
      } finally {
        await page.close();
      }
    });

    test('the notice page for Manage My Health: no English of ours left, nothing sticks out', async () => {
      const page = await driver.openExtensionPage(`notice.html?id=${MMH_ID}&portal=managemyhealth&host=portal.managemyhealth.co.nz`, '[data-testid=notice-detail]');
      try {
        await page.screenshot(shot('notice-page-managemyhealth'));
        expect(leftoverEnglish(await visibleTexts(page), mmhData(extensionDir))).toEqual([]);
        expect(await horizontalOverflow(page)).toEqual(FITS);
      } finally {
        await page.close();
      }
    });
  });
}
