import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { rendererConfig } from './vite.renderer.config.ts';

// The renderer alone, for `npm run web` (served by electron/web/serve.ts).
export default defineConfig({
  ...rendererConfig,
  build: { outDir: resolve(import.meta.dirname, 'dist-web'), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
