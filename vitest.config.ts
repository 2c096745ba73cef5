import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// WXT's plugin gives us fakeBrowser, the `#imports` aliases and import.meta.env.BROWSER; it does
// not apply wxt.config's Vite plugins, so preact is added here as well.
export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    // Fixture pages link stylesheets (the platform detector reads their paths). happy-dom never
    // loads them, and without this it logs each one it skipped as an error.
    environmentOptions: { happyDOM: { settings: { handleDisabledFileLoadingAsSuccess: true } } },
    include: ['**/*.test.{ts,tsx}'],
    exclude: ['node_modules/**', '.output/**', 'test/e2e/**'],
    restoreMocks: true,
    // fakeBrowser has no browser.i18n: give it English from en.yml (see the file).
    // fakeBrowser has no IndexedDB either: fake-indexeddb, emptied before each test.
    setupFiles: ['test/setup/i18n.ts', 'test/setup/indexeddb.ts'],
  },
});
