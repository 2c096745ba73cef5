import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { feedOrigins } from './utils/feed/config';
import { GECKO_ID, buildManifestExtras } from './utils/build/manifest-config';
import { CATALOGUE_MODULE, displayPath, loadCatalogue, writeCatalogueModule } from './utils/build/catalogue-files';
import { portalMatchPatterns } from './utils/portals/match-patterns';

// The manifest is assembled here and nowhere else. Content-script matches come from the portal
// catalogue's data files, feed/portals/*.json (see entrypoints/portal.content.ts), so adding a
// portal never means editing this file. They are read from the files, checked in full, rather
// than from the generated module, so the manifest can never disagree with the data.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
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
      for (const script of manifest.content_scripts ?? []) {
        if (script.js?.includes('content-scripts/portal.js')) script.matches = portalMatchPatterns(loadCatalogue());
      }
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
    excludeSources: ['.output/**', 'node_modules/**', 'test/**', 'test-results/**', 'package-lock.json', '**/*.test.ts', '**/*.test.tsx'],
  },
});
