import type { Db } from '../db/connection';
import { isCategory, type Category } from '../../../shared/domain';
import type { OperationKind, OperationResult } from '../../../shared/contract/records';
import { Recheck } from './recheck';
import { CellWriter } from './cell-writer';
import { insertOperation, operationEntry } from './operation-log';
import type { ChangePlan } from './planned-change';
import type { EditProgress } from './progress';

export interface EditOutcome<R> {
  result: R;
  /** Categories whose records changed, re-checked ones included: what the UI refetches. */
  categories: Category[];
}

/**
 * Writes a plan as one operation: the operation row, every changed cell, one edit row per cell,
 * then the re-check of the touched records (and those whose cross-record rules depend on them).
 * Must run inside the caller's transaction, so the values, the log and the statuses commit together.
 */
export function commitPlan(
  db: Db,
  op: { kind: OperationKind; description: string },
  plan: ChangePlan,
  progress: EditProgress,
): EditOutcome<OperationResult> {
  const base = { skipped: plan.skipped, skipReasons: plan.skipReasons() };
  if (plan.changes.length === 0) {
    return { result: { operation: null, changedCells: 0, changedRecords: 0, ...base }, categories: [] };
  }
  const at = Date.now();
  const ids = plan.recordIds();
  const categories = categoriesOf(db, ids);
  const operationId = insertOperation(
    db,
    { ...op, recordCount: ids.length, cellCount: plan.changes.length, categories },
    at,
  );
  const recheck = Recheck.prepare(db, ids);
  const writer = new CellWriter(db);
  writer.apply(plan.changes, progress);
  writer.log(operationId, plan.changes, at);
  progress.throwIfCancelled();
  progress.progress(plan.changes.length, plan.changes.length, 'Re-checking');
  const rechecked = recheck.run();
  return {
    result: { operation: operationEntry(db, operationId), changedCells: plan.changes.length, changedRecords: ids.length, ...base },
    categories: union(categories, rechecked),
  };
}

export function categoriesOf(db: Db, ids: readonly number[]): Category[] {
  const rows = db
    .prepare('SELECT DISTINCT category FROM records WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(ids)) as string[];
  return rows.filter(isCategory);
}

export function union(a: readonly Category[], b: readonly Category[]): Category[] {
  return [...new Set([...a, ...b])];
}
