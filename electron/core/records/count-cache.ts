import type { Db } from '../db/connection';
import type { GridFilter } from '../../../shared/contract/records';

interface CachedCount {
  filter: string;
  version: string;
  total: number;
}

const lastCount = new WeakMap<Db, CachedCount>();

/**
 * The state of the workspace as this connection sees it: unchanged while no other connection has
 * committed (PRAGMA data_version) and this one changed no row (total_changes(), which counts its
 * own writes, committed or not).
 */
function stateOf(db: Db): string {
  return `${String(db.pragma('data_version', { simple: true }))}:${String(db.prepare('SELECT total_changes()').pluck().get())}`;
}

/** The view's total if it was counted in the workspace's current state. */
export function peekCount(db: Db, filter: GridFilter): number | undefined {
  const cached = lastCount.get(db);
  return cached && cached.filter === JSON.stringify(filter) && cached.version === stateOf(db) ? cached.total : undefined;
}

/**
 * The total of a grid view, counted once per state of the workspace. Scrolling asks for one
 * window after another of the same view, and for a search or a value filter each count scans
 * every record's values (~50 ms for 100,000).
 */
export function countOnce(db: Db, filter: GridFilter, count: () => number): number {
  const known = peekCount(db, filter);
  if (known !== undefined) return known;
  const version = stateOf(db);
  const total = count();
  lastCount.set(db, { filter: JSON.stringify(filter), version, total });
  return total;
}
