import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './browsers';
import type { E2eContext } from './context';
import { POPUP_VIEWPORT, type DriverPage, type ExtensionDriver, type WebExtensionApi } from './driver';

/**
 * Debian's Chromium, headless, with the built extension loaded unpacked. Every hostname resolves
 * to the local test server (`MAP *`), so the real https match patterns are exercised and any
 * request the browser or extension makes shows up in the request log instead of leaving the
 * machine. The test certificate is accepted by its SPKI pin only; Playwright's
 * `ignoreHTTPSErrors` would not cover the extension's own fetches.
 */
export async function launchChromium(e2e: E2eContext, { extensionDir = e2e.chromeExtensionDir, profileDir, lang }: { extensionDir?: string; profileDir?: string; lang?: string } = {}): Promise<ExtensionDriver & { context: BrowserContext }> {
  // A given profile outlives this browser (restart tests); a throwaway one is removed on close.
  const userDataDir = profileDir ?? mkdtempSync(join(tmpdir(), 'portal-guard-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=MAP * 127.0.0.1:${e2e.port}, EXCLUDE localhost`,
      `--ignore-certificate-errors-spki-list=${e2e.spkiSha256}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The language the extension's messages are chosen in (`_locales/`): the pseudo-locale's e2e.
      ...(lang ? [`--lang=${lang}`] : []),
    ],
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionOrigin = `chrome-extension://${new URL(worker.url()).host}/`;

    // One extension page stays open for the whole suite, to call the extension API from.
    const harness = await context.newPage();
    await harness.goto(`${extensionOrigin}popup.html`);

    return {
      browser: 'chromium',
      context,
      extensionOrigin,
      // Sent as source text: evaluation over CDP is not bound by the extension page's CSP,
      // which forbids eval and new Function inside the page.
      extension: (fn, arg) => harness.evaluate(`(${fn.toString()})(chrome, ${JSON.stringify(arg)})`) as Promise<never>,
      async openTab(url) {
        const before = new Set(context.pages());
        const tabId = await harness.evaluate(async (url) => {
          const tab = await (globalThis as unknown as { chrome: WebExtensionApi }).chrome.tabs.create({ url, active: true });
          return tab.id;
        }, url);
        if (typeof tabId !== 'number') throw new Error(`tabs.create gave no tab id for ${url}`);
        // Find the new tab by its URL rather than by the next 'page' event, which can belong to
        // another page (a new tab reports about:blank first).
        const deadline = Date.now() + 15_000;
        let page: Page | undefined;
        while (!(page = context.pages().find((candidate) => !before.has(candidate) && candidate.url() === url))) {
          if (Date.now() > deadline) throw new Error(`No tab showed ${url}; open: ${context.pages().map((candidate) => candidate.url()).join(', ')}`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await page.waitForLoadState('load');
        return { tabId, page: wrap(page) };
      },
      async openExtensionPage(path, waitForSelector) {
        const page = await context.newPage();
        await page.setViewportSize(POPUP_VIEWPORT);
        await page.goto(`${extensionOrigin}${path}`);
        await page.waitForSelector(waitForSelector, { timeout: 10_000 });
        return wrap(page);
      },
      async close() {
        await context.close();
        if (!profileDir) rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context.close();
    throw error;
  }
}

function wrap(page: Page): DriverPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as Promise<never>,
    evaluateScript: (source) => page.evaluate(source) as Promise<never>,
    click: (selector) => page.click(selector),
    type: async (selector, text, { replace = false } = {}) => {
      if (replace) await page.fill(selector, '');
      await page.locator(selector).pressSequentially(text);
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key),
    reload: async () => {
      await page.reload({ waitUntil: 'load' });
    },
    goto: async (url) => {
      await page.goto(url);
    },
    url: () => page.url(),
    screenshot: async (path) => {
      await page.screenshot({ path, fullPage: true });
    },
    close: () => page.close(),
  };
}
