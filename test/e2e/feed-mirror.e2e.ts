import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_PATH, FIREFOX_PATH, browserAvailable } from './support/browsers';
import { launchChromium } from './support/chromium';
import { e2eContext } from './support/context';
import type { DriverPage, ExtensionDriver } from './support/driver';
import { waitForSession } from './support/extension-state';
import { CLINIC_MIRROR, FEED, ROOT, bundledSequence, copyNotices, runFeedCli, serveFeed, signTestFeed, waitForFeedState } from './support/feed';
import { launchFirefox } from './support/firefox';
import { canWritePolicies, installChromiumPolicy, installFirefoxPolicy } from './support/policy-files';
import { poll } from './support/poll';
import { openPopup } from './support/popup';
import { requestsSince } from './support/server';
import { siteUrl } from './support/sites';

/**
 * A clinic's own feed mirror with its own signing key (issue 7, docs/deploy.md "Your own feed
 * mirror"), end to end with real policy files.
 *
 * - A build made for the clinic (`WXT_PORTAL_GUARD_FEED_MIRRORS=https://feed.riversidemedical.co.nz`)
 *   under a policy whose `feedUrl` is on that host and whose `additionalFeedKeys` holds the clinic's
 *   public key downloads the feed the clinic signed from the mirror, shows its notice, and never
 *   contacts the official feed host.
 * - The store build under the same policy refuses `feedUrl` with the reason on the settings page,
 *   keeps the feed it has, and never contacts the mirror: its manifest does not allow that host,
 *   which is what keeps the export review's worker off the network.
 */

const run = promisify(execFile);
const E2E_NOTICE_TITLE = 'E2E TEST NOTICE: SystmOnline (not a real incident)';
const systmonline = siteUrl('systmonline', '/2/');
const REFUSED = `feedUrl: ${CLINIC_MIRROR.origin} is not a feed host this build of Portal Guard may connect to (${FEED.origin}).`;

interface Clinic {
  dir: string;
  feed: string;
  keyFile: string;
  sequence: number;
  policy: Record<string, unknown>;
  builds: { chrome: string; firefox: string };
}

let clinic: Clinic | undefined;

/** What a clinic does: make a key, sign a feed with it, and build Portal Guard with its mirror. */
async function prepareClinic(): Promise<Clinic> {
  const dir = mkdtempSync(join(tmpdir(), 'portal-guard-mirror-'));
  const keyFile = join(dir, 'riverside-e2e-1.private.jwk');
  await runFeedCli('keygen', '--key-id', 'riverside-e2e-1', '--out', keyFile);
  const { x } = JSON.parse(readFileSync(keyFile, 'utf8')) as { x: string };
  const notices = copyNotices(join(dir, 'notices'));
  copyFileSync(join(import.meta.dirname, 'fixtures/feed/uk-e2etest-systmonline-2026.json'), join(notices, 'uk-e2etest-systmonline-2026.json'));
  const sequence = bundledSequence() + 1;
  const feed = await signTestFeed(notices, sequence, dir, 'clinic', keyFile);

  const env = { ...process.env, WXT_PORTAL_GUARD_FEED_MIRRORS: CLINIC_MIRROR.origin };
  await run('npx', ['wxt', 'build', '--mode', 'e2e-mirror'], { cwd: ROOT, env });
  await run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'e2e-mirror'], { cwd: ROOT, env });
  return {
    dir,
    feed,
    keyFile,
    sequence,
    policy: {
      organization: { name: 'Riverside Medical Centre' },
      feedUrl: CLINIC_MIRROR.href,
      additionalFeedKeys: [{ keyId: 'riverside-e2e-1', alg: 'Ed25519', publicKey: x }],
    },
    builds: { chrome: join(ROOT, '.output/chrome-mv3-e2e-mirror'), firefox: join(ROOT, '.output/firefox-mv3-e2e-mirror') },
  };
}

beforeAll(async () => {
  clinic = await prepareClinic();
  await serveFeed(e2eContext().servedDir, clinic.feed, CLINIC_MIRROR, { keyFile: clinic.keyFile });
}, 180_000);

afterAll(() => {
  if (clinic) rmSync(clinic.dir, { recursive: true, force: true });
});

const readOptionsFeed = (page: DriverPage) =>
  page.evaluate(
    () => ({
      source: document.querySelector('[data-testid="feed-source"]')?.textContent ?? '',
      sequence: document.querySelector('[data-testid="feed-sequence"]')?.textContent ?? '',
      problems: [...document.querySelectorAll('[data-testid="policy-problems"] li')].map((item) => item.textContent ?? ''),
    }),
    undefined,
  );

