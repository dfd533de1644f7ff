import type { Db } from '../db/connection';
import type { GridFilter } from '../../../shared/contract/records';

interface CachedCount {
  filter: string;
  version: string;
  total: number;
}

const lastCount = new WeakMap<Db, CachedCount>();

/**
 * The total of a grid view, counted once per state of the workspace. Scrolling asks for one
 * window after another of the same view, and for a search or a value filter each count scans
 * every record's values (~50 ms for 100,000). The workspace is unchanged while no connection
 * has committed (PRAGMA data_version, for the others) and this one changed no row
 * (total_changes(), for its own writes, committed or not).
 */
export function countOnce(db: Db, filter: GridFilter, count: () => number): number {
  const key = JSON.stringify(filter);
  const version = `${String(db.pragma('data_version', { simple: true }))}:${String(db.prepare('SELECT total_changes()').pluck().get())}`;
  const cached = lastCount.get(db);
  if (cached && cached.filter === key && cached.version === version) return cached.total;
  const total = count();
  lastCount.set(db, { filter: key, version, total });
  return total;
}
