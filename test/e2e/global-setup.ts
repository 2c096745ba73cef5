import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { makeCertificates } from './support/certs';
import { CLINIC_MIRROR, FEED, bundledFeedOf, serveFeed } from './support/feed';
import type { E2eContext } from './support/context';
import { startServer } from './support/server';
import { certificateHosts } from './support/sites';

const root = resolve(import.meta.dirname, '../..');

/**
 * Once per e2e run: check the builds exist, make a throwaway CA and server certificate, and start
 * the one HTTPS server that stands in for every portal. Browsers are launched per test file.
 */
export default async function setup(project: TestProject) {
  const chromeExtensionDir = join(root, '.output/chrome-mv3');
  const firefoxExtensionDir = join(root, '.output/firefox-mv3');
  for (const dir of [chromeExtensionDir, firefoxExtensionDir]) {
    if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`No built extension in ${dir}. Run \`npm run build\` first (npm test does).`);
  }

  const results = join(root, 'test-results');
  const screenshotsDir = join(results, 'screenshots');
  mkdirSync(screenshotsDir, { recursive: true });
  const requestLog = join(results, 'e2e-requests.jsonl');
  writeFileSync(requestLog, '');

  const runtimeDir = mkdtempSync(join(tmpdir(), 'portal-guard-e2e-'));
  const servedDir = join(runtimeDir, 'served');
  mkdirSync(servedDir);
  // Right after a release the feed host serves exactly what the build ships; feed.e2e.ts
  // swaps in test feeds and puts this back.
  await serveFeed(servedDir, bundledFeedOf(chromeExtensionDir));
  const certHosts = certificateHosts([FEED.hostname, CLINIC_MIRROR.hostname]);
  const certs = makeCertificates(runtimeDir, certHosts);
  const { server, port } = await startServer({ certPem: certs.certPem, keyPem: certs.keyPem, fixturesDir: join(import.meta.dirname, 'fixtures'), servedDir, requestLog });

  const context: E2eContext = {
    port,
    spkiSha256: certs.spkiSha256,
    caCertPath: certs.caCertPath,
    servedDir,
    requestLog,
    certHosts,
    chromeExtensionDir,
    firefoxExtensionDir,
    screenshotsDir,
  };
  project.provide('e2e', context);

  return async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(runtimeDir, { recursive: true, force: true });
  };
}
