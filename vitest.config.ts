import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// Two projects: node-side code (real SQLite, files, HTTP) and renderer components (happy-dom).
// Browser tests against real Chromium live in vitest.browser.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{unit,integration,shell}/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['test/renderer/**/*.test.ts'],
        },
      },
    ],
  },
});
