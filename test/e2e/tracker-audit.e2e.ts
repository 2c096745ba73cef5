import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { waitForSession } from './support/extension-state';
import { FEED } from './support/feed';
import { launchFirefox } from './support/firefox';
import { poll } from './support/poll';
import { openPopup } from './support/popup';
import { requestsSince, type LoggedRequest } from './support/server';
import { SITES, siteUrl } from './support/sites';

/**
 * The tracker audit (issue 16) in real Chromium and Firefox ESR, on the built extension. The
 * fixture Manage My Health portal's signed-in page loads a Meta Pixel (`www.facebook.com/tr?…`,
 * the <img> form Meta documents) and sends a GA4 hit (`www.google-analytics.com/g/collect?…`,
 * with `navigator.sendBeacon`, as gtag.js does); both hostnames are mapped onto the fixture
 * server, so the requests are real and logged, and nothing leaves the machine.
 *
 * Shown: the content script reads both from the page's resource timing (in Firefox too, through
 * its Xray view of the page's `performance`), the background stores vendor, host, parameter names
 * and dates, the popup lists them, and the explanation page renders; the sign-in page and the
 * switched-off audit record nothing; the extension makes no request of its own.
 */

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: () => launchChromium(e2eContext()) },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), launch: () => launchFirefox(e2eContext()) },
] as const;

interface Sighting {
  tracker: string;
  vendor: string;
  product: string;
  host: string;
  params: string[];
  firstSeen: number;
  lastSeen: number;
}

const SIGNED_IN = siteUrl('managemyhealth', '/dashboard/tracked');
const SIGN_IN = siteUrl('managemyhealth', '/login/tracked');
/** The batching delay in the content script is 1 s; a page that sent nothing within this sent nothing. */
const QUIET_MS = 3_000;

