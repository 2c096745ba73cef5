import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { e2eContext } from './context';
import type { DriverPage, ExtensionDriver } from './driver';
import { waitForBadge, waitForSession } from './extension-state';
import { FEED } from './feed';
import { openPopup, type PopupView } from './popup';
import { PAGE_CASES } from './portal-cases';
import type { LoggedRequest } from './server';
import { SITES, siteUrl } from './sites';

/**
 * The browsers' own background traffic (update checks, remote settings), which the extension
 * does not cause and cannot prevent.
 */
const BROWSER_VENDOR_SUFFIXES = ['google.com', 'googleapis.com', 'gstatic.com', 'gvt1.com', 'mozilla.com', 'mozilla.net', 'mozilla.org', 'firefox.com', 'mozaws.net'];

export interface PortalSuiteOptions {
  launch: () => Promise<ExtensionDriver>;
  /** Extra checks on every rendered popup (Chromium runs axe-core here). */
  checkPopup?: (popup: DriverPage, name: string) => Promise<void>;
}

/**
 * The browser-independent end-to-end cases: recognition, badge, popup and screenshots for every
 * row of PAGE_CASES, the single-page-app transition, and an unknown site. Call it inside a
 * `describe` that owns one browser.
 */
export function definePortalSuite({ launch, checkPopup }: PortalSuiteOptions): void {
  let driver: ExtensionDriver;
  const shot = (kind: 'page' | 'popup', name: string) => join(e2eContext().screenshotsDir, `${driver.browser}-${kind}-${name}.png`);

  let startedAt = 0;

  beforeAll(async () => {
    startedAt = Date.now();
    driver = await launch();
  });
  afterAll(async () => {
    await driver?.close();
  });

  test('the catalogue hosts are granted to the content script at install', async () => {
    // Firefox MV3 treats content-script matches as host permissions the user may withhold; if
    // they were not granted, nothing below could work, and this says why.
    const matches = await driver.extension((api) => api.runtime.getManifest().content_scripts?.flatMap((script) => script.matches) ?? [], undefined);
    expect(matches.length).toBeGreaterThan(0);
    // getAll, not contains(): with an optional `https://*/*` (custom portals, asked for at run
    // time) Chromium's contains() answers false for every origin the content script was granted,
    // while getAll() lists them and the script runs.
    const granted = (await driver.extension((api) => api.permissions.getAll(), undefined)).origins ?? [];
    expect(matches.filter((match) => !granted.includes(match)), `content-script origins not granted; granted: ${JSON.stringify(granted)}`).toEqual([]);
  });

  test.each(PAGE_CASES)('$name: recognised as $state, badge and popup', async (row) => {
    const url = siteUrl(row.site, row.path);
    const { tabId, page } = await driver.openTab(url);
    try {
      await waitForSession(driver, tabId, { state: row.state, url });
      await page.screenshot(shot('page', row.name));

      expect(await waitForBadge(driver, tabId, row.badge.text)).toEqual(row.badge);

      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('popup', row.name));
        expectPopup(popup.view, row.popup);
        await checkPopup?.(popup.page, row.name);
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test('the toolbar popup, opened over a signed-in Manage My Health tab, describes that tab', async () => {
    // Every other popup here is `popup.html?tabId=` opened as a tab. This is the real toolbar
    // popup, which names no tab: the background finds the active one (ui-bg/active-tab-status).
    const url = siteUrl('managemyhealth', '/dashboard');
    const { tabId, page } = await driver.openTab(url);
    try {
      await waitForSession(driver, tabId, { state: 'signed-in', url });
      const shown = await driver.extension(async (api) => {
        await api.action.openPopup();
        // No inner functions: the test runner would wrap their names in a helper the page lacks.
        for (let attempt = 0; attempt < 400; attempt++) {
          const view = api.extension.getViews({ type: 'popup' })[0];
          const ready = view?.document.querySelector('[data-testid=session-state], [role=alert], [data-testid=not-a-portal]');
          if (view && ready) {
            const result = {
              portal: view.document.querySelector('[data-testid=portal-name]')?.textContent ?? null,
              session: view.document.querySelector('[data-testid=session-state]')?.textContent?.trim() ?? null,
              notices: view.document.querySelectorAll('[data-testid=notice-title]').length,
              error: view.document.querySelector('[role=alert]')?.textContent ?? null,
            };
            view.close();
            return result;
          }
          await new Promise((done) => setTimeout(done, 25));
        }
        return undefined;
      }, undefined);
      expect(shown).toEqual({ portal: 'Manage My Health', session: 'Signed in', notices: 1, error: null });
    } finally {
      await page.close();
    }
  });

  test('follows a single-page app from its sign-in form to signed in (history.pushState)', async () => {
    const loginUrl = siteUrl('managemyhealth', '/app/login');
    const { tabId, page } = await driver.openTab(loginUrl);
    try {
      await waitForSession(driver, tabId, { state: 'login', url: loginUrl });
      await page.click('#login-form button[type=submit]');
      // Same document: only the URL and the DOM changed.
      expect(await page.evaluate(() => performance.getEntriesByType('navigation').length, undefined)).toBe(1);
      const homeUrl = siteUrl('managemyhealth', '/app/home');
      await waitForSession(driver, tabId, { state: 'signed-in', url: homeUrl });
      await page.screenshot(shot('page', 'managemyhealth-spa-signed-in'));
      expect(await waitForBadge(driver, tabId, '!1')).toEqual({ text: '!1', title: 'Portal Guard: Manage My Health — Signed in. 1 breach notice.' });

      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('popup', 'managemyhealth-spa-signed-in'));
        expect(popup.view.sessionState).toBe('Signed in');
      } finally {
        await popup.page.close();
      }

      // And back out again, still without a page load.
      await page.click('#logout');
      await waitForSession(driver, tabId, { state: 'login', url: loginUrl });
    } finally {
      await page.close();
    }
  });

  test('an unknown site is not recognised, and the popup says it is not a known portal', async () => {
    const url = siteUrl('exampleClinic');
    const { tabId, page } = await driver.openTab(url);
    try {
      await page.screenshot(shot('page', 'unknown-example-clinic'));
      // No content script here, so no session and no badge.
      expect(await driver.extension(async (api) => (await api.storage.session.get('tabSessions')).tabSessions ?? {}, undefined)).not.toHaveProperty(String(tabId));
      expect((await waitForBadge(driver, tabId, '')).text).toBe('');

      const popup = await openPopup(driver, tabId);
      try {
        await popup.page.screenshot(shot('popup', 'unknown-example-clinic'));
        expect(popup.view.error).toBeNull();
        expect(popup.view.notAPortal).toBe(true);
        expect(popup.view.portalName).toBeNull();
        expect(popup.view.sessionState).toBeNull();
        await checkPopup?.(popup.page, 'unknown-example-clinic');
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
  });

  test('nothing left the browser but the portal pages the test opened and the feed check', () => {
    const requests = readFileSync(e2eContext().requestLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as LoggedRequest).filter((request) => request.at >= startedAt);
    const fixtureHosts = new Set<string>(Object.values(SITES).map((site) => site.host));
    expect(requests.some((request) => fixtureHosts.has(request.host)), 'the portal pages were served under their real names').toBe(true);
    // Every hostname resolves to the test server, so a request to anywhere else shows up here.
    // The one request the extension may make is a plain GET of the breach-notice feed.
    const show = (request: LoggedRequest) => `${request.method} https://${request.host}${request.url}`;
    const elsewhere = requests.filter((request) => !fixtureHosts.has(request.host) && request.host !== FEED.hostname && !BROWSER_VENDOR_SUFFIXES.some((suffix) => request.host === suffix || request.host.endsWith(`.${suffix}`)));
    expect(elsewhere.map(show)).toEqual([]);
    const feedChecks = requests.filter((request) => request.host === FEED.hostname && request.method !== 'OPTIONS');
    for (const request of feedChecks) {
      expect(show(request)).toBe(`GET ${FEED.href}`);
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.referer).toBeUndefined();
    }
    const fromExtension = requests.filter((request) => String(request.headers.origin ?? '') === driver.extensionOrigin.slice(0, -1) && request.host !== FEED.hostname);
    expect(fromExtension.map(show)).toEqual([]);
  });
}

function expectPopup(view: PopupView, expected: (typeof PAGE_CASES)[number]['popup']): void {
  expect(view.error).toBeNull();
  expect(view.notAPortal).toBe(false);
  expect(view.portalName).toBe(expected.portalName);
  expect(view.host).toBe(expected.host);
  expect(view.operator).toMatch(expected.operator);
  expect(view.sessionState).toBe(expected.sessionState);
  expect(view.noticeTitles).toHaveLength(expected.notices);
  for (const title of view.noticeTitles) expect(title.length).toBeGreaterThan(0);
  expect(view.noNotices).toBe(expected.notices === 0);
  expect(view.feedStatus).toBeTruthy();
}
