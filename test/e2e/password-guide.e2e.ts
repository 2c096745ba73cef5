import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { waitForBadge, waitForSession } from './support/extension-state';
import { FEED, ROOT } from './support/feed';
import { launchFirefox } from './support/firefox';
import { requestsSince as readRequestLog, type LoggedRequest } from './support/server';
import { poll } from './support/poll';
import { clickInShadow, waitForShadow } from './support/shadow';
import { SITES, siteUrl } from './support/sites';
import { guidePageUrl } from '../../utils/pages';

/**
 * The password guide and the new-password assistant (issue 5), end to end in Chromium and Firefox,
 * on the Manage My Health fixture under its real hostname:
 *
 *   banner "Secure your account" ─► guide (well-known check on the portal's own origin) ─► opt in
 *   ─► change-password page: weak then strong password, meter and breach check (a fake range API
 *   under api.pwnedpasswords.com) ─► every request inspected ─► submit ─► "Mark step 1 done"
 *   ─► finish the guide ─► the notice banner is gone.
 *
 * It runs builds that differ from the production ones in their manifest only (manifest.e2e.ts
 * checks the production ones):
 * - WXT_PORTAL_GUARD_E2E_GRANT_OPTIONAL_HOSTS=1 lists the optional range-API origin as granted,
 *   because neither browser lets an automated test answer a permission prompt: the guide's
 *   `permissions.request` then resolves at once, as after a patient's "Allow";
 * - WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS=1 grants the portal patterns, so the test can read
 *   our closed shadow roots the only way the page cannot: from the extension's own isolated world
 *   (`scripting.executeScript` with `dom.openOrClosedShadowRoot()` in Chromium, the
 *   `openOrClosedShadowRoot` property in Firefox).
 * Clicks on our buttons are real mouse clicks at their coordinates, because the assistant and the
 * banner ignore untrusted events.
 */

const run = promisify(execFile);
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

const RANGE_HOST = 'api.pwnedpasswords.com';
const WEAK = 'password1';
const STRONG = 'kauri tuatara lantern harbour';
const OLD = 'my old portal password';
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex').toUpperCase();
/** What must never leave: the passwords, their SHA-1 and the 35-character suffixes, in either case. */
const SECRETS = [
  WEAK,
  STRONG,
  OLD,
  encodeURIComponent(STRONG),
  ...[WEAK, STRONG].flatMap((password) => [sha1(password), sha1(password).slice(5)].flatMap((hex) => [hex, hex.toLowerCase()])),
];
const WEAK_BREACH_COUNT = 2_254_650;

const dashboard = siteUrl('managemyhealth', '/dashboard');
const wellKnown = siteUrl('managemyhealth', '/.well-known/change-password');
// Dates follow the browser's language (utils/i18n/format.ts): "4 Dec 2026" in en-GB or en-NZ, "Dec 4, 2026" in the
// en-US that headless Chromium and Firefox run in.
const SHOWN_DATE = String.raw`(?:\d{1,2} \w{3} \d{4}|\w{3} \d{1,2}, \d{4})`;
const guidePath = guidePageUrl({ portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }, 'guide.html');

/** A padded range answer, as the real API sends with Add-Padding: true (count-0 lines are padding). */
function rangeBody(prefix: string, hit?: { suffix: string; count: number }): string {
  const lines = Array.from({ length: 800 }, (_, index) => `${createHash('sha1').update(`${prefix}:${index}`).digest('hex').toUpperCase().slice(5)}:${index % 4 === 0 ? 0 : (index * 7) % 300}`);
  if (hit) lines.splice(411, 0, `${hit.suffix}:${hit.count}`);
  return `${lines.join('\r\n')}\r\n`;
}

function serveRange(password: string, hit: boolean): void {
  const hash = sha1(password);
  const file = join(e2eContext().servedDir, RANGE_HOST, 'range', hash.slice(0, 5));
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, rangeBody(hash.slice(0, 5), hit ? { suffix: hash.slice(5), count: WEAK_BREACH_COUNT } : undefined));
}

/** Builds whose manifest lists the optional range-API origin as granted (see above). */
async function buildGrantedExtensions(): Promise<{ chrome: string; firefox: string }> {
  const env = { ...process.env, WXT_PORTAL_GUARD_E2E_GRANT_OPTIONAL_HOSTS: '1', WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS: '1' };
  await run('npx', ['wxt', 'build', '--mode', 'e2e-guide'], { cwd: ROOT, env });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e-guide'], { cwd: ROOT, env });
  return { chrome: join(ROOT, '.output/chrome-mv3-e2e-guide'), firefox: join(ROOT, '.output/firefox-mv3-e2e-guide') };
}

