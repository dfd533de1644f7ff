import { existsSync } from 'node:fs';
import type { ResourceLimits } from 'node:worker_threads';

/** The app's worker threads: the job worker, the helper that shares a check's or a bulk edit's work, and an import's reading thread. */
const ENTRIES = {
  job: { source: './worker.ts', built: 'worker.js' },
  helper: { source: './helper-worker.ts', built: 'helper-worker.js' },
  reader: { source: '../importing/reading/read-worker.ts', built: 'read-worker.js' },
} as const;

export type WorkerName = keyof typeof ENTRIES;

export interface WorkerEntry {
  url: URL;
  workerData: Record<string, unknown>;
  resourceLimits: ResourceLimits;
}

/**
 * The app's threads allocate an object or more per record and drop them a moment later (a bulk
 * edit's plan, a check's results, a sync's payloads). With V8's default young generation (16 MB
 * semi-spaces) they were collected so often that many were copied, even promoted, before they
 * died: "fix all" over 100,000 records took ~2.3 s with it and ~1.95 s with 64 MB semi-spaces
 * (a young generation of three semi-spaces), and the same import's peak RSS did not move.
 */
export const WORKER_RESOURCE_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 192 };

/**
 * Where a worker thread's code is. From sources (tsx, vitest) it is the .ts module loaded through
 * tsx (worker-from-source.mjs, with the module's URL as workerData.entry); in the built app
 * electron-vite emits each entry beside the main bundle (see electron.vite.config.ts).
 * `workerData` is merged with the caller's own.
 */
export function workerEntry(name: WorkerName, workerData: Record<string, unknown> = {}): WorkerEntry {
  return workerEntryFrom(import.meta.url, name, workerData);
}

/**
 * workerEntry for a module at `base`. Inside a worker that tsx loaded, a module's URL carries a
 * query (`?tsx-namespace=…`), so the source form is told by the path alone.
 */
export function workerEntryFrom(base: string, name: WorkerName, workerData: Record<string, unknown> = {}): WorkerEntry {
  const entry = ENTRIES[name];
  if (new URL(base).pathname.endsWith('.ts')) {
    return {
      url: new URL('./worker-from-source.mjs', base),
      workerData: { ...workerData, entry: new URL(entry.source, base).href },
      resourceLimits: WORKER_RESOURCE_LIMITS,
    };
  }
  // This module may be bundled into out/main/index.js or into a chunk under out/main/chunks/.
  const beside = new URL(`./${entry.built}`, base);
  return { url: existsSync(beside) ? beside : new URL(`../${entry.built}`, base), workerData, resourceLimits: WORKER_RESOURCE_LIMITS };
}
