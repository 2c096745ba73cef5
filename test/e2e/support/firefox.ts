import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PATH } from './browsers';
import type { E2eContext } from './context';
import { POPUP_VIEWPORT, type DriverPage, type ExtensionDriver, type WebExtensionApi } from './driver';

/**
 * Firefox ESR, headless, driven by Puppeteer over WebDriver BiDi (there is no geckodriver here and
 * no Playwright Firefox build). The extension is installed as a temporary add-on with a fixed
 * internal UUID, so its pages have a known moz-extension:// origin. Every hostname resolves to
 * 127.0.0.1 and port 443 is redirected to the test server; `acceptInsecureCerts` makes Firefox
 * accept the throwaway certificate for pages and for the extension's own fetches.
 */
export async function launchFirefox(e2e: E2eContext, { extensionDir = e2e.firefoxExtensionDir } = {}): Promise<ExtensionDriver & { browserHandle: Browser }> {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('The Firefox build has no browser_specific_settings.gecko.id');
  const uuid = randomUUID();

  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    acceptInsecureCerts: true,
    defaultViewport: { width: 1280, height: 800 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      'network.dns.forceResolve': '127.0.0.1',
      'network.socket.forcePort': `443=${e2e.port}`,
      // HTTP/3 and DNS-over-HTTPS would bypass the mapping.
      'network.http.http3.enable': false,
      'network.trr.mode': 5,
    },
  });
  try {
    const installedId = await browser.installExtension(extensionDir);
    if (installedId !== geckoId) throw new Error(`Installed ${installedId}, expected ${geckoId}`);
    const extensionOrigin = `moz-extension://${uuid}/`;

    // One extension page stays open for the whole suite, to call the extension API from.
    const harness = await browser.newPage();
    await openExtensionUrl(harness, `${extensionOrigin}popup.html`, 'body');

    const driver: ExtensionDriver & { browserHandle: Browser } = {
      browser: 'firefox',
      browserHandle: browser,
      extensionOrigin,
      extension: (fn, arg) => harness.evaluate(`(${fn.toString()})(browser, ${JSON.stringify(arg)})`) as Promise<never>,
      async openTab(url) {
        const opened = browser.waitForTarget((target) => target.type() === 'page' && target.url() === url, { timeout: 15_000 });
        const tabId = await harness.evaluate(async (url) => {
          const tab = await (globalThis as unknown as { browser: WebExtensionApi }).browser.tabs.create({ url, active: true });
          return tab.id;
        }, url);
        const page = await (await opened).page();
        if (!page) throw new Error(`No page for ${url}`);
        await page.waitForFunction(() => document.readyState === 'complete', { timeout: 15_000 });
        if (typeof tabId !== 'number') throw new Error(`tabs.create gave no tab id for ${url}`);
        return { tabId, page: wrap(page) };
      },
      async openExtensionPage(path, waitForSelector) {
        const page = await browser.newPage();
        await page.setViewport(POPUP_VIEWPORT);
        await openExtensionUrl(page, `${extensionOrigin}${path}`, waitForSelector);
        return wrap(page);
      },
      async close() {
        await browser.close();
      },
    };
    return driver;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/**
 * `page.goto()` to a moz-extension:// URL never resolves over BiDi, so start the navigation,
 * ignore its promise, and wait for the page's own content instead.
 */
async function openExtensionUrl(page: Page, url: string, selector: string): Promise<void> {
  page.goto(url).catch(() => {});
  await page.waitForFunction((url) => location.href === url, { timeout: 10_000 }, url);
  await page.waitForSelector(selector, { timeout: 10_000 });
}

function wrap(page: Page): DriverPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as Promise<never>,
    evaluateScript: (source) => page.evaluate(source) as Promise<never>,
    click: (selector) => page.click(selector),
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    screenshot: async (path) => {
      await page.screenshot({ path: path as `${string}.png`, fullPage: true });
    },
    close: () => page.close(),
  };
}
