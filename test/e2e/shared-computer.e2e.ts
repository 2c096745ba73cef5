import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { ExtensionDriver } from './support/driver';
import { waitForSession } from './support/extension-state';
import { launchFirefox } from './support/firefox';
import { openPopup } from './support/popup';
import { siteUrl } from './support/sites';
import { poll } from './support/poll';

/** Notifications and reminders can take a little longer under load than other state. */
const waitFor = <T,>(what: string, read: () => Promise<T>, ok: (value: T) => boolean) => poll(what, read, ok, 12_000);

/**
 * Shared-computer mode in Chromium (and, more briefly, Firefox): the patient turns it on from the options page, signs in on the
 * fixture Manage My Health portal, then closes the tab or goes to another site without signing
 * out; ONE notification is raised, checked through the extension's own state (its reminder record
 * in storage.session) and the browser's (`notifications.getAll()`), not the OS. Signing out first
 * raises nothing.
 *
 * `notifications` is an optional permission, and Chromium's prompt cannot be answered by a test,
 * so the suite loads a copy whose manifest already holds it, as after the patient's "Allow"; the
 * options page's own request then resolves at once.
 */

interface Reminder {
  id: string;
  portalId: string;
  how: string;
  notification: string;
  at: number;
  signOutUrl?: string;
}

interface Api {
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
  notifications?: { getAll(): Promise<Record<string, unknown>> };
}

function withNotifications(extensionDir: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'portal-guard-notifications-'));
  cpSync(extensionDir, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { permissions: string[] };
  manifest.permissions = [...manifest.permissions, 'notifications'];
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

describe.skipIf(!browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'))('shared-computer mode in Chromium', () => {
  let driver: ExtensionDriver;
  let build: { dir: string; remove(): void };
  const shot = (label: string) => join(e2eContext().screenshotsDir, `chromium-${label}.png`);
  const reminders = () => driver.extension((async (api: Api) => ((await api.storage.session.get('signOutReminders')).signOutReminders ?? []) as Reminder[]) as never, undefined) as Promise<Reminder[]>;
  const shown = () => driver.extension((async (api: Api) => Object.keys((await api.notifications?.getAll()) ?? {})) as never, undefined) as Promise<string[]>;

  async function signIn(): Promise<{ tabId: number; page: Awaited<ReturnType<ExtensionDriver['openTab']>>['page'] }> {
    const url = siteUrl('managemyhealth', '/dashboard');
    const tab = await driver.openTab(url);
    await waitForSession(driver, tab.tabId, { state: 'signed-in', url });
    return tab;
  }

  beforeAll(async () => {
    build = withNotifications(e2eContext().chromeExtensionDir);
    driver = await launchChromium(e2eContext(), { extensionDir: build.dir });
  });
  afterAll(async () => {
    await driver?.close();
    build?.remove();
  });

  test('the patient turns the mode on from the options page', async () => {
    const page = await driver.openExtensionPage('options.html', '[data-testid="shared-computer-mode"]');
    try {
      await page.click('[data-testid="shared-computer-mode"]');
      const stored = await waitFor('the setting', () => driver.extension((async (api: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } }) => (await api.storage.local.get('sharedComputer')).sharedComputer) as never, undefined) as Promise<unknown>, (value) => value !== undefined);
      expect(stored).toEqual({ enabled: true, clearSiteData: false });
      // The permission was already granted, so no "Allow notifications" is offered.
      expect(await page.evaluate(() => document.querySelector('[data-testid="shared-allow-notifications"]') === null, undefined)).toBe(true);
    } finally {
      await page.close();
    }
  });

  test('closing a signed-in portal tab raises one notification that opens the sign-out page', async () => {
    const { page } = await signIn();
    await page.close();
    const [reminder] = await waitFor('the reminder', reminders, (list) => list.some((item) => item.portalId === 'managemyhealth'));
    expect(reminder).toMatchObject({ id: 'portal-guard-signout:managemyhealth', portalId: 'managemyhealth', how: 'closed', notification: 'shown', signOutUrl: 'https://portal.managemyhealth.co.nz/' });
    expect(await waitFor('the notification', shown, (ids) => ids.length > 0)).toEqual(['portal-guard-signout:managemyhealth']);
  });

  test('going to another site from a signed-in portal tab raises it as "left the portal"', async () => {
    const before = (await reminders()).find((item) => item.portalId === 'managemyhealth')!.at;
    const { page } = await signIn();
    try {
      await page.goto(siteUrl('exampleClinic'));
      const reminder = await waitFor('the navigated reminder', async () => (await reminders()).find((item) => item.portalId === 'managemyhealth'), (item) => item !== undefined && item.at > before);
      expect(reminder).toMatchObject({ how: 'navigated', notification: 'shown' });
      // One notification per portal: the newer one replaced the older.
      expect(await shown()).toEqual(['portal-guard-signout:managemyhealth']);
    } finally {
      await page.close();
    }
  });

  test('signing out first raises nothing', async () => {
    const before = (await reminders()).find((item) => item.portalId === 'managemyhealth')!.at;
    const { tabId, page } = await signIn();
    await page.click('a[href="/logout"]');
    await waitForSession(driver, tabId, { state: 'signed-out', url: siteUrl('managemyhealth', '/logout') });
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await reminders()).find((item) => item.portalId === 'managemyhealth')!.at).toBe(before);
  });

  test('the popup and the options page list the reminder', async () => {
    const { tabId, page } = await driver.openTab(siteUrl('exampleClinic'));
    try {
      const popup = await openPopup(driver, tabId);
      try {
        const listed = await popup.page.evaluate(() => [...document.querySelectorAll('[data-testid="popup-sign-out-reminder"]')].map((item) => item.textContent), undefined);
        expect(listed).toEqual(['Manage My Health Sign out']);
        await popup.page.screenshot(shot('popup-shared-computer-reminder'));
      } finally {
        await popup.page.close();
      }
    } finally {
      await page.close();
    }
    const options = await driver.openExtensionPage('options.html', '[data-testid="sign-out-reminders"]');
    try {
      await options.screenshot(shot('options-shared-computer'));
    } finally {
      await options.close();
    }
  });
});

