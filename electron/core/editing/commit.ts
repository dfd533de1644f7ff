import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import type { OperationKind, OperationResult } from '../../../shared/contract/records';
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
 * Writes a plan as one operation: every changed cell with the re-check of the touched records
 * (and those whose cross-record rules depend on them), the operation row, one edit row per cell.
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
  const writer = new CellWriter(db);
  const applied = writer.apply(plan.changes, progress, false, 'Writing', plan.rows);
  const operationId = insertOperation(
    db,
    { ...op, recordCount: ids.length, cellCount: plan.changes.length, categories: applied.categories },
    at,
  );
  writer.log(operationId, plan.changes, at);
  progress.throwIfCancelled();
  return {
    result: { operation: operationEntry(db, operationId), changedCells: plan.changes.length, changedRecords: ids.length, ...base },
    categories: union(applied.categories, applied.rechecked),
  };
}

export function union(a: readonly Category[], b: readonly Category[]): Category[] {
  return [...new Set([...a, ...b])];
}
