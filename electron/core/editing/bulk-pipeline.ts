import type { Db } from '../db/connection';
import { isCategory, type Category } from '../../../shared/domain';
import type { BulkAction, GridFilter, OperationKind, OperationResult } from '../../../shared/contract/records';
import { TouchedChecker } from '../compliance';
import { ChunkHelper } from '../jobs/helper-thread';
import type { BulkChunk } from './bulk-chunk';
import { chunkPlanner, type EditTaskData } from './bulk-task';
import { CellWriter } from './cell-writer';
import { union, type EditOutcome } from './commit';
import { insertOperation, operationEntry } from './operation-log';
import { compileBulk } from './plan-bulk';
import { fixAllTargets, type FixAllSpec } from './plan-fixes';
import { ChangePlan } from './planned-change';
import type { EditProgress } from './progress';
import type { RecordWrite } from './record-settle';

/** From this many records an edit shares its planning and checking with the helper thread. */
export const SHARED_BULK_FROM = 20_000;

/** How an edit command may share its work with the helper thread (tests set these). */
export interface EditOptions {
  /** Records from which an edit is shared (default SHARED_BULK_FROM). */
  sharedFrom?: number;
  /** The helper takes its first chunk before this thread starts (tests: a share of even a small edit). */
  helperFirst?: boolean;
}

/** Target records per chunk: small enough that both threads stay busy to the end. */
const CHUNK_RECORDS = 2_500;

/**
 * A large bulk action (set, clear, transform, fill, find & replace) on two threads (writeShared).
 * The outcome is the one commitPlan(planBulk(…)) writes: the same values, results, edit log and
 * operation. Returns null when the work is not shared (see writeShared). Must run inside a
 * transaction of its own, begun IMMEDIATE, before anything is written (see helper-thread.ts).
 */
export function commitBulkShared(
  db: Db, op: Operation, filter: GridFilter, action: BulkAction, progress: EditProgress, options: EditOptions = {},
): EditOutcome<OperationResult> | null {
  const compiled = compileBulk(filter, action);
  const where = compiled.targets(db);
  const ids = db.prepare(`SELECT r.id FROM records_wide r WHERE ${where.sql} ORDER BY r.id`).pluck().all(...where.params) as number[];
  return commitShared(db, op, { kind: 'bulk', filter, action }, ids, progress, options);
}

/** "Fix all like this" on two threads, as commitBulkShared: what commitPlan(planFixAll(…)) writes. */
export function commitFixAllShared(
  db: Db, op: Operation, spec: FixAllSpec, progress: EditProgress, options: EditOptions = {},
): EditOutcome<OperationResult> | null {
  return commitShared(db, op, { kind: 'fix', spec }, fixAllTargets(db, spec), progress, options);
}

type Operation = { kind: OperationKind; description: string };

/** A new operation written by writeShared, with its edit log and history entry. */
function commitShared(
  db: Db, op: Operation, task: TaskOf<'bulk' | 'fix'>, ids: readonly number[], progress: EditProgress, options: EditOptions,
): EditOutcome<OperationResult> | null {
  const shared = writeShared(db, task, ids, 'Writing', progress, options);
  if (!shared) return null;
  const { skips, cells, records, categories } = shared;
  const base = { skipped: skips.skipped, skipReasons: skips.skipReasons() };
  if (cells === 0) return { result: { operation: null, changedCells: 0, changedRecords: 0, ...base }, categories: [] };
  const at = Date.now();
  const operationId = insertOperation(db, { ...op, recordCount: records, cellCount: cells, categories }, at);
  shared.writer.logChunks(operationId, shared.logs, at);
  progress.throwIfCancelled();
  return {
    result: { operation: operationEntry(db, operationId), changedCells: cells, changedRecords: records, ...base },
    categories: union(categories, shared.rechecked),
  };
}

/**
 * Undo (`backwards`) or redo of a large operation on two threads (writeShared): the values,
 * results and exclusions CellWriter.apply would write. Null when the work is not shared, or when
 * a cell no longer holds the value the step starts from: then nothing is written (a savepoint is
 * rolled back) and the caller's one-thread step refuses it with the full count.
 */
