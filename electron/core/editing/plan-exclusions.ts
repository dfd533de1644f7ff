import type { Db } from '../db/connection';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition } from '../records/filter-sql';
import { ChangePlan, EXCLUDED_FIELD } from './planned-change';
import { SNAPSHOT_PARAMS, snapshotAt, snapshotColumns } from './row-snapshot';

/**
 * Exclusion is logged as an edit of the pseudo-field '$excluded' whose value is the reason (null
 * when included), so undo, redo and revert treat it like any other cell.
 */
export function planExclusion(db: Db, filter: GridFilter, reason: string | null): ChangePlan {
  const where = filterCondition(db, filter);
  const rows = db
    .prepare(`SELECT r.id, ${snapshotColumns('r', false)} FROM records_wide r WHERE ${where.sql} ORDER BY r.id`)
    .raw()
    .all(...SNAPSHOT_PARAMS, ...where.params) as unknown[][];
  const plan = new ChangePlan();
  for (const r of rows) {
    const row = snapshotAt(r, 1);
    plan.add(r[0] as number, EXCLUDED_FIELD, row.excluded ? (row.reason ?? '') : null, reason, row);
  }
  return plan;
}
