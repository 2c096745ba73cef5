import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Whether a browser's suite can run. In CI a missing browser is a failure, never a skip: a green
 * run that tested nothing is worse than a red one. Locally the suite skips, loudly.
 */
export function browserAvailable(name: string, binary: string, aptPackage: string): boolean {
  if (existsSync(binary)) return true;
  const message = `${name} e2e suite: browser binary ${binary} not found (install it with \`apt-get install -y ${aptPackage}\`, or set ${name === 'Chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}).`;
  if (process.env.CI) throw new Error(`${message} CI must run every e2e suite.`);
  const bar = '!'.repeat(100);
  console.warn(`\n${bar}\n!!! SKIPPING ${message}\n${bar}\n`);
  return false;
}
