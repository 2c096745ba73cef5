import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PATH } from './browsers';
import type { E2eContext } from './context';
import { writeLanguagePack } from './firefox-langpack';
import { POPUP_VIEWPORT, type DriverPage, type ExtensionDriver, type WebExtensionApi } from './driver';

/**
 * Firefox ESR, headless, driven by Puppeteer over WebDriver BiDi (there is no geckodriver here and
 * no Playwright Firefox build). The extension is installed as a temporary add-on with a fixed
 * internal UUID, so its pages have a known moz-extension:// origin. Every hostname resolves to
 * 127.0.0.1 and port 443 is redirected to the test server; `acceptInsecureCerts` makes Firefox
 * accept the throwaway certificate for pages and for the extension's own fetches.
 *
 * Host permissions: Firefox MV3 treats content-script matches (and host_permissions) as origins
 * the user can withhold. Firefox ESR 153 grants them at install, temporary installs included,
 * because `extensions.originControls.grantByDefault` defaults to true; with that pref false,
 * `permissions.getAll()` lists no origins and the content script never runs. The launcher keeps
 * the default, so the suites test what users get, and the first test in each suite checks it.
 */
export async function launchFirefox(
  e2e: E2eContext,
  {
    extensionDir = e2e.firefoxExtensionDir,
    profileDir,
    uuid = randomUUID(),
    prefs = {},
    locale,
  }: {
    extensionDir?: string;
    profileDir?: string;
    uuid?: string;
    prefs?: Record<string, unknown>;
    /** Run Firefox in this language (a locale e2e, such as `es`): see firefox-langpack.ts. */
    locale?: string;
  } = {},
): Promise<ExtensionDriver & { browserHandle: Browser }> {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error('The Firefox build has no browser_specific_settings.gecko.id');
  const browser = await puppeteer.launch({
    // A restart test passes the same profile (and UUID) again; otherwise Puppeteer makes a temporary one.
    ...(profileDir ? { userDataDir: profileDir } : {}),
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
      // A temporary add-on is uninstalled when Firefox quits; keep its storage, as an installed
      // add-on keeps it across a restart, so restart tests see what a user would.
      'extensions.webextensions.keepStorageOnUninstall': true,
      // The language Firefox is asked to run in; it takes it once a language pack provides it.
      ...(locale ? { 'intl.locale.requested': locale } : {}),
      // A suite's own prefs, e.g. Mozilla's test pref that grants optional permissions without a
      // prompt (`extensions.webextOptionalPermissionPrompts: false`), for a real "Allow" click.
      ...prefs,
    },
  });
  let languagePack: { remove(): void } | undefined;
  try {
    if (locale) {
      // Before the extension, which picks its _locales/ language once, when it starts.
      const pack = writeLanguagePack(locale, await browser.version());
      languagePack = pack;
      await browser.installExtension(pack.dir);
    }
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
        await pollPage(page, `${url} to load`, () => document.readyState === 'complete', undefined, 15_000);
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
        languagePack?.remove();
      },
    };
    return driver;
  } catch (error) {
    await browser.close();
    languagePack?.remove();
    throw error;
  }
}

/**
 * `page.goto()` to a moz-extension:// URL never resolves over BiDi, so start the navigation,
 * ignore its promise, and wait for the page's own content instead.
 */
async function openExtensionUrl(page: Page, url: string, selector: string): Promise<void> {
  page.goto(url).catch(() => {});
  await pollPage(page, `${url} showing ${selector}`, ({ url, selector }) => location.href === url && document.querySelector(selector) !== null, { url, selector });
}

/**
 * Evaluate `check` in the page until it returns true. Unlike `page.waitForFunction`, this
 * survives the page's realm being replaced mid-evaluation (about:blank → the real document),
 * which Firefox reports as an internal BiDi error ("right-hand side of 'in' should be an
 * object, got null") rather than as a navigation.
 */
async function pollPage<A>(page: Page, what: string, check: (arg: A) => boolean, arg: A, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await page.evaluate(check as (arg: unknown) => boolean, arg)) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

function wrap(page: Page): DriverPage {
  return {
    evaluate: (fn, arg) => page.evaluate(fn as (arg: unknown) => unknown, arg) as Promise<never>,
    evaluateScript: (source) => page.evaluate(source) as Promise<never>,
    click: (selector) => page.click(selector),
    type: async (selector, text, { replace = false } = {}) => {
      if (replace) {
        // Select what is there (no event), then delete it with a real key press.
        await page.focus(selector);
        await page.$eval(selector, (field) => (field as HTMLInputElement).select());
        await page.keyboard.press('Backspace');
      }
      await page.type(selector, text);
    },
    clickAt: (x, y) => page.mouse.click(x, y),
    press: (key) => page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]),
    reload: async () => {
      await page.reload().catch(() => {});
      await pollPage(page, 'the page to reload', () => document.readyState === 'complete', undefined, 15_000);
    },
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
