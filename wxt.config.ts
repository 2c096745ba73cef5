import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { feedOrigins } from './utils/feed/config';
import { BASE_LOCALE, PSEUDO_LOCALE, chromeMessages, localeFiles, pseudoMessages } from './utils/build/locales';
import { GECKO_ID, buildManifestExtras } from './utils/build/manifest-config';
import { CATALOGUE } from './utils/portals/catalogue';
import { portalMatchPatterns } from './utils/portals/match-patterns';
import { validateCatalogue } from './utils/portals/validate-catalogue';

// The manifest is assembled here and nowhere else. Content-script matches come from the portal
// catalogue (see entrypoints/portal.content.ts), so adding a portal never means editing this file.
// WXT_PORTAL_GUARD_PSEUDO_LOCALE=1 adds the pseudo-locale (`--lang=en-XA` in Chromium) and builds
// into .output/pseudo/, so a normal build ships only real locales and is never overwritten by it.
const PSEUDO = process.env.WXT_PORTAL_GUARD_PSEUDO_LOCALE === '1';

export default defineConfig({
  ...(PSEUDO ? { outDir: '.output/pseudo' } : {}),
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // The locales sit with the i18n layer that reads them, not in a folder of their own at the top.
  i18n: { localesDir: resolve(import.meta.dirname, 'utils/i18n/locales') },
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, mode }) =>
    buildManifestExtras({
      browser,
      mode,
      geckoId: GECKO_ID,
      portalPatterns: portalMatchPatterns(CATALOGUE),
      grantOptionalHosts: process.env.WXT_PORTAL_GUARD_E2E_GRANT_OPTIONAL_HOSTS === '1',
      scriptablePortals: process.env.WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS === '1',
      // Node reads the build's environment directly; the bundle gets the same list through Vite.
      feedOrigins: feedOrigins(process.env.WXT_PORTAL_GUARD_FEED_MIRRORS),
      store: process.env.WXT_PORTAL_GUARD_STORE === '1',
    }),
  hooks: {
    // The catalogue is typed with `satisfies`, not parsed, so the bundle never runs zod or tldts.
    // Parsing it here instead makes a bad entry (a host on a public suffix, a missing source …)
    // fail `wxt build` and `wxt` dev with every problem named by entry id and field.
    // The content script's matches are the catalogue's hosts. They are filled in here rather than
    // in the entrypoint, so the content script bundle does not carry the whole catalogue.
    'build:manifestGenerated': (_wxt, manifest) => {
      // WXT takes the toolbar title from popup.html's <title>, which browser.i18n cannot reach.
      if (manifest.action) manifest.action.default_title = '__MSG_manifest_actionTitle__';
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.includes('content-scripts/portal.js')) script.matches = portalMatchPatterns(CATALOGUE);
      }
    },
    // The pseudo-locale is made from English at build time, so it can never fall behind en.yml.
    'build:publicAssets': async (_wxt, assets) => {
      if (!PSEUDO) return;
      const messages = pseudoMessages(await chromeMessages(localeFiles()[BASE_LOCALE]!));
      assets.push({ relativeDest: `_locales/${PSEUDO_LOCALE}/messages.json`, contents: `${JSON.stringify(messages, null, 2)}\n` });
    },
    'build:before': () => {
      const { problems } = validateCatalogue(CATALOGUE);
      if (problems.length > 0) {
        throw new Error(`The portal catalogue has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
      }
    },
  },
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', 'node_modules/**', 'test/**', 'test-results/**', 'package-lock.json', '**/*.test.ts', '**/*.test.tsx'],
  },
});