const browsers = [
  {
    name: 'chromium' as const,
    available: () => browserAvailable('Chromium', CHROMIUM_PATH, 'chromium'),
    install: (policy: unknown) => installChromiumPolicy(policy),
    launch: (extensionDir?: string) => launchChromium(e2eContext(), extensionDir ? { extensionDir } : {}),
    build: () => clinic!.builds.chrome,
  },
  {
    name: 'firefox' as const,
    available: () => browserAvailable('Firefox', FIREFOX_PATH, 'firefox-esr'),
    install: (policy: unknown) => installFirefoxPolicy(policy),
    launch: (extensionDir?: string) => launchFirefox(e2eContext(), extensionDir ? { extensionDir } : {}),
    build: () => clinic!.builds.firefox,
  },
];

for (const { name, available, install, launch, build } of browsers) {
  describe.skipIf(!available() || !canWritePolicies())(`a clinic's feed mirror in ${name} (real policy files)`, () => {
    let removePolicy: (() => void) | undefined;
    let driver: ExtensionDriver | undefined;
    const shot = (label: string) => join(e2eContext().screenshotsDir, `${name}-mirror-${label}.png`);

    beforeAll(() => {
      removePolicy = install(clinic!.policy);
    });
    afterAll(async () => {
      try {
        await driver?.close();
      } finally {
        removePolicy?.();
      }
    });

    test('the clinic’s build downloads the feed its key signed from its mirror, shows its notice, and never asks the official host', async () => {
      const startedAt = Date.now();
      const manifest = JSON.parse(readFileSync(join(build(), 'manifest.json'), 'utf8')) as { content_security_policy: { extension_pages: string } };
      expect(manifest.content_security_policy.extension_pages).toContain(`connect-src 'self' ${FEED.origin} ${CLINIC_MIRROR.origin} `);
      driver = await launch(build());
      const { feed } = await waitForFeedState(driver, `sequence ${clinic!.sequence} from ${CLINIC_MIRROR.href}`, (stored) => stored?.source === 'remote' && stored.sequence === clinic!.sequence);
      // The policy names the mirror's feed.json (written before editions): its index.json is read.
      expect((feed as { sourceUrl?: string } | undefined)?.sourceUrl).toBe(new URL('index.json', CLINIC_MIRROR).href);

      const { tabId, page } = await driver.openTab(systmonline);
      try {
        await waitForSession(driver, tabId, { state: 'login', url: systmonline });
        const popup = await openPopup(driver, tabId);
        try {
          expect(popup.view.noticeTitles).toEqual([E2E_NOTICE_TITLE]);
        } finally {
          await popup.page.close();
        }
      } finally {
        await page.close();
      }

      const options = await driver.openExtensionPage('options.html', '[data-testid="feed-source"]');
      try {
        const view = await poll('the mirror as the feed source', () => readOptionsFeed(options), (current) => current.source.includes(CLINIC_MIRROR.hostname));
        expect(view.source).toBe(`Online: ${new URL('index.json', CLINIC_MIRROR).href}`);
        expect(view.sequence).toBe(String(clinic!.sequence));
        expect(view.problems).toEqual([]);
        await options.screenshot(shot('options-clinic-build'));
      } finally {
        await options.close();
      }
      const hosts = new Set(requestsSince(e2eContext().requestLog, startedAt).map((request) => request.host));
      expect(hosts.has(CLINIC_MIRROR.hostname)).toBe(true);
      expect(hosts.has(FEED.hostname)).toBe(false);
      await driver.close();
      driver = undefined;
    });

    test('the store build under the same policy refuses feedUrl with the reason, keeps its feed, and never contacts the mirror', async () => {
      const startedAt = Date.now();
      driver = await launch();
      const options = await driver.openExtensionPage('options.html', '[data-testid="feed-source"]');
      try {
        const view = await poll('the refused feedUrl', () => readOptionsFeed(options), (current) => current.problems.length > 0);
        expect(view.problems).toHaveLength(1);
        expect(view.problems[0]).toContain(REFUSED);
        await options.screenshot(shot('options-store-build'));
      } finally {
        await options.close();
      }
      // Its own feed host still works: the first check after install is a plain GET of the official URL.
      await waitForFeedState(driver, 'the first feed check', (_feed, check) => (check.lastCheckedAt ?? 0) >= startedAt);
      const hosts = new Set(requestsSince(e2eContext().requestLog, startedAt).map((request) => request.host));
      expect(hosts.has(CLINIC_MIRROR.hostname)).toBe(false);
      expect(hosts.has(FEED.hostname)).toBe(true);
    });
  });
}
