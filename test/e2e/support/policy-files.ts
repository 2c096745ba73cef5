import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHROME_DEV_ID, GECKO_ID } from '../../../utils/build/manifest-config';

/**
 * REAL managed-policy files, where the browsers read them (docs/deploy.md). They are system-wide,
 * so every file written here is removed again: by the suite's afterAll, and, should the run die
 * first, by process exit and signal hooks. An existing Firefox policies.json is backed up, our
 * section merged in for the test, and the original put back byte for byte.
 */

export const CHROMIUM_POLICY_FILE = process.env.PORTAL_GUARD_CHROMIUM_POLICY_FILE ?? '/etc/chromium/policies/managed/portal-guard-e2e.json';
export const FIREFOX_POLICIES_FILE = process.env.PORTAL_GUARD_FIREFOX_POLICIES_FILE ?? '/usr/lib/firefox-esr/distribution/policies.json';

/** Writing into /etc and /usr/lib needs root, which CI has; locally the suite skips, loudly. */
export function canWritePolicies(): boolean {
  if (process.getuid?.() === 0) return true;
  const message = 'Managed-policy e2e suite: writing real policy files needs root.';
  if (process.env.CI) throw new Error(`${message} CI runs as root and must run it.`);
  console.warn(`\n${'!'.repeat(100)}\n!!! SKIPPING ${message}\n${'!'.repeat(100)}\n`);
  return false;
}

const cleanups = new Map<string, () => void>();
let hooked = false;

function runCleanups(): void {
  for (const [file, cleanup] of [...cleanups]) {
    try {
      cleanup();
    } catch (error) {
      console.error(`Could not remove the e2e policy file ${file}: ${String(error)}`);
    }
    cleanups.delete(file);
  }
}

function onExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', runCleanups);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      runCleanups();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
}

/** Chromium: `{"3rdparty": {"extensions": {<id>: policy}}}` in its managed policy folder. Returns the remover. */
export function installChromiumPolicy(policy: unknown, { file = CHROMIUM_POLICY_FILE, extensionId = CHROME_DEV_ID } = {}): () => void {
  onExit();
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file)) throw new Error(`${file} already exists: another run left it, or someone else owns it. Remove it by hand first.`);
  const remove = () => rmSync(file, { force: true });
  cleanups.set(file, remove);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: policy } } }, null, 2), { mode: 0o644 });
  return () => {
    remove();
    cleanups.delete(file);
  };
}

/**
 * Firefox: `{"policies": {"3rdparty": {"Extensions": {<gecko id>: policy}}}}` in policies.json,
 * merged into whatever the file already holds. Returns the restorer.
 */
export function installFirefoxPolicy(policy: unknown, { file = FIREFOX_POLICIES_FILE, geckoId = GECKO_ID } = {}): () => void {
  onExit();
  mkdirSync(dirname(file), { recursive: true });
  const backup = join(dirname(file), 'policies.json.portal-guard-e2e-backup');
  if (existsSync(backup)) throw new Error(`${backup} exists: an earlier run did not restore ${file}. Restore it by hand first.`);
  const existing = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { policies?: Record<string, unknown> }) : undefined;
  if (existing) copyFileSync(file, backup);
  const restore = () => {
    if (existsSync(backup)) renameSync(backup, file);
    else rmSync(file, { force: true });
  };
  cleanups.set(file, restore);
  const policies = existing?.policies ?? {};
  const thirdParty = (policies['3rdparty'] as { Extensions?: Record<string, unknown> } | undefined) ?? {};
  writeFileSync(file, JSON.stringify({ ...existing, policies: { ...policies, '3rdparty': { ...thirdParty, Extensions: { ...thirdParty.Extensions, [geckoId]: policy } } } }, null, 2), { mode: 0o644 });
  return () => {
    restore();
    cleanups.delete(file);
  };
}
