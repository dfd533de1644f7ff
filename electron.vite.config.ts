import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { rendererConfig } from './vite.renderer.config.ts';
import { DESKTOP_CONTENT_SECURITY_POLICY } from './electron/main/window-options.ts';

/** The desktop build's index.html carries the desktop policy, not the web harness's (inline styles, ws://). */
const desktopCsp: Plugin = {
  name: 'rscw-desktop-csp',
  apply: 'build',
  transformIndexHtml: (html) =>
    html.replace(/(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/, `$1${DESKTOP_CONTENT_SECURITY_POLICY}"`),
};

// Where the build goes: out/, unless a caller builds a copy of its own (the packaging test, beside other tests that build out/).
const OUT = process.env.RSCW_BUILD_OUT ? resolve(process.env.RSCW_BUILD_OUT) : resolve(import.meta.dirname, 'out');

// Top-level electron/, renderer/ and shared/ are given as explicit entries (not electron-vite's src/ default).
export default defineConfig({
  main: {
    build: {
      outDir: resolve(OUT, 'main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // Worker threads must sit beside the main bundle (see electron/core/jobs/worker-entry.ts).
          worker: resolve(import.meta.dirname, 'electron/core/jobs/worker.ts'),
          'helper-worker': resolve(import.meta.dirname, 'electron/core/jobs/helper-worker.ts'),
          'read-worker': resolve(import.meta.dirname, 'electron/core/importing/reading/read-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(OUT, 'preload'),
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    plugins: [...(rendererConfig.plugins ?? []), desktopCsp],
    root: resolve(import.meta.dirname, 'renderer'),
    build: {
      outDir: resolve(OUT, 'renderer'),
      rolldownOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
