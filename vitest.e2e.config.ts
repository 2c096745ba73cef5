import { defineConfig } from 'vitest/config';

// Real browsers, one at a time: two cores cannot run Chromium and Firefox side by side reliably.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
