import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A copy of a built extension whose manifest also lists `origins` as granted host permissions.
 * It stands in for the patient pressing "Allow" on the options page: Chromium's permission prompt
 * cannot be answered by an automated test (no switch, no CDP method; tried), whereas a grant the
 * manifest already holds makes `permissions.request` resolve at once, as after a real "Allow".
 * The manifest's `key` is kept, so the copy has the same id the policy file names.
 */
export function withGrantedHosts(extensionDir: string, origins: readonly string[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'portal-guard-granted-'));
  cpSync(extensionDir, dir, { recursive: true });
  const manifestFile = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { host_permissions?: string[] };
  manifest.host_permissions = [...(manifest.host_permissions ?? []), ...origins];
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
