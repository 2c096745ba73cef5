import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { feedOrigins } from './utils/feed/config';
import { BASE_LOCALE, PSEUDO_LOCALE, chromeMessages, localeFiles, pseudoMessages } from './utils/build/locales';
import { GECKO_ID, buildManifestExtras } from './utils/build/manifest-config';
import { CATALOGUE_MODULE, displayPath, loadCatalogue, writeCatalogueModule } from './utils/build/catalogue-files';
import { portalMatchPatterns } from './utils/portals/match-patterns';

// The manifest is assembled here and nowhere else. Content-script matches come from the portal
// catalogue's data files, feed/portals/*.json (see entrypoints/portal.content.ts), so adding a
// portal never means editing this file. They are read from the files, checked in full, rather
// than from the generated module, so the manifest can never disagree with the data.
//
// WXT_PORTAL_GUARD_PSEUDO_LOCALE=1 adds the pseudo-locale (`--lang=en-XA` in Chromium) and builds
// into .output/pseudo/, so a normal build ships only real locales and is never overwritten by it.
const PSEUDO = process.env.WXT_PORTAL_GUARD_PSEUDO_LOCALE === '1';

export default defineConfig({
  ...(PSEUDO ? { outDir: '.output/pseudo' } : {}),
  modules: ['@wxt-dev/webextension-polyfill', '@wxt-dev/i18n/module'],
  // The locales sit with the i18n layer that reads them, not in a folder of their own at the top.
  i18n: { localesDir: resolve(import.meta.dirname, 'utils/i18n/locales') },
  vite: ({ command, mode }) => {
    // A build must not depend on the shell it runs in. WXT sets NODE_ENV from the mode only when
    // it is unset, so a NODE_ENV left over from elsewhere (vitest sets `test`) turned on Preact's
    // devtools hook and Vite's dev branches: a different bundle from the same sources, which
    // test/e2e/reproducible-build.e2e.ts caught. Every build but a development one is a
    // production build, so the e2e and bench builds (modes `e2e-…`, `bench`) run the code that ships.
    if (command === 'build') process.env.NODE_ENV = mode === 'development' ? 'development' : 'production';
    return { plugins: [preact()] };
  },
  manifest: ({ browser, mode }) =>
    buildManifestExtras({
      browser,
      mode,
      geckoId: GECKO_ID,
      portalPatterns: portalMatchPatterns(loadCatalogue()),
      grantOptionalHosts: process.env.WXT_PORTAL_GUARD_E2E_GRANT_OPTIONAL_HOSTS === '1',
      scriptablePortals: process.env.WXT_PORTAL_GUARD_E2E_SCRIPTABLE_PORTALS === '1',
      // Node reads the build's environment directly; the bundle gets the same list through Vite.
      feedOrigins: feedOrigins(process.env.WXT_PORTAL_GUARD_FEED_MIRRORS),
      store: process.env.WXT_PORTAL_GUARD_STORE === '1',
    }),
  hooks: {
    // The content script's matches are the catalogue's hosts. They are filled in here rather than
    // in the entrypoint, so the content script bundle does not carry the whole catalogue.
    'build:manifestGenerated': (_wxt, manifest) => {
      // WXT takes the toolbar title from popup.html's <title>, which browser.i18n cannot reach.
      if (manifest.action) manifest.action.default_title = '__MSG_manifest_actionTitle__';
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.includes('content-scripts/portal.js')) script.matches = portalMatchPatterns(loadCatalogue());
      }
    },
    // The pseudo-locale is made from English at build time, so it can never fall behind en.yml.
    // Firefox only uses a locale it ships (its app locale, en-US here), never one it is merely
    // asked for, so the Firefox pseudo build also puts the pseudo-locale under en_US, which that
    // Firefox prefers to en.
    'build:publicAssets': async (wxt, assets) => {
      if (!PSEUDO) return;
      const messages = `${JSON.stringify(pseudoMessages(await chromeMessages(localeFiles()[BASE_LOCALE]!)), null, 2)}\n`;
      assets.push({ relativeDest: `_locales/${PSEUDO_LOCALE}/messages.json`, contents: messages });
      if (wxt.config.browser === 'firefox') assets.push({ relativeDest: '_locales/en_US/messages.json', contents: messages });
    },
    // The build generates the typed catalogue (utils/portals/catalogue.ts) from the data files.
    // The bundle gets it typed with `satisfies`, not parsed, so it never runs zod or tldts over it;
    // the files are parsed here instead, so a bad entry (a host on a public suffix, a missing
    // source …) fails `wxt build` and `wxt` dev with every problem named by file and JSON path.
    'build:before': () => {
      if (writeCatalogueModule().written) console.log(`Regenerated ${displayPath(CATALOGUE_MODULE)} from feed/portals/`);
    },
  },
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', 'node_modules/**', 'test/**', 'test-results/**', '**/*.test.ts', '**/*.test.tsx'],
  },
});
