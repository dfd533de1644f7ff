import type { BulkAction, GridFilter } from '../../../shared/contract/records';
import { TouchedChecker } from '../compliance';
import type { Db } from '../db/connection';
import type { HelperTaskContext } from '../jobs/helper-thread';
import { planBulkChunk, planFixChunk, planHistoryChunk, type BulkChunk } from './bulk-chunk';
import { compileBulk } from './plan-bulk';
import type { FixAllSpec } from './plan-fixes';

/**
 * What a large edit hands the helper thread (bulk-pipeline.ts): a bulk action or "fix all" over
 * its target records, or an undo/redo of an operation over the records it changed.
 */
export type EditTaskData = (
  | { kind: 'bulk'; filter: GridFilter; action: BulkAction }
  | { kind: 'fix'; spec: FixAllSpec }
  | { kind: 'history'; operationId: number; backwards: boolean }
) & {
  /** The records, in id order; chunk k is ids[k·chunkSize, (k+1)·chunkSize). */
  ids: Float64Array;
  chunkSize: number;
  /** The edit's check time, so both threads' results carry the same. */
  now: number;
};

/** The planner of one chunk of a task, on the thread that calls it. */
export function chunkPlanner(db: Db, data: EditTaskData, checker: TouchedChecker): (k: number) => BulkChunk {
  const idsOf = (k: number) => Array.from(data.ids.subarray(k * data.chunkSize, (k + 1) * data.chunkSize));
  if (data.kind === 'bulk') {
    const compiled = compileBulk(data.filter, data.action);
    return (k) => planBulkChunk(db, compiled, checker, idsOf(k));
  }
  if (data.kind === 'fix') return (k) => planFixChunk(db, data.spec, checker, idsOf(k));
  return (k) => planHistoryChunk(db, checker, data.operationId, data.backwards, idsOf(k));
}

/** A large edit's part on the helper thread: plans and checks the chunks it takes; the edit's thread writes them. */
export function bulkEditTask(ctx: HelperTaskContext<BulkChunk>): void {
  const data = ctx.data as EditTaskData;
  const plan = chunkPlanner(ctx.db, data, new TouchedChecker(ctx.db, { now: data.now }));
  for (let k = ctx.claim(); k !== null; k = ctx.claim()) ctx.send(k, plan(k));
}