export function historyStepShared(
  db: Db, operationId: number, backwards: boolean, label: string, progress: EditProgress, options: EditOptions = {},
): SharedOutcome | null {
  const ids = db.prepare('SELECT DISTINCT record_id FROM edits WHERE operation_id = ? ORDER BY record_id').pluck().all(operationId) as number[];
  try {
    return db.transaction(() => writeShared(db, { kind: 'history', operationId, backwards }, ids, label, progress, options))();
  } catch (err) {
    if (err instanceof DriftFound) return null;
    throw err;
  }
}

class DriftFound extends Error {}

export interface SharedOutcome {
  writer: CellWriter;
  /** A bulk action's edit log, chunk by chunk. */
  logs: BulkChunk['log'][];
  records: number;
  cells: number;
  /** Categories of the changed records, and those the re-check touched. */
  categories: Category[];
  rechecked: Category[];
  /** The cells a bulk action could not change. */
  skips: ChangePlan;
}

/**
 * A large edit on two threads: this thread and the helper thread (helper-thread.ts) take chunks of
 * the records `ids` in turn, each planning, editing and checking its chunks in memory (most of
 * the work), while this thread alone writes every chunk, in id order, as it becomes ready; then
 * the records only the re-check can settle. Null when the work is not shared: fewer records than
 * `options.sharedFrom`, or an in-memory workspace.
 */
function writeShared(
  db: Db, task: TaskOf<EditTaskData['kind']>, ids: readonly number[], label: string,
  progress: EditProgress, options: EditOptions,
): SharedOutcome | null {
  if (ids.length === 0 || ids.length < (options.sharedFrom ?? SHARED_BULK_FROM)) return null;
  const checker = new TouchedChecker(db);
  const chunkCount = Math.ceil(ids.length / CHUNK_RECORDS);
  const data = { ...task, ids: Float64Array.from(ids), chunkSize: CHUNK_RECORDS, now: checker.checkedAt } as EditTaskData;
  const helper = EditHelper.start(db, chunkCount, data);
  if (!helper) return null;
  const plan = chunkPlanner(db, data, checker);

  const writer = new CellWriter(db);
  const out: SharedOutcome = { writer, logs: [], records: 0, cells: 0, categories: [], rechecked: [], skips: new ChangePlan() };
  const deferred: RecordWrite[] = [];
  const categories = new Set<string>();
  let done = 0;
  const write = (k: number, chunk: BulkChunk) => {
    if (chunk.drifted > 0) throw new DriftFound();
    writer.writeChunk(chunk);
    out.logs.push(chunk.log);
    for (const w of chunk.deferred) deferred.push(w);
    for (const c of chunk.categories) categories.add(c);
    out.skips.addSkips(chunk.skips);
    out.records += chunk.records;
    out.cells += chunk.cells;
    done += Math.min(CHUNK_RECORDS, ids.length - k * CHUNK_RECORDS);
    progress.throwIfCancelled();
    progress.progress(done, ids.length, label);
  };
  try {
    // Chunks are written in id order (a new edit log follows the records' order, as in one
    // thread): this thread's own once their turn comes, the helper's as they arrive.
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
      own.set(k, plan(k));
      writeReady(false);
    }
    // Every chunk is taken: the rest are the helper's, or this thread's waiting their turn.
    writeReady(true);
  } finally {
    helper.stop();
  }
  writer.flushWrites();
  out.rechecked = writer.writeDeferred(deferred, () => {
    progress.throwIfCancelled();
    progress.progress(ids.length, ids.length, 'Re-checking');
  });
  out.categories = [...categories].filter(isCategory);
  return out;
}

/** A task's own data, without what writeShared adds (the records, their chunking, the check time). */
type TaskOf<K extends EditTaskData['kind']> = OwnData<Extract<EditTaskData, { kind: K }>>;
type OwnData<T> = T extends unknown ? Omit<T, 'ids' | 'chunkSize' | 'now'> : never;

/** A large edit's second thread (helper-thread.ts, running bulk-task.ts). */
class EditHelper extends ChunkHelper<BulkChunk> {
  static start(db: Db, chunkCount: number, data: EditTaskData): EditHelper | null {
    const file = ChunkHelper.fileOf(db);
    return file === null ? null : new EditHelper('bulk-edit', file, chunkCount, data, "The edit's second thread");
  }
}
