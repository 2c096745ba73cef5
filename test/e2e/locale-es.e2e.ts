import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { waitForBadge, waitForSession } from './support/extension-state';
import { launchFirefox } from './support/firefox';
import { FITS, horizontalOverflow } from './support/overflow';
import { openPopup } from './support/popup';
import { withGrantedHosts } from './support/pregrant';
import { waitForShadow } from './support/shadow';
import { siteUrl } from './support/sites';
import { guidePageUrl } from '../../utils/pages';

/**
 * Spanish for US patients (issue 17, item 3; utils/i18n/locales/es.yml), in the normal build: the
 * browser asked for Spanish (Chromium `--lang=es`, Firefox's `intl.locale.requested`) shows the
 * popup, the badge's tooltip, the banner on the portal, the notice page, the password guide and the
 * settings page in Spanish. Each test asserts a Spanish heading or label, so a browser that silently
 * fell back to English fails, and checks that no English message of ours is left on screen and that
 * nothing sticks out sideways (support/overflow.ts). The feed's own text (a notice's title
 * and summary) stays in the feed's language, English, by design. Screenshots go to
 * test-results/screenshots/locale-es-*.png, for a Spanish reader to look at.
 */

const MMH_ID = 'nz-managemyhealth-2025-12';
const KAISER_ID = 'us-kaiser-2024';
const mmhLogin = siteUrl('managemyhealth', '/');
const mmhDashboard = siteUrl('managemyhealth', '/dashboard');
const clevelandLogin = siteUrl('mychartCleveland', '/MyChart/Authentication/Login');

type Messages = Record<string, { message: string }>;
const readMessages = (dir: string, locale: string) => JSON.parse(readFileSync(join(dir, `_locales/${locale}/messages.json`), 'utf8')) as Messages;

/**
 * The English phrases a Spanish screen must not show: the text between placeholders of every
 * English message, where it differs from the Spanish one. Short pieces ("Save", "Status") are left
 * out, since feed text in English could contain them; a whole English sentence of ours cannot hide.
 */
