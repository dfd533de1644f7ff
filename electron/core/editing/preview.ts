import type { Db } from '../db/connection';
import type { BulkAction, BulkPreview, GridFilter } from '../../../shared/contract/records';
import { planBulk } from './plan-bulk';

/** What a bulk action would change, counted in full, with the first changes listed; nothing is written. */
export function previewBulk(db: Db, filter: GridFilter, action: BulkAction, limit = 50): BulkPreview {
  // One read transaction: the counts and the listed changes come from the same snapshot.
  const plan = db.transaction(() => planBulk(db, filter, action))();
  const shown = plan.changes.slice(0, limit);
  const keys = new Map(
    (
      db
        .prepare('SELECT id, key FROM records WHERE id IN (SELECT value FROM json_each(?))')
        .raw()
        .all(JSON.stringify(shown.map((c) => c.recordId))) as [number, string][]
    ).map(([id, key]) => [id, key]),
  );
  return {
    changedCells: plan.changes.length,
    changedRecords: plan.recordIds().length,
    skipped: plan.skipped,
    skipReasons: plan.skipReasons(),
    changes: shown.map((c) => ({ ...c, key: keys.get(c.recordId) ?? '' })),
  };
}
