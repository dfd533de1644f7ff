import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import type { BulkAction, GridFilter, OperationKind, OperationResult } from '../../../shared/contract/records';
import { TouchedChecker } from '../compliance';
import { ChunkHelper } from '../jobs/helper-thread';
import { planBulkChunk, type BulkChunk } from './bulk-chunk';
import { chunkIds, type BulkTaskData } from './bulk-task';
import { CellWriter } from './cell-writer';
import { union, type EditOutcome } from './commit';
import { insertOperation, operationEntry } from './operation-log';
import { compileBulk } from './plan-bulk';
import { ChangePlan } from './planned-change';
import type { EditProgress } from './progress';
import type { RecordWrite } from './record-settle';

/** From this many target records a bulk action shares its planning and checking with the helper thread. */
export const SHARED_BULK_FROM = 20_000;

/** How an edit command may share its work with the helper thread (tests set these). */
export interface EditOptions {
  /** Target records from which a bulk action is shared (default SHARED_BULK_FROM). */
  sharedFrom?: number;
  /** The helper takes its first chunk before this thread starts (tests: a share of even a small edit). */
  helperFirst?: boolean;
}

/** Target records per chunk: small enough that both threads stay busy to the end. */
const CHUNK_RECORDS = 2_500;

/**
 * A large bulk action (set, clear, transform, fill, find & replace) on two threads: this thread
 * and the helper thread (helper-thread.ts) take chunks of the target records in turn, each
 * planning, editing and checking its chunks in memory (planBulkChunk: most of the work), while
 * this thread alone writes every chunk, in id order, as it becomes ready. The outcome is the one
 * commitPlan(planBulk(…)) writes: the same values, results, edit log and operation.
 *
 * Returns null when the work is not shared: few targets, an in-memory workspace, or inside a
 * transaction the caller opened (the helper could not see its writes). Must run inside a
 * transaction of its own, begun IMMEDIATE, before anything is written (see helper-thread.ts).
 */
export function commitBulkShared(
  db: Db,
  op: { kind: OperationKind; description: string },
  filter: GridFilter,
  action: BulkAction,
  progress: EditProgress,
  options: EditOptions = {},
): EditOutcome<OperationResult> | null {
  const compiled = compileBulk(filter, action);
  const where = compiled.targets(db);
  const ids = Float64Array.from(
    db.prepare(`SELECT r.id FROM records_wide r WHERE ${where.sql} ORDER BY r.id`).pluck().all(...where.params) as number[],
  );
  if (ids.length === 0 || ids.length < (options.sharedFrom ?? SHARED_BULK_FROM)) return null;
  const checker = new TouchedChecker(db);
  const chunkCount = Math.ceil(ids.length / CHUNK_RECORDS);
  const helper = BulkHelper.start(db, chunkCount, { filter, action, ids, chunkSize: CHUNK_RECORDS, now: checker.checkedAt });
  if (!helper) return null;

  const writer = new CellWriter(db);
  const skips = new ChangePlan();
  const logs: BulkChunk['log'][] = [];
  const deferred: RecordWrite[] = [];
  const categories = new Set<string>();
  let records = 0;
  let cells = 0;
  let targetsDone = 0;
  const write = (k: number, chunk: BulkChunk) => {
    writer.writeChunk(chunk);
    logs.push(chunk.log);
    for (const w of chunk.deferred) deferred.push(w);
    for (const c of chunk.categories) categories.add(c);
    skips.addSkips(chunk.skips);
    records += chunk.records;
    cells += chunk.log.ids.length;
    targetsDone += Math.min(CHUNK_RECORDS, ids.length - k * CHUNK_RECORDS);
    progress.throwIfCancelled();
    progress.progress(targetsDone, ids.length, 'Writing');
  };
  try {
    // Chunks are written in id order (the edit log follows the records' order, as in one thread):
    // this thread's own once their turn comes, the helper's as they arrive.
    const own = new Map<number, BulkChunk>();
    let next = 0;
    const writeReady = (wait: boolean) => {
      while (next < chunkCount) {
        const chunk = own.get(next) ?? (wait ? helper.waitFor(next) : helper.take(next));
        if (!chunk) return;
        own.delete(next);
        write(next, chunk);
        next++;
      }
    };
    if (options.helperFirst) helper.waitUntilStarted();
    for (let k = helper.claim(); k !== null; k = helper.claim()) {
      own.set(k, planBulkChunk(db, compiled, checker, chunkIds(ids, CHUNK_RECORDS, k)));
      writeReady(false);
    }
    // Every chunk is taken: the rest are the helper's, or this thread's waiting their turn.
    writeReady(true);
  } finally {
    helper.stop();
  }
  writer.flushWrites();
  const rechecked = writer.writeDeferred(deferred, () => {
    progress.throwIfCancelled();
    progress.progress(ids.length, ids.length, 'Re-checking');
  });

  const base = { skipped: skips.skipped, skipReasons: skips.skipReasons() };
  if (cells === 0) return { result: { operation: null, changedCells: 0, changedRecords: 0, ...base }, categories: [] };
  const touched = [...categories].filter((c): c is Category => CATEGORY_SET.has(c));
  const at = Date.now();
  const operationId = insertOperation(db, { ...op, recordCount: records, cellCount: cells, categories: touched }, at);
  writer.logChunks(operationId, logs, at);
  progress.throwIfCancelled();
  return {
    result: { operation: operationEntry(db, operationId), changedCells: cells, changedRecords: records, ...base },
    categories: union(touched, rechecked),
  };
}

const CATEGORY_SET: ReadonlySet<string> = new Set(['jobs', 'candidates', 'applications', 'stages']);

/** A bulk edit's second thread (helper-thread.ts, running bulk-task.ts). */
class BulkHelper extends ChunkHelper<BulkChunk> {
  static start(db: Db, chunkCount: number, data: BulkTaskData): BulkHelper | null {
    const file = ChunkHelper.fileOf(db);
    return file === null ? null : new BulkHelper('bulk-edit', file, chunkCount, data, "The edit's second thread");
  }
}