function englishPhrases(dir: string): string[] {
  const en = readMessages(dir, 'en');
  const es = readMessages(dir, 'es');
  const phrases = new Set<string>();
  for (const [key, { message }] of Object.entries(en)) {
    if (key.startsWith('meta_') || es[key]?.message === message) continue;
    for (const form of message.split(' | ')) {
      for (const piece of form.split(/\{[A-Za-z0-9_]+\}/)) {
        const phrase = piece.replace(/^[\s.,:;()—–-]+|[\s.,:;()—–-]+$/g, '');
        if (phrase.length >= 14 && phrase.includes(' ') && !es[key]!.message.includes(phrase)) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/** The feed's own words for these notices, shown as written (English), never translated. */
function feedText(dir: string): string[] {
  const envelope = JSON.parse(readFileSync(join(dir, 'feed/feed.json'), 'utf8')) as { payload: string };
  const feed = JSON.parse(envelope.payload) as { notices: { id: string; title: string; summary: string; organization: string; notes?: string; links: { title?: string; url: string }[] }[] };
  return feed.notices
    .filter((notice) => notice.id === MMH_ID || notice.id === KAISER_ID)
    .flatMap((notice) => [notice.title, notice.summary, notice.organization, notice.notes ?? '', ...notice.links.flatMap((link) => [link.title ?? '', link.url])])
    .filter(Boolean);
}

/** English phrases of ours on the visible page, after the feed's own text is taken out. */
function leftoverEnglish(page: DriverPage, phrases: string[], data: string[]): Promise<string[]> {
  return page.evaluate(
    ({ phrases, data }) => {
      let text = document.body.innerText;
      for (const value of [...data].sort((a, b) => b.length - a.length)) text = text.split(value).join(' ');
      return phrases.filter((phrase) => text.includes(phrase));
    },
    { phrases, data },
  );
}

const visibleText = (page: DriverPage) => page.evaluate(() => document.body.innerText, undefined);

/**
 * The normal builds, with Manage My Health's origin also granted, so the test can read the banner's
 * closed shadow root from the extension's isolated world (support/shadow.ts); the extension itself
 * does not use the grant.
 */
const granted = (dir: string) => withGrantedHosts(dir, ['https://portal.managemyhealth.co.nz/*']);

const browsers = [
  {
    name: 'chromium',
    available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'),
    dir: () => e2eContext().chromeExtensionDir,
    // Chromium on Linux takes --lang for the extension's messages, but getUILanguage() still says
    // en-US, so dates are formatted in the messages' language (meta.locale: es).
    uiLanguage: /^(es|en-us)\b/,
    launch: (extensionDir: string) => launchChromium(e2eContext(), { extensionDir, lang: 'es' }),
  },
  {
    name: 'firefox',
    available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'),
    dir: () => e2eContext().firefoxExtensionDir,
    uiLanguage: /^es\b/,
    launch: (extensionDir: string) => launchFirefox(e2eContext(), { extensionDir, locale: 'es' }),
  },
] as const;

for (const { name, available, dir, uiLanguage, launch } of browsers) {
  describe.skipIf(!available())(`Spanish in ${name}`, () => {
    let driver: ExtensionDriver;
    let build: { dir: string; remove(): void } | undefined;
    let phrases: string[];
    let data: string[];
    const shot = (label: string) => join(e2eContext().screenshotsDir, `locale-es-${name}-${label}.png`);

    beforeAll(async () => {
      phrases = englishPhrases(dir());
      data = [...feedText(dir()), 'Manage My Health', 'Cleveland Clinic'];
      build = granted(dir());
      driver = await launch(build.dir);
    });

    afterAll(async () => {
      await driver?.close();
      build?.remove();
    });

    test('the browser gives the extension its Spanish messages', async () => {
      const seen = await driver.extension(
        async (api) => ({ ui: api.i18n.getUILanguage(), locale: api.i18n.getMessage('meta_locale'), heading: api.i18n.getMessage('popup_notices_whatHappened') }),
        undefined,
      );
      expect(seen.ui.toLowerCase()).toMatch(uiLanguage);
      expect(seen.locale).toBe('es');
      expect(seen.heading).toBe('Qué pasó');
    });

    test('the popup on Manage My Health, signed in, with its breach notice; nothing sticks out', async () => {
      const { tabId, page } = await driver.openTab(mmhDashboard);
      try {
        await waitForSession(driver, tabId, { state: 'signed-in', url: mmhDashboard });
        const badge = await waitForBadge(driver, tabId, '!1');
        expect(badge.title).toBe('Portal Guard: Manage My Health — Sesión iniciada. 1 aviso de filtración.');
        const popup = await openPopup(driver, tabId);
        try {
          await popup.page.screenshot(shot('popup-managemyhealth-signed-in'));
          expect(popup.view.sessionState).toBe('Sesión iniciada');
          expect(popup.view.noticeTitles.length).toBeGreaterThan(0);
          const text = await visibleText(popup.page);
          expect(text).toContain('Aviso de filtración');
          expect(text).toContain('Qué pasó');
          expect(await leftoverEnglish(popup.page, phrases, data)).toEqual([]);
          expect(await horizontalOverflow(popup.page)).toEqual(FITS);
        } finally {
          await popup.page.close();
        }
      } finally {
        await page.close();
      }
    });

    test('the popup on a US portal without a notice (Cleveland Clinic MyChart, sign-in page); nothing sticks out', async () => {
      const { tabId, page } = await driver.openTab(clevelandLogin);
      try {
        await waitForSession(driver, tabId, { state: 'login', url: clevelandLogin });
        const popup = await openPopup(driver, tabId);
        try {
          await popup.page.screenshot(shot('popup-mychart-cleveland-login'));
          expect(popup.view.sessionState).toBe('En la página de inicio de sesión');
          expect(await visibleText(popup.page)).toContain('Empezar la guía de contraseñas');
          expect(await leftoverEnglish(popup.page, phrases, data)).toEqual([]);
          expect(await horizontalOverflow(popup.page)).toEqual(FITS);
        } finally {
          await popup.page.close();
        }
      } finally {
        await page.close();
      }
    });

    test('the banner on the Manage My Health sign-in page', async () => {
      const { tabId, page } = await driver.openTab(mmhLogin);
      try {
        await waitForSession(driver, tabId, { state: 'login', url: mmhLogin });
        const banner = await waitForShadow(driver, tabId, 'portal-guard-banner', 'the Spanish banner', (view) => (view.text['banner-why'] ?? '') !== '');
        expect(banner.text['banner-why']).toMatch(/^Usted está en portal\.managemyhealth\.co\.nz, que es Manage My Health; aviso añadido el /);
        expect(Object.keys(banner.rects)).toEqual(expect.arrayContaining(['button:Proteger su cuenta', 'button:Ver detalles', 'button:Descartar']));
        // Let the banner finish its entrance before the picture.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await page.screenshot(shot('banner-managemyhealth-login'));
      } finally {
        await page.close();
      }
    });

    test.each([
      { id: MMH_ID, label: 'managemyhealth', query: '&portal=managemyhealth&host=portal.managemyhealth.co.nz' },
      { id: KAISER_ID, label: 'kaiser', query: '' },
    ])('the notice page for $id; nothing sticks out', async ({ id, label, query }) => {
      const page = await driver.openExtensionPage(`notice.html?id=${id}${query}`, '[data-testid=notice-detail]');
      try {
        await page.screenshot(shot(`notice-page-${label}`));
        const text = await visibleText(page);
        expect(text).toContain('Qué hacer');
        expect(text).toContain('Qué datos se filtraron');
        expect(await leftoverEnglish(page, phrases, data)).toEqual([]);
        expect(await horizontalOverflow(page)).toEqual(FITS);
      } finally {
        await page.close();
      }
    });

    test('the password guide and the settings page; nothing sticks out', async () => {
      const guide = await driver.openExtensionPage(guidePageUrl({ portal: 'managemyhealth', host: 'portal.managemyhealth.co.nz' }, 'guide.html'), '[data-testid=guide-step-change-password]');
      try {
        await guide.screenshot(shot('guide-managemyhealth'));
        const text = await visibleText(guide);
        expect(text).toContain('Proteja su cuenta de Manage My Health');
        expect(text).toContain('Active la verificación en dos pasos');
        expect(await leftoverEnglish(guide, phrases, data)).toEqual([]);
        expect(await horizontalOverflow(guide)).toEqual(FITS);
      } finally {
        await guide.close();
      }
      const options = await driver.openExtensionPage('options.html', '[data-testid="feed-source"]');
      try {
        await options.screenshot(shot('options'));
        // Not checked for English left over: two of its sections are not converted yet
        // (test/i18n-literals.test.ts, NOT_YET_CONVERTED).
        expect(await visibleText(options)).toContain('Configuración de Portal Guard');
        expect(await horizontalOverflow(options)).toEqual(FITS);
      } finally {
        await options.close();
      }
    });
  });
}
