import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WORKER_RESOURCE_LIMITS, workerEntryFrom } from '../../../electron/core/jobs/worker-entry';

const SOURCE = pathToFileURL(fileURLToPath(new URL('../../../electron/core/jobs/worker-entry.ts', import.meta.url))).href;

describe('where a worker thread\'s code is', () => {
  it('loads the .ts sources through tsx, also from a module tsx loaded inside a worker (its URL has a query)', () => {
    for (const base of [SOURCE, `${SOURCE}?tsx-namespace=1234-abcd`]) {
      for (const name of ['job', 'helper'] as const) {
        const { url, workerData, resourceLimits } = workerEntryFrom(base, name, { file: 'w.rscw' });
        expect(resourceLimits).toEqual(WORKER_RESOURCE_LIMITS);
        expect(url.pathname.endsWith('/electron/core/jobs/worker-from-source.mjs')).toBe(true);
        expect(existsSync(url)).toBe(true);
        const entry = new URL(workerData.entry as string);
        expect(entry.search).toBe('');
        expect(existsSync(entry)).toBe(true);
        expect(workerData.file).toBe('w.rscw');
      }
    }
    expect(new URL(workerEntryFrom(SOURCE, 'helper').workerData.entry as string).pathname).toMatch(/\/electron\/core\/jobs\/helper-worker\.ts$/);
  });

  it('loads the built .js beside the main bundle, or beside the chunk folder', () => {
    // Neither file exists here: a bundle in out/main/chunks/ looks one folder up.
    const { url, workerData, resourceLimits } = workerEntryFrom('file:///app/out/main/chunks/index-abc.js', 'helper', { a: 1 });
    expect(resourceLimits.maxYoungGenerationSizeMb).toBeGreaterThan(48);
    expect(url.href).toBe('file:///app/out/main/helper-worker.js');
    expect(workerData).toEqual({ a: 1 });
  });
});
