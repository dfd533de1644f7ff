import { existsSync } from 'node:fs';

/** The app's worker threads: the job worker, and the helper that shares a check's or a bulk edit's work. */
const ENTRIES = {
  job: { source: './worker.ts', built: 'worker.js' },
  helper: { source: './helper-worker.ts', built: 'helper-worker.js' },
} as const;

export type WorkerName = keyof typeof ENTRIES;

export interface WorkerEntry {
  url: URL;
  workerData: Record<string, unknown>;
}

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
    };
  }
  // This module may be bundled into out/main/index.js or into a chunk under out/main/chunks/.
  const beside = new URL(`./${entry.built}`, base);
  return { url: existsSync(beside) ? beside : new URL(`../${entry.built}`, base), workerData };
}
