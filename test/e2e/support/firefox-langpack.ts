import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A stand-in for Mozilla's language pack for `locale`, so Firefox ESR can run in that language in
 * the e2e tests. Firefox only switches its app language (and so the language it picks an
 * extension's `_locales/` in) to a locale it has: `intl.locale.requested` alone leaves an
 * English-only build in en-US. Debian's firefox-esr ships English only, and Mozilla's real
 * language packs are downloads; this one is written here and is empty: it only declares the
 * locale, so Firefox lists it as available, and its own menus fall back to English, which no test
 * reads. It must be installed before the extension under test, which picks its language once, at
 * startup.
 *
 * `firefoxVersion` is the running browser's ("153.8.0esr"): a language pack must name the exact
 * major version it is for, or Firefox refuses it.
 */
export function writeLanguagePack(locale: string, firefoxVersion: string): { dir: string; remove(): void } {
  const major = /(\d+)\./.exec(firefoxVersion)?.[1];
  if (!major) throw new Error(`Cannot read Firefox's major version from "${firefoxVersion}"`);
  const dir = mkdtempSync(join(tmpdir(), `portal-guard-langpack-${locale}-`));
  mkdirSync(join(dir, 'browser'));
  const manifest = {
    manifest_version: 2,
    name: `Language: ${locale} (Portal Guard e2e stand-in)`,
    description: `Declares ${locale} as an available Firefox locale, for the e2e tests only.`,
    version: `${major}.0.20260101.000000`,
    langpack_id: locale,
    languages: { [locale]: { chrome_resources: {}, version: '20260101000000' } },
    sources: { browser: { base_path: 'browser/' } },
    browser_specific_settings: { gecko: { id: `langpack-${locale}@firefox.mozilla.org`, strict_min_version: `${major}.0`, strict_max_version: `${major}.*` } },
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
