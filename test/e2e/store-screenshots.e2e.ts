import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { guidePageUrl, noticePageUrl } from '../../utils/pages';
import { CHROMIUM_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { ExtensionDriver } from './support/driver';
import { waitForSession } from './support/extension-state';
import { POPUP_READY } from './support/popup';
import { siteUrl } from './support/sites';

/**
 * The store screenshots (issue 17, item 4; docs/store/README.md): 1280×800, the size both stores
 * take, of the normal build in Chromium, on the fixture Manage My Health portal with the bundled
 * feed's real notice, once per listing language (en, fr, es: Chromium started with `--lang`).
 * Written to test-results/store-screenshots/<locale>/; the ones a listing uses are copied into
 * docs/store/screenshots/ by hand, after a look, so a run never changes the repository.
 *
 * Each shot also checks that the page is in that language: a text read from the page must equal
 * the locale's message in the BUILT _locales/<locale>/messages.json, so a shot left in English
 * (or in another locale) fails instead of being uploaded to the French or Spanish listing.
 */

const root = resolve(import.meta.dirname, '../..');
const OUT = join(root, 'test-results/store-screenshots');
const SIZE = { width: 1280, height: 800 };
const MMH_ID = 'nz-managemyhealth-2025-12';
const HOST = 'portal.managemyhealth.co.nz';
const LOCALES = ['en', 'fr', 'es'] as const;

type Messages = Record<string, { message: string }>;

/** The build's own messages for a locale: what the browser shows, so what the shots must show. */
function builtMessages(locale: string): Messages {
  return JSON.parse(readFileSync(join(e2eContext().chromeExtensionDir, '_locales', locale, 'messages.json'), 'utf8')) as Messages;
}

/** One built message, with its `{name}` placeholder filled; fails on a key the build lacks. */
function message(messages: Messages, key: string, values: Record<string, string> = {}): string {
  const entry = messages[key];
  if (!entry) throw new Error(`The built messages have no ${key}`);
  return entry.message.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Text as a patient reads it: every run of spaces, no-break ones too, folded into one. */
const fold = (text: string) => text.replace(/\s+/g, ' ').trim();

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.skipIf(!browserAvailable('Chromium', CHROMIUM_PATH, 'chromium')).each(LOCALES)('store screenshots at 1280×800 in %s (Chromium)', (locale) => {
  let driver: ExtensionDriver & { context: BrowserContext };
  let messages: Messages;
  const out = join(OUT, locale);

  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    messages = builtMessages(locale);
    driver = await launchChromium(e2eContext(), { lang: locale });
  });
  afterAll(async () => {
    await driver?.close();
  });

  /** A new tab at exactly the store's size. */
  async function tab(): Promise<Page> {
    const page = await driver.context.newPage();
    await page.setViewportSize(SIZE);
    return page;
  }

  /** Every name in the page's accessibility tree (closed shadow roots included), folded. */
  async function accessibleNames(page: Page): Promise<string[]> {
    const cdp = await driver.context.newCDPSession(page);
    try {
      const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { name?: { value?: unknown } }[] };
      return nodes.map((node) => (typeof node.name?.value === 'string' ? fold(node.name.value) : '')).filter(Boolean);
    } finally {
      await cdp.detach();
    }
  }

  async function shoot(page: Page, name: string): Promise<void> {
    const file = join(out, `${name}.png`);
    await page.screenshot({ path: file, fullPage: false });
    expect(pngSize(file)).toEqual(SIZE);
  }

  /** The page's visible text, folded, and its title. */
  const textOf = async (page: Page) => ({ text: fold(await page.evaluate(() => document.body.innerText)), title: await page.title() });

  test('the browser chose this locale\'s messages', async () => {
    const seen = await driver.extension((api) => api.i18n.getMessage('meta_locale'), undefined);
    expect(seen).toBe(locale);
  });

  /** The portal tab the extension opened, found among the context's pages, at the store's size. */
  async function portalTab(url: string, state: string): Promise<{ tabId: number; page: Page }> {
    const { tabId } = await driver.openTab(url);
    await waitForSession(driver, tabId, { state, url });
    const page = driver.context.pages().find((candidate) => candidate.url() === url);
    if (!page) throw new Error(`No page for ${url}`);
    await page.setViewportSize(SIZE);
    return { tabId, page };
  }

  test('1: the banner on the Manage My Health sign-in page', async () => {
    const url = siteUrl('managemyhealth', '/');
    const { page } = await portalTab(url, 'login');
    try {
      await page.waitForSelector('portal-guard-banner', { timeout: 15_000 });
      await page.waitForFunction(() => (document.querySelector('portal-guard-banner')?.getBoundingClientRect().height ?? 0) > 40);
      // The banner is in a closed shadow root the page cannot read; the browser's accessibility
      // tree can, and holds what a screen reader (and so a patient) gets: the region and its buttons.
      const names = await accessibleNames(page);
      expect(names).toContain(fold(message(messages, 'banner_label')));
      for (const key of ['banner_secure', 'banner_details', 'banner_dismiss']) expect(names).toContain(fold(message(messages, key)));
      await shoot(page, '1-banner-sign-in');
    } finally {
      await page.close();
    }
  });

  test('2: the popup over the signed-in portal', async () => {
    const url = siteUrl('managemyhealth', '/dashboard');
    const { tabId, page } = await portalTab(url, 'signed-in');
    const popup = await driver.context.newPage();
    try {
      // A toolbar popup cannot be photographed headless: the popup page is rendered at its own
      // size and laid over the portal's top right corner, where the browser shows it.
      await popup.setViewportSize({ width: 380, height: 600 });
      await popup.goto(`${driver.extensionOrigin}popup.html?tabId=${tabId}`);
      await popup.waitForSelector(POPUP_READY);
      await popup.waitForSelector('[data-testid=notice]');
      expect(fold((await popup.textContent('[data-testid=session-state]')) ?? '')).toBe(fold(message(messages, 'session_signedIn')));
      const image = (await popup.screenshot({ fullPage: false })).toString('base64');
      await page.evaluate((data) => {
        const img = document.createElement('img');
        img.src = `data:image/png;base64,${data}`;
        img.alt = '';
        img.style.cssText = 'position:fixed;top:8px;right:16px;width:380px;height:600px;z-index:2147483647;box-shadow:0 4px 24px rgba(0,0,0,.35);border:1px solid #bbb;border-radius:8px;';
        document.body.append(img);
        return new Promise((done) => (img.complete ? done(undefined) : img.addEventListener('load', () => done(undefined))));
      }, image);
      await shoot(page, '2-popup-signed-in');
    } finally {
      await popup.close();
      await page.close();
    }
  });

  test('3: the notice page', async () => {
    const page = await tab();
    try {
      await page.goto(`${driver.extensionOrigin}${noticePageUrl({ id: MMH_ID, portal: 'managemyhealth', host: HOST }, 'notice.html')}`);
      await page.waitForSelector('[data-testid=notice-detail]');
      const { text, title } = await textOf(page);
      expect(title).toBe(fold(message(messages, 'noticePage_title')));
      expect(text).toContain(fold(message(messages, 'noticePage_todoHeading')));
      await shoot(page, '3-notice-page');
    } finally {
      await page.close();
    }
  });

  test('4: the password guide', async () => {
    const page = await tab();
    try {
      await page.goto(`${driver.extensionOrigin}${guidePageUrl({ portal: 'managemyhealth', host: HOST }, 'guide.html')}`);
      await page.waitForSelector('[data-testid=guide-step-change-password]');
      const { text, title } = await textOf(page);
      expect(title).toBe(fold(message(messages, 'guide_page_title')));
      expect(text).toContain(fold(message(messages, 'guide_page_heading', { portal: 'Manage My Health' })));
      await shoot(page, '4-password-guide');
    } finally {
      await page.close();
    }
  });

  test('5: the settings page', async () => {
    const page = await tab();
    try {
      await page.goto(`${driver.extensionOrigin}options.html`);
      await page.waitForSelector('[data-testid="feed-source"]');
      const { text, title } = await textOf(page);
      expect(title).toBe(fold(message(messages, 'options_title')));
      expect(text).toContain(fold(message(messages, 'options_heading')));
      await shoot(page, '5-settings');
    } finally {
      await page.close();
    }
  });
});
