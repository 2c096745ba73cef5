import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { GECKO_ID, buildManifestExtras } from './utils/manifest-config';

// The manifest is assembled here and nowhere else. Content-script matches come from the portal
// catalogue (see entrypoints/portal.content.ts), so adding a portal never means editing this file.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser, mode }) => buildManifestExtras({ browser, mode, geckoId: GECKO_ID }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    excludeSources: ['.output/**', 'node_modules/**', 'test/**', 'test-results/**', 'package-lock.json', '**/*.test.ts', '**/*.test.tsx'],
  },
});
