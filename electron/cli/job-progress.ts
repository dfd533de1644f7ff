import type { Backend } from '../core/backend';
import type { JobProgress } from '../../shared/contract/jobs';
import type { CliIo } from './command';

/** A long job's progress on stderr (silent with --json), at most once a second. Returns the unsubscribe. */
export function showProgress(io: CliIo, backend: Backend, fallback?: string): () => void {
  let last = 0;
  return backend.subscribe((name, payload) => {
    if (name !== 'job:progress') return;
    const p = payload as JobProgress;
    const now = Date.now();
    if (now - last < 1000 || p.total === 0 || p.done >= p.total) return;
    last = now;
    io.info(`${p.message || fallback || p.title}: ${Math.round((100 * p.done) / p.total)}%`);
  });
}
