// Worker entry when running from TypeScript sources (tsx, vitest): Node 20 workers do not inherit tsx's
// loader from --import, so load the real worker through tsx's API. The built app uses worker.js directly.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
