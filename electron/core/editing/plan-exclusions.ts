import type { Db } from '../db/connection';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition } from '../records/filter-sql';
import { ChangePlan, EXCLUDED_FIELD } from './planned-change';

/**
 * Exclusion is logged as an edit of the pseudo-field '$excluded' whose value is the reason (null
 * when included), so undo, redo and revert treat it like any other cell.
 */
export function planExclusion(db: Db, filter: GridFilter, reason: string | null): ChangePlan {
  const where = filterCondition(db, filter);
  const rows = db
    .prepare(`SELECT r.id, r.excluded, r.exclude_reason FROM records r WHERE ${where.sql} ORDER BY r.id`)
    .raw()
    .all(...where.params) as [number, number, string | null][];
  const plan = new ChangePlan();
  for (const [id, excluded, current] of rows) {
    plan.add(id, EXCLUDED_FIELD, excluded ? (current ?? '') : null, reason);
  }
  return plan;
}