const storageLocal = <T>(driver: ExtensionDriver, key: string) => driver.extension(async (api, key) => (await api.storage.local.get(key))[key] ?? null, key) as Promise<T | null>;

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

const requestsSince = (since: number) => readRequestLog(e2eContext().requestLog, since);

/** Today in the browser's (and this machine's) time zone, as the guide records it. */
const today = () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

let builds: { chrome: string; firefox: string };

beforeAll(async () => {
  builds = await buildGrantedExtensions();
  serveRange(WEAK, true);
  serveRange(STRONG, false);
}, 120_000);

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: () => launchChromium(e2eContext(), { extensionDir: builds.chrome }) },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), // The opt-in also asks for the optional data collection it declares (authenticationInfo), which
  // no manifest can pre-grant: Mozilla's test pref accepts that prompt as the patient would.
  launch: () => launchFirefox(e2eContext(), { extensionDir: builds.firefox, prefs: { 'extensions.webextOptionalPermissionPrompts': false } }) },
] as const;

for (const { name, available, launch } of browsers) {
  describe.skipIf(!available())(`password guide and assistant in ${name}`, () => {
    let driver: ExtensionDriver;
    let startedAt = 0;
    let guide: DriverPage | undefined;
    let portal: { tabId: number; page: DriverPage } | undefined;
    const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-guide-${label}.png`);

    beforeAll(async () => {
      startedAt = Date.now();
      driver = await launch();
    });
    afterAll(async () => {
      await guide?.close().catch(() => {});
      await portal?.page.close().catch(() => {});
      await driver?.close();
    });

    test('1. the banner’s “Secure your account” starts the guide for this portal, which checks the well-known URL on the portal’s own origin', async () => {
      const { tabId, page } = await driver.openTab(dashboard);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: dashboard });
        const banner = await waitForShadow(driver, tabId, 'portal-guard-banner', 'the banner', (view) => view.rects['button:Secure your account'] !== undefined);
        expect(banner.pageSeesShadowRoot).toBe(false);
        await page.screenshot(shot('1-banner'));
        await clickInShadow(driver, page, tabId, 'portal-guard-banner', 'button:Secure your account');

        // The guide opened in a tab of its own, for this portal and host.
        const views = await poll('the guide tab', () => driver.extension(async (api) => ((api as unknown as { extension: { getViews(filter: { type: string }): Window[] } }).extension.getViews({ type: 'tab' }) ?? []).map((view) => view.location.href), undefined), (hrefs) => hrefs.some((href) => href.includes('guide.html')));
        expect(views.find((href) => href.includes('guide.html'))).toBe(`${driver.extensionOrigin}${guidePath}`);

        // The content script checked the well-known URL, same-origin, canary first.
        const progress = await poll('the well-known check', () => storageLocal<Record<string, { host?: string; probe?: { result: string; origin: string } }>>(driver, 'guideProgress'), (value) => value?.managemyhealth?.probe !== undefined);
        expect(progress!.managemyhealth).toMatchObject({ host: 'portal.managemyhealth.co.nz', probe: { origin: 'https://portal.managemyhealth.co.nz', result: 'supported' } });
        const probes = requestsSince(startedAt).filter((request) => request.host === SITES.managemyhealth.host && request.url.startsWith('/.well-known/'));
        expect(probes.map((request) => `${request.method} ${request.url} ${request.status}`)).toEqual([
          'GET /.well-known/resource-that-should-not-exist-whose-status-code-should-not-be-200 404',
          'GET /.well-known/change-password 200',
        ]);
        for (const request of probes) expect(request.headers.cookie).toBeUndefined();
      } finally {
        await page.close();
      }
    });

    test('2. the guide: step 1 links to the checked well-known URL, facts from the catalogue, accessible; the patient opts in to the breach check', async () => {
      guide = await driver.openExtensionPage(guidePath, '[data-testid=guide-step-change-password]');
      const view = await guide.evaluate(
        () => ({
          heading: document.querySelector('h1')?.textContent ?? '',
          link: document.querySelector('[data-testid=guide-open-change-password]')?.getAttribute('href') ?? '',
          twoStep: document.querySelector('[data-testid=guide-two-step]')?.textContent ?? '',
          current: document.querySelector('[aria-current=step]')?.getAttribute('data-testid') ?? '',
          progress: document.querySelector('[data-testid=guide-progress]')?.textContent ?? '',
        }),
        undefined,
      );
      expect(view.heading).toBe('Secure your Manage My Health account');
      expect(view.link).toBe(wellKnown);
      expect(view.twoStep).toContain('Dashboard → Account Security Status');
      expect(view.current).toBe('guide-step-change-password');
      expect(view.progress).toBe('0 of 5 steps done or skipped, about 20 minutes left.');
      const violations = await guide.evaluateScript<AxeViolation[]>(`${axeSource}\n;axe.run(document).then((result) => result.violations)`);
      expect(violations.map((violation) => `${violation.id}: ${violation.help} ${JSON.stringify(violation.nodes.map((node) => node.target))}`)).toEqual([]);
      await guide.screenshot(shot('2-guide'));

      await guide.click('[data-testid=guide-breach-check]');
      await poll('the opt-in to be saved', () => storageLocal<{ breachCheck: boolean }>(driver, 'settings'), (settings) => settings?.breachCheck === true);
      expect(await guide.evaluate(() => (document.querySelector('[data-testid=guide-breach-check]') as HTMLInputElement).checked, undefined)).toBe(true);
    });

    test('3. on the change-password page: a weak password (meter low, found in breaches), then a strong one (meter high, not found)', async () => {
      portal = await driver.openTab(wellKnown);
      const { tabId, page } = portal;
      await waitForSession(driver, tabId, { state: 'signed-in', url: wellKnown });
      const idle = await waitForShadow(driver, tabId, 'portal-guard-password', 'the assistant', (candidate) => candidate.text['assistant-hint'] !== undefined);
      expect(idle.pageSeesShadowRoot).toBe(false);
      // Right after the portal's own field.
      expect(await page.evaluate(() => document.querySelector('#newPassword')?.nextElementSibling?.tagName.toLowerCase(), undefined)).toBe('portal-guard-password');

      await page.type('#oldPassword', OLD);
      await page.type('#newPassword', WEAK);
      const weak = await waitForShadow(driver, tabId, 'portal-guard-password', 'a weak score and a breach hit', (candidate) => candidate.data['strength-label']?.score !== undefined && candidate.data['pwned-result']?.status === 'found');
      expect(Number(weak.data['strength-label']!.score)).toBeLessThanOrEqual(1);
      expect(weak.text.meter).toMatch(/^(Very weak|Weak)$/);
      expect(weak.text['pwned-result']).toContain(`Found in data breaches (${WEAK_BREACH_COUNT.toLocaleString('en-NZ')} times)`);
      expect(weak.text['length-advice']).toContain('Longer is stronger');
      await page.screenshot(shot('3-weak-password'));

      await page.type('#newPassword', STRONG, { replace: true });
      const strong = await waitForShadow(driver, tabId, 'portal-guard-password', 'a strong score and no breach', (candidate) => Number(candidate.data['strength-label']?.score ?? -1) >= 3 && candidate.data['pwned-result']?.status === 'not-found');
      expect(strong.text.meter).toMatch(/^(Strong|Very strong)$/);
      expect(strong.text['length-advice']).toContain('a good length');
      await page.type('#confirmPassword', 'kauri tuatara lantern X');
      await waitForShadow(driver, tabId, 'portal-guard-password', 'the mismatch warning', (candidate) => candidate.text['confirm-mismatch'] !== undefined);
      await page.type('#confirmPassword', STRONG, { replace: true });
      await waitForShadow(driver, tabId, 'portal-guard-password', 'no mismatch', (candidate) => candidate.text['confirm-mismatch'] === undefined);
      await page.screenshot(shot('4-strong-password'));
      // The portal's fields are the portal's: we never wrote to them.
      expect(await page.evaluate(() => (document.querySelector('#newPassword') as HTMLInputElement).value.length, undefined)).toBe(STRONG.length);
    });

    test('4. every request the extension made: only 5-character prefixes went to the range API, and no password, hash or suffix went anywhere', () => {
      const requests = requestsSince(startedAt);
      const show = (request: LoggedRequest) => `${request.method} https://${request.host}${request.url}`;
      const range = requests.filter((request) => request.host === RANGE_HOST);
      expect(range.length).toBeGreaterThanOrEqual(2);
      for (const request of range) {
        expect(show(request)).toMatch(/^GET https:\/\/api\.pwnedpasswords\.com\/range\/[0-9A-F]{5}$/);
        expect(request.headers['add-padding']).toBe('true');
        expect(request.headers.cookie).toBeUndefined();
        expect(request.headers.referer).toBeUndefined();
      }
      expect(new Set(range.map((request) => request.url.slice(-5)))).toEqual(new Set([sha1(WEAK).slice(0, 5), sha1(STRONG).slice(0, 5)]));

      // Everything else went to the fixture portals, the feed host or the browser vendor.
      const fixtureHosts = new Set<string>(Object.values(SITES).map((site) => site.host));
      const vendor = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|mozilla\.com|mozilla\.net|mozilla\.org|firefox\.com|mozaws\.net)$/;
      expect(requests.filter((request) => !fixtureHosts.has(request.host) && request.host !== FEED.hostname && request.host !== RANGE_HOST && !vendor.test(request.host)).map(show)).toEqual([]);

      // Not the password, not the hash, not the suffix, in any URL or header of any request.
      const everything = JSON.stringify(requests);
      for (const secret of SECRETS) expect(everything.includes(secret), `a request carried ${secret.slice(0, 3)}…`).toBe(false);
    });

    test('5. submitting the form offers “Mark step 1 done”; a real click marks it, and the guide shows it', async () => {
      const { tabId, page } = portal!;
      await page.click('#change-submit');
      // The portal's own validation ran and replaced the form.
      await poll('the portal to accept the change', () => page.evaluate(() => document.querySelector('#changed')?.textContent ?? null, undefined), (text) => text === 'Your password has been changed.');
      const offer = await waitForShadow(driver, tabId, 'portal-guard-password-offer', 'the offer', (candidate) => candidate.rects['offer-mark-done'] !== undefined);
      expect(offer.pageSeesShadowRoot).toBe(false);
      await page.screenshot(shot('5-offer'));
      await clickInShadow(driver, page, tabId, 'portal-guard-password-offer', 'offer-mark-done');
      await waitForShadow(driver, tabId, 'portal-guard-password-offer', 'the confirmation', (candidate) => candidate.text['offer-marked'] !== undefined);
      const progress = await poll('step 1 to be saved', () => storageLocal<Record<string, { steps: Record<string, { status: string }> }>>(driver, 'guideProgress'), (value) => value?.managemyhealth?.steps['change-password']?.status === 'done');
      expect(Object.keys(progress!.managemyhealth!.steps)).toEqual(['change-password']);
      await page.screenshot(shot('6-step-1-marked'));
      // The open guide page updated by itself.
      await poll('the guide to show step 1 done', () => guide!.evaluate(() => document.querySelector('[data-testid=guide-step-change-password-status]')?.textContent ?? '', undefined), (text) => text.includes('Done'));
    });

    test('6. the guide resumes where it was left; finishing records the change date, shows a summary, and the notice banner no longer shows', async () => {
      // Close the guide and open it again (also brings it to the front: background tabs get no
      // animation frames, which the drivers' clicks wait for).
      await guide!.close();
      guide = await driver.openExtensionPage(guidePath, '[data-testid=guide-step-change-password-status]');
      expect(await guide.evaluate(() => document.querySelector('[aria-current=step]')?.getAttribute('data-testid'), undefined)).toBe('guide-step-two-step');
      for (const step of ['two-step', 'reused-passwords', 'account-access', 'stay-alert']) {
        await guide!.click(`[data-testid=guide-step-${step}-done]`);
        await poll(`step ${step}`, () => guide!.evaluate((id) => document.querySelector(`[data-testid=guide-step-${id}-status]`) !== null, step), Boolean);
      }
      await guide!.click('[data-testid=guide-finish]');
      const summary = await poll('the summary with the date', () => guide!.evaluate(() => document.querySelector('[data-testid=guide-summary-changed]')?.textContent ?? '', undefined), (text) => new RegExp(` on ${SHOWN_DATE}\\.`).test(text));
      expect(summary).toMatch(new RegExp(`^You changed your password on ${SHOWN_DATE}\\. Breach notices about Manage My Health from before that date no longer show on the portal\\.$`));
      expect(await storageLocal<Record<string, { passwordChangedOn?: string }>>(driver, 'portalAccounts')).toEqual({ managemyhealth: { passwordChangedOn: today() } });
      await guide!.screenshot(shot('7-summary'));

      const { tabId, page } = await driver.openTab(dashboard);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: dashboard });
        expect((await waitForBadge(driver, tabId, 'ON')).text).toBe('ON');
        // Give the content script time to report and (wrongly) load the banner.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(await page.evaluate(() => document.querySelector('portal-guard-banner') !== null, undefined)).toBe(false);
        await page.screenshot(shot('8-no-banner'));
      } finally {
        await page.close();
      }
    });

    test('the popup offers the guide for the portal shown', async () => {
      const { tabId, page } = await driver.openTab(dashboard);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: dashboard });
        const popup = await driver.openExtensionPage(`popup.html?tabId=${tabId}`, '[data-testid=guide-link]');
        try {
          expect(await popup.evaluate(() => document.querySelector('[data-testid=guide-link]')?.getAttribute('href'), undefined)).toBe(`${driver.extensionOrigin}${guidePath}`);
        } finally {
          await popup.close();
        }
      } finally {
        await page.close();
      }
    });
  });
}
