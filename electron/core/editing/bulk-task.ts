import type { BulkAction, GridFilter } from '../../../shared/contract/records';
import { TouchedChecker } from '../compliance';
import type { HelperTaskContext } from '../jobs/helper-thread';
import { planBulkChunk, type BulkChunk } from './bulk-chunk';
import { compileBulk } from './plan-bulk';

/** What a bulk edit hands the helper thread (bulk-pipeline.ts). */
export interface BulkTaskData {
  filter: GridFilter;
  action: BulkAction;
  /** The target records, in id order; chunk k is ids[k·chunkSize, (k+1)·chunkSize). */
  ids: Float64Array;
  chunkSize: number;
  /** The edit's check time, so both threads' results carry the same. */
  now: number;
}

export function chunkIds(ids: Float64Array, chunkSize: number, k: number): number[] {
  return Array.from(ids.subarray(k * chunkSize, (k + 1) * chunkSize));
}

/** A bulk edit's part on the helper thread: plans and checks the chunks it takes; the edit's thread writes them. */
export function bulkEditTask(ctx: HelperTaskContext<BulkChunk>): void {
  const data = ctx.data as BulkTaskData;
  const compiled = compileBulk(data.filter, data.action);
  const checker = new TouchedChecker(ctx.db, { now: data.now });
  for (let k = ctx.claim(); k !== null; k = ctx.claim()) {
    ctx.send(k, planBulkChunk(ctx.db, compiled, checker, chunkIds(data.ids, data.chunkSize, k)));
  }
}
