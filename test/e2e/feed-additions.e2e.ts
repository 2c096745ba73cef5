import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TabStatus } from '../../utils/messaging/protocol';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { ExtensionDriver } from './support/driver';
import { buildTestKeyExtensions, bundledFeedOf, bundledSequence, copyNotices, FEED, runFeedCli, serveFeed, waitForFeedState } from './support/feed';
import { launchFirefox } from './support/firefox';
import { siteUrl } from './support/sites';

/**
 * Catalogue additions and notices by domain, end to end (issue 12, items 3 and 7): a feed signed
 * with the test key adds `www.example-clinic.org` as a MyChart tenant and carries a notice naming
 * `example-clinic.org`. The background then recognises the host from the feed alone, gives it the
 * notice through its domain, and tells the popup the content script cannot run there
 * (`scriptable: false`: the manifest only covers the bundled catalogue), while a catalogue tenant
 * stays scriptable. The question is asked as the toolbar popup asks it, with the tab's URL: a
 * popup opened as a page (`popup.html?tabId=`) has no activeTab grant, so it cannot read the URL
 * of a tab whose content script never ran, and shows "Not a known health portal" there; the
 * "Watch this portal" flow that uses `scriptable` is tested where it is built.
 */

const NOTICE_TITLE = 'E2E TEST NOTICE: Example Clinic (not a real incident)';
const FIXTURES = join(import.meta.dirname, 'fixtures/feed');
const exampleClinic = siteUrl('exampleClinic', '/');
const cleveland = siteUrl('mychartCleveland', '/MyChart/');

let dir = '';
let signed = '';
let sequence = 0;
let builds: { chrome: string; firefox: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portal-guard-additions-'));
  const notices = copyNotices(join(dir, 'notices'));
  copyFileSync(join(FIXTURES, 'us-e2etest-exampleclinic-2026.json'), join(notices, 'us-e2etest-exampleclinic-2026.json'));
  sequence = bundledSequence() + 1;
  const payload = join(dir, 'payload.json');
  signed = join(dir, 'signed.json');
  builds = await buildTestKeyExtensions();
  // The maintainers' own CLI: build with the additions file, sign with the test key.
  await runFeedCli('build', '--notices', notices, '--additions', join(import.meta.dirname, 'fixtures/catalogue-additions.json'), '--sequence', String(sequence), '--out', payload);
  await runFeedCli('sign', '--in', payload, '--out', signed, '--key', join(import.meta.dirname, '../fixtures/feed-keys/test-only-1.signing.jwk'));
}, 180_000);

afterAll(async () => {
  await serveFeed(e2eContext().servedDir, bundledFeedOf(e2eContext().chromeExtensionDir));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const browsers = [
  { name: 'chromium', available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'), launch: (extensionDir: string) => launchChromium(e2eContext(), { extensionDir }), dir: () => builds.chrome },
  { name: 'firefox', available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'), launch: (extensionDir: string) => launchFirefox(e2eContext(), { extensionDir }), dir: () => builds.firefox },
] as const;

/** The popup's own question to the background, asked from an extension page; the reply's value. */
async function tabStatus(driver: ExtensionDriver, tabId: number, url: string): Promise<TabStatus> {
  const reply = await driver.extension(async (api, request) => (await api.runtime.sendMessage({ name: 'ui-bg/tab-status', payload: request })) as { ok: boolean; value?: TabStatus; error?: string }, { tabId, url });
  if (!reply.ok || !reply.value) throw new Error(`ui-bg/tab-status: ${reply.error ?? 'no reply'}`);
  return reply.value;
}

for (const { name, available, launch, dir: extensionDir } of browsers) describe.skipIf(!available())(`catalogue additions from the feed in ${name}`, () => {
  let driver: ExtensionDriver;

  beforeAll(async () => {
    await serveFeed(e2eContext().servedDir, signed);
    driver = await launch(extensionDir());
    await waitForFeedState(driver, `sequence ${sequence} from ${FEED.href}`, (feed) => feed?.sequence === sequence && feed.source === 'remote');
  });
  afterAll(async () => {
    await driver?.close();
  });

  test('a host the feed adds is recognised as its platform’s tenant, gets its organisation’s notice by domain, and is not scriptable', async () => {
    const { tabId, page } = await driver.openTab(exampleClinic);
    try {
      const status = await tabStatus(driver, tabId, exampleClinic);
      expect(status).toMatchObject({ lookup: 'portal', portal: { id: 'epic-mychart', displayName: 'Example Clinic’s MyChart', host: 'www.example-clinic.org' }, scriptable: false });
      expect(status.notices.map((notice) => notice.title)).toEqual([NOTICE_TITLE]);
    } finally {
      await page.close();
    }
  });

  test('a catalogue tenant stays scriptable, and gets no other organisation’s notice', async () => {
    const { tabId, page } = await driver.openTab(cleveland);
    try {
      const status = await tabStatus(driver, tabId, cleveland);
      expect(status).toMatchObject({ lookup: 'portal', portal: { displayName: 'Cleveland Clinic’s MyChart' }, scriptable: true });
      expect(status.notices.map((notice) => notice.title)).not.toContain(NOTICE_TITLE);
    } finally {
      await page.close();
    }
  });
});
