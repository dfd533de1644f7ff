import type { Db } from '../db/connection';
import type { BulkAction, BulkPreview, GridFilter } from '../../../shared/contract/records';
import { planBulk } from './plan-bulk';
import { planFixAll, type FixAllSpec } from './plan-fixes';
import type { ChangePlan } from './planned-change';
import { KEY_FIELDS } from '../../../shared/rsc/fields';

/** What a bulk action would change, counted in full, with the first changes listed; nothing is written. */
export function previewBulk(db: Db, filter: GridFilter, action: BulkAction, limit = 50): BulkPreview {
  // One read transaction: the counts and the listed changes come from the same snapshot.
  return previewOf(db, db.transaction(() => planBulk(db, filter, action))(), limit, KEY_FIELDS[filter.category]);
}

/** What "fix all like this" would change, counted in full, with the first changes listed; nothing is written. */
export function previewFixAll(db: Db, spec: FixAllSpec, limit = 50): BulkPreview {
  const category = spec.filter?.category ?? spec.category;
  return previewOf(db, db.transaction(() => planFixAll(db, spec))(), limit, category ? KEY_FIELDS[category] : [...new Set(Object.values(KEY_FIELDS).flat())]);
}

function previewOf(db: Db, plan: ChangePlan, limit: number, keyFields: readonly string[]): BulkPreview {
  const keyRecords = new Set(plan.changes.filter((c) => keyFields.includes(c.field)).map((c) => c.recordId)).size;
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
    targetRecords: plan.visited,
    alreadyFilled: plan.hadValue,
    keyRecords,
    changes: shown.map((c) => ({ ...c, key: keys.get(c.recordId) ?? '' })),
  };
}
