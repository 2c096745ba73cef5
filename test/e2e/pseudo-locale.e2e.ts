import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { waitForSession } from './support/extension-state';
import { openPopup } from './support/popup';
import { siteUrl } from './support/sites';

/**
 * The pseudo-locale pass (issue 17, docs/i18n.md): the extension built with
 * WXT_PORTAL_GUARD_PSEUDO_LOCALE=1 in Chromium with `--lang=en-XA`, so every message of ours is
 * accented, in ⟦ ⟧ and about 40% longer. On the popup and the notice page, any plain English left
 * is a string that does not go through t(), and the screenshots show what overflows or is cut off.
 * Text from the feed and the catalogue is data and stays as written.
 */

const root = resolve(import.meta.dirname, '../..');
const PSEUDO_DIR = join(root, '.output/pseudo/chrome-mv3');
const MMH_ID = 'nz-managemyhealth-2025-12';
const dashboard = siteUrl('managemyhealth', '/dashboard');

/** Text on the page outside our ⟦messages⟧ and outside the data we show as it is. */
function leftoverEnglish(page: DriverPage, data: string[]): Promise<string[]> {
  return page.evaluate((data) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style') || parent.getClientRects().length === 0) continue;
      texts.push(node.textContent ?? '');
    }
    // A message can be split over several text nodes by an element inside it (fill), so strip
    // whole ⟦…⟧ spans from the joined text first, then the data, then look for letters.
    let rest = texts.join('\n').replace(/⟦[^⟦⟧]*⟧/g, ' ');
    // Addresses (a source's shortened URL, a host) are data too: no spaces, a dot or a slash.
    rest = rest.replace(/\S*[A-Za-z0-9][./][A-Za-z0-9]\S*/g, ' ');
    for (const value of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
    // Dates are Intl's words, in the pseudo-locale's base language (English): not our strings.
    rest = rest.replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b/g, ' ');
    for (const line of rest.split('\n')) if (/[A-Za-z]{2,}/.test(line)) found.push(line.trim());
    return found;
  }, data);
}

/** What the feed and the catalogue say about Manage My Health: shown as written, never translated. */
function mmhData(): string[] {
  const envelope = JSON.parse(readFileSync(join(PSEUDO_DIR, 'feed/feed.json'), 'utf8')) as { payload: string };
  const feed = JSON.parse(envelope.payload) as { notices: { id: string; title: string; summary: string; organization: string; links: { title?: string; url: string }[] }[] };
  const notice = feed.notices.find((candidate) => candidate.id === MMH_ID);
  if (!notice) throw new Error(`The bundled feed has no ${MMH_ID}`);
  return [notice.title, notice.summary, notice.organization, ...notice.links.flatMap((link) => [link.title ?? '', link.url]).filter(Boolean), 'Manage My Health', 'portal.managemyhealth.co.nz', 'managemyhealth.co.nz'];
}

describe.skipIf(!browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'))('the pseudo-locale in Chromium (--lang=en-XA)', () => {
  let driver: ExtensionDriver;
  const shot = (name: string) => join(e2eContext().screenshotsDir, `pseudo-locale-chromium-${name}.png`);

  beforeAll(async () => {
    // Built here, into .output/pseudo/, so the normal builds the other e2e files load stay as they are.
    execFileSync('npx', ['wxt', 'build'], { cwd: root, env: { ...process.env, WXT_PORTAL_GUARD_PSEUDO_LOCALE: '1' }, stdio: 'pipe' });
    driver = await launchChromium(e2eContext(), { extensionDir: PSEUDO_DIR, lang: 'en-XA' });
  });

  afterAll(async () => {
    await driver?.close();
  });

  test('the extension itself is named in the pseudo-locale', async () => {
    const name = await driver.extension(async (api) => api.i18n.getMessage('manifest_name'), undefined);
    expect(name).toMatch(/^⟦Þöŕţàĺ Ĝûàŕđ/);
  });

  test('the popup on Manage My Health, signed in, with its breach notice: no English of ours left', async () => {
    const { tabId, page } = await driver.openTab(dashboard);
    try {
      await waitForSession(driver, tabId, { state: 'signed-in', url: dashboard });
      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('popup-managemyhealth-signed-in'));
        expect(popup.view.sessionState).toMatch(/^⟦Šîĝñéđ îñ/);
        expect(popup.view.noticeTitles.length).toBeGreaterThan(0);
        expect(await leftoverEnglish(popup.page, mmhData())).toEqual([]);
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test('the notice page for Manage My Health: no English of ours left', async () => {
    const page = await driver.openExtensionPage(`notice.html?id=${MMH_ID}&portal=managemyhealth&host=portal.managemyhealth.co.nz`, '[data-testid=notice-detail]');
    try {
      await page.screenshot(shot('notice-page-managemyhealth'));
      expect(await leftoverEnglish(page, mmhData())).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
