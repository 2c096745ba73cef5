import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { makeCertificates } from '../../test/e2e/support/certs';
import { startServer } from '../../test/e2e/support/server';
import { certificateHosts } from '../../test/e2e/support/sites';
import type { BenchResult } from './harness';

/**
 * What the benches that drive real Chromium share: the production code built in mode `bench` with
 * `WXT_PORTAL_GUARD_PERF_MARKS=1` (the only build that leaves performance marks; see
 * entrypoints/portal.content.ts and components/popup/Popup.tsx), the e2e fixture server with real
 * portal hostnames mapped onto 127.0.0.1, and Debian's Chromium with the extension loaded. The
 * browser is never downloaded: without it the bench says so and is skipped.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = promisify(execFile);

export interface BenchChromium {
  context: BrowserContext;
  /** The built extension's folder; a bench may add a page of its own to it before launching. */
  extensionDir: string;
}

export async function withBenchChromium(measure: (chromium: BenchChromium) => Promise<BenchResult>, { prepare }: { prepare?: (extensionDir: string) => void } = {}): Promise<BenchResult> {
  if (!existsSync(CHROMIUM)) {
    return { lines: [], goals: [], notes: [`skipped: no Chromium at ${CHROMIUM} (apt-get install chromium)`] };
  }
  await run('npx', ['wxt', 'build', '--mode', 'bench'], { cwd: ROOT, env: { ...process.env, WXT_PORTAL_GUARD_PERF_MARKS: '1' } });
  const extensionDir = join(ROOT, '.output/chrome-mv3-bench');
  prepare?.(extensionDir);
  const scratch = mkdtempSync(join(tmpdir(), 'portal-guard-bench-'));
  const served = join(scratch, 'served');
  mkdirSync(served);
  const certs = makeCertificates(scratch, certificateHosts());
  const { server, port } = await startServer({ certPem: certs.certPem, keyPem: certs.keyPem, fixturesDir: join(ROOT, 'test/e2e/fixtures'), servedDir: served, requestLog: join(scratch, 'requests.jsonl') });
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      `--host-resolver-rules=MAP * 127.0.0.1:${port}, EXCLUDE localhost`,
      `--ignore-certificate-errors-spki-list=${certs.spkiSha256}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    return await measure({ context, extensionDir });
  } finally {
    await context.close();
    server.closeAllConnections();
    server.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Median, p95 and first of a series of millisecond timings; the first (cold) one is left out of the steady state. */
export function timingStats(durations: readonly number[]): { median: number; p95: number; first: number } {
  const steady = durations.slice(1).sort((a, b) => a - b);
  return { median: steady[Math.floor(steady.length / 2)]!, p95: steady[Math.min(steady.length - 1, Math.floor(steady.length * 0.95))]!, first: durations[0]! };
}