for (const { name, available, launch } of browsers) {
  describe.skipIf(!available())(`the tracker audit in ${name}`, () => {
    let driver: ExtensionDriver;
    let startedAt: number;
    const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-${label}.png`);
    const sightings = () => driver.extension(async (api) => ((await api.storage.local.get('trackerSightings')).trackerSightings ?? {}) as Record<string, Sighting[]>, undefined);
    /** The page's own record of what it loaded: both tracker requests must be in it before we judge. */
    const trackerRequestsLoaded = (page: DriverPage) =>
      poll('the page’s tracker requests', () => page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).hostname), undefined), (hosts) => hosts.includes('www.facebook.com') && hosts.includes('www.google-analytics.com'), 10_000);

    beforeAll(async () => {
      startedAt = Date.now();
      driver = await launch();
    });
    afterAll(async () => {
      await driver?.close();
    });

    test('on the sign-in page nothing is recorded, though the page loads both trackers', async () => {
      const { tabId, page } = await driver.openTab(SIGN_IN);
      try {
        await waitForSession(driver, tabId, { state: 'login', url: SIGN_IN });
        await trackerRequestsLoaded(page);
        await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        expect(await sightings()).toEqual({});
      } finally {
        await page.close();
      }
    });

    test('on the signed-in page, Meta and Google Analytics are recorded with their parameter names, and no URL or value', async () => {
      const { tabId, page } = await driver.openTab(SIGNED_IN);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: SIGNED_IN });
        await trackerRequestsLoaded(page);
        const stored = await poll('both trackers recorded', sightings, (all) => (all.managemyhealth ?? []).length >= 2, 10_000);
        const byTracker = Object.fromEntries(stored.managemyhealth!.map((sighting) => [sighting.tracker, sighting]));
        expect(byTracker['meta-pixel']).toMatchObject({ vendor: 'Meta', product: 'Pixel', host: 'www.facebook.com', params: ['cd[content_name]', 'dl', 'ev'] });
        expect(byTracker['google-analytics']).toMatchObject({ vendor: 'Google', product: 'Analytics', host: 'www.google-analytics.com', params: ['dl', 'dt', 'en', 'ep.portal_section'] });
        const text = JSON.stringify(await driver.extension(async (api) => api.storage.local.get(null as unknown as string), undefined));
        expect(text).not.toMatch(/https?:\/\/[^"]*(tracked|collect|\/tr)|Lab results|G-E2ETEST01|1234567890/);

        const popup = await openPopup(driver, tabId);
        try {
          await popup.page.evaluate(() => document.querySelector('[data-testid="trackers"]') !== null, undefined);
          const view = await poll(
            'the popup’s tracker line',
            () => popup.page.evaluate(() => ({ summary: document.querySelector('[data-testid="trackers-summary"]')?.textContent ?? '', items: [...document.querySelectorAll('[data-testid="tracker"]')].map((item) => item.textContent?.replace(/\s+/g, ' ').trim() ?? ''), link: document.querySelector<HTMLAnchorElement>('[data-testid="trackers-explain"]')?.href ?? '' }), undefined),
            (found) => found.items.length === 2,
            5_000,
          );
          // In the order first seen; both arrive with one page, so either may come first.
          expect(['Meta (Pixel) and Google (Analytics)', 'Google (Analytics) and Meta (Pixel)'].map((list) => `While you were signed in, this portal’s pages sent data to ${list}.`)).toContain(view.summary);
          const meta = view.items.find((item) => item.startsWith('Meta'))!;
          const google = view.items.find((item) => item.startsWith('Google'))!;
          // The day in the browser's language: en-US "Dec 4, 2026" headless, "4 Dec 2026" elsewhere.
          expect(meta).toMatch(/^Meta \(Pixel\), first seen (\w{3} \d{1,2}, \d{4}|\d{1,2} \w{3} \d{4}) \(page content in: cd\[content_name\], dl, ev\)$/);
          expect(google).toMatch(/^Google \(Analytics\), first seen .+ \(page content in: dl, dt, en, ep\.portal_section\)$/);
          expect(view.link).toBe(`${driver.extensionOrigin}trackers.html?portal=managemyhealth`);
          await popup.page.screenshot(shot('trackers-popup'));
        } finally {
          await popup.page.close();
        }

        const explain = await driver.openExtensionPage('trackers.html?portal=managemyhealth', '[data-testid="tracker-fact"]');
        try {
          const facts = await explain.evaluate(() => ({ facts: [...document.querySelectorAll('[data-testid="tracker-fact"]')].map((fact) => fact.textContent?.replace(/\s+/g, ' ') ?? ''), routes: [...document.querySelectorAll<HTMLAnchorElement>('[data-testid="complaint-routes"] a')].map((link) => [link.textContent, link.href]) }), undefined);
          expect(facts.facts.join('\n')).toContain('www.facebook.com');
          expect(facts.facts.join('\n')).toContain('ep.portal_section');
          // Manage My Health is a New Zealand portal: the Privacy Commissioner comes first.
          expect(facts.routes[0]![0]).toBe('Office of the Privacy Commissioner (New Zealand)');
          expect(facts.routes.map(([, href]) => href)).toEqual(expect.arrayContaining(['https://www.hhs.gov/ocr/complaints/index.html', 'https://ico.org.uk/make-a-complaint/']));
          for (const [, href] of facts.routes) expect(href).toMatch(/^https:\/\//);
          await explain.screenshot(shot('trackers-page'));
        } finally {
          await explain.close();
        }
      } finally {
        await page.close();
      }
    });

    test('switched off on the settings page, and cleared, nothing more is recorded', async () => {
      const options = await driver.openExtensionPage('options.html', '[data-testid="tracker-audit"]');
      try {
        await options.click('[data-testid="tracker-audit"]');
        await poll('the switch saved', () => driver.extension(async (api) => (await api.storage.local.get('trackerAuditPrefs')).trackerAuditPrefs, undefined), (value) => JSON.stringify(value) === JSON.stringify({ enabled: false }), 5_000);
        await options.click('details[data-portal="managemyhealth"] summary');
        await options.click('[data-testid="clear-trackers"]');
        await poll('the record cleared', sightings, (all) => all.managemyhealth === undefined, 5_000);
      } finally {
        await options.close();
      }
      const { tabId, page } = await driver.openTab(SIGNED_IN);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: SIGNED_IN });
        await trackerRequestsLoaded(page);
        await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        expect(await sightings()).toEqual({});
      } finally {
        await page.close();
      }
    });

    test('the request log shows only the pages’ own requests: the extension made none', () => {
      const requests = requestsSince(e2eContext().requestLog, startedAt);
      const show = (request: LoggedRequest) => `${request.method} https://${request.host}${request.url.split('?')[0]}`;
      // Three page loads, each with one pixel and one beacon, and not one more: no replay, no copy.
      expect(requests.filter((request) => request.host === SITES.metaPixel.host).map(show)).toEqual(Array(3).fill('GET https://www.facebook.com/tr'));
      expect(requests.filter((request) => request.host === SITES.googleAnalytics.host).map(show)).toEqual(Array(3).fill('POST https://www.google-analytics.com/g/collect'));
      const fromExtension = requests.filter((request) => /^(chrome|moz)-extension:/.test(String(request.headers.origin ?? '')) && request.host !== FEED.hostname);
      expect(fromExtension.map(show)).toEqual([]);
      const vendor = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com|mozaws\.net)$/;
      const known = new Set<string>([SITES.managemyhealth.host, SITES.metaPixel.host, SITES.googleAnalytics.host, FEED.hostname]);
      expect(requests.filter((request) => !known.has(request.host) && !vendor.test(request.host)).map(show)).toEqual([]);
    });
  });
}