describe.skipIf(!browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'))('shared-computer mode in Firefox', () => {
  let driver: ExtensionDriver;
  const reminders = () => driver.extension((async (api: Api) => ((await api.storage.session.get('signOutReminders')).signOutReminders ?? []) as Reminder[]) as never, undefined) as Promise<Reminder[]>;

  beforeAll(async () => {
    // Mozilla's own test pref grants optional permissions without the doorhanger, so the options
    // page's real click asks for `notifications` and gets it, as a patient pressing Allow would.
    driver = await launchFirefox(e2eContext(), { prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  });
  afterAll(async () => {
    await driver?.close();
  });

  test('turned on from the options page (the click grants notifications), closing a signed-in tab raises the notification', async () => {
    const options = await driver.openExtensionPage('options.html', '[data-testid="shared-computer-mode"]');
    try {
      await options.click('[data-testid="shared-computer-mode"]');
      const granted = async () => driver.extension((async (api: { permissions: { contains(details: { permissions: string[] }): Promise<boolean> } }) => api.permissions.contains({ permissions: ['notifications'] })) as never, undefined) as Promise<boolean>;
      const deadline = Date.now() + 5_000;
      while (!(await granted()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await granted()).toBe(true);
    } finally {
      await options.close();
    }
    const url = siteUrl('managemyhealth', '/dashboard');
    const { tabId, page } = await driver.openTab(url);
    await waitForSession(driver, tabId, { state: 'signed-in', url });
    await page.close();
    const deadline = Date.now() + 10_000;
    let list = await reminders();
    while (!list.some((item) => item.portalId === 'managemyhealth') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      list = await reminders();
    }
    expect(list.find((item) => item.portalId === 'managemyhealth')).toMatchObject({ how: 'closed', notification: 'shown', signOutUrl: 'https://portal.managemyhealth.co.nz/' });
  });
});
