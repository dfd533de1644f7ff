import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { CellValue } from '../../../shared/domain';
import type { HistoryEntry, UndoResult } from '../../../shared/contract/records';
import { historyStepShared, type EditOptions } from './bulk-pipeline';
import { CellWriter, type Applied } from './cell-writer';
import { union, type EditOutcome } from './commit';
import { dateFormatChangeOf, operationEntry, redoTarget, setUndone, undoTarget } from './operation-log';
import { stepDateFormat } from './date-format-step';
import { parseCellJson, sameValue, type PlannedChange } from './planned-change';
import type { EditProgress } from './progress';
import { SNAPSHOT_PARAMS, cellNow, snapshotAt, snapshotColumns, type RowSnapshot } from './row-snapshot';

/**
 * Undo, redo and reverting one operation. An operation's cells go back to their `before` values
 * (or forward to `after`) only when that leaves every cell consistent with the history:
 *   - no later operation still in effect touched the same cells (else its values would be
 *     silently overwritten; the refusal names it), and
 *   - each cell still holds the value the step expects (else something outside the history,
 *     such as a re-import, changed it since).
 * Both hold trivially for Undo and Redo in order; they matter for reverting an older operation.
 */

export function undo(db: Db, progress: EditProgress, share: EditOptions | null = null): EditOutcome<UndoResult> {
  const target = undoTarget(db);
  if (!target) return nothing('Nothing to undo.');
  return step(db, target, 'undo', progress, share, true);
}

export function redo(db: Db, progress: EditProgress, share: EditOptions | null = null): EditOutcome<UndoResult> {
  const target = redoTarget(db);
  if (!target) return nothing('Nothing to redo.');
  return step(db, target, 'redo', progress, share, true);
}

/** Reverts one earlier operation on its own. */
export function revert(db: Db, operationId: number, progress: EditProgress, share: EditOptions | null = null): EditOutcome<UndoResult> {
  const target = operationEntry(db, operationId);
  if (!target) throw new ContractFailure('NOT_FOUND', `There is no operation #${operationId}.`);
  if (target.undone) throw new ContractFailure('ALREADY_UNDONE', `#${target.id} (${target.description}) is already undone.`);
  return step(db, target, 'revert', progress, share);
}

/** Applies a reverted operation again (the opposite of revert). */
export function reapply(db: Db, operationId: number, progress: EditProgress, share: EditOptions | null = null): EditOutcome<UndoResult> {
  const target = operationEntry(db, operationId);
  if (!target) throw new ContractFailure('NOT_FOUND', `There is no operation #${operationId}.`);
  if (!target.undone) throw new ContractFailure('NOT_UNDONE', `#${target.id} (${target.description}) is in effect already.`);
  return step(db, target, 'redo', progress, share);
}

function nothing(message: string): EditOutcome<UndoResult> {
  return { result: { operation: null, changedCells: 0, message }, categories: [] };
}

/**
 * `share`: whether a large step may share its work with the helper thread (historyStepShared);
 * `inOrder`: the target is Undo's or Redo's own (not an operation picked from the history).
 */
function step(
  db: Db, target: HistoryEntry, mode: 'undo' | 'redo' | 'revert', progress: EditProgress, share: EditOptions | null, inOrder = false,
): EditOutcome<UndoResult> {
  const backwards = mode !== 'redo';
  const verb = mode === 'redo' ? 'redo' : mode;
  progress.progress(0, 1, 'Reading');
  // Undo and redo in order act on the newest operation in effect and the oldest undone one: every
  // later operation is undone, so none can overlap (the query costs ~30 ms on 100,000 edits).
  const format = target.kind === 'date-format' ? dateFormatChangeOf(db, target.id) : null;
  if (!inOrder && !format) refuseOverlap(db, target, verb);
  const label = mode === 'redo' ? 'Redoing' : 'Undoing';
  const applied = format
    ? (stepDateFormat(db, target, format, backwards, verb), { cells: 0, categories: [format.category], rechecked: [] })
    : (share && historyStepShared(db, target.id, backwards, label, progress, share)) || stepHere(db, target, backwards, verb, label, progress);
  setUndone(db, target.id, backwards);
  progress.throwIfCancelled();
  const done = operationEntry(db, target.id)!;
  const past = mode === 'undo' ? 'Undid' : mode === 'redo' ? 'Redid' : 'Reverted';
  return {
    result: { operation: done, changedCells: applied.cells, message: `${past} #${done.id}: ${done.description}.` },
    categories: union(applied.categories, applied.rechecked),
  };
}

/** The step on this thread alone: every edit read at once, drift refused before anything is written. */
function stepHere(
  db: Db, target: HistoryEntry, backwards: boolean, verb: string, label: string, progress: EditProgress,
): Applied & { cells: number } {
  const { changes, rows } = editsOf(db, target.id);
  refuseDrift(target, changes, backwards, verb);
  return { ...new CellWriter(db).apply(changes, progress, backwards, label, rows), cells: changes.length };
}

interface LoggedChange extends PlannedChange {
  /** The cell's value now. */
  current: CellValue;
}

/**
 * The operation's edits with each cell's current value, and the rows of their records for the
 * writer (so a 100,000-record undo reads and parses each record once), in one indexed join.
 * Records deleted since (a re-import that dropped them) drop out: they have no cells to restore.
 */
function editsOf(db: Db, operationId: number): { changes: LoggedChange[]; rows: Map<number, RowSnapshot> } {
  const found = db
    .prepare(
      `SELECT e.record_id, e.field, e.before_json, e.after_json, ${snapshotColumns('r')}
         FROM edits e JOIN records_wide r ON r.id = e.record_id
        WHERE e.operation_id = ? ORDER BY e.id`,
    )
    .raw()
    .all(...SNAPSHOT_PARAMS, operationId) as unknown[][];
  const rows = new Map<number, RowSnapshot>();
  const changes = found.map((r): LoggedChange => {
    const recordId = r[0] as number;
    const field = r[1] as string;
    let row = rows.get(recordId);
    if (!row) {
      row = snapshotAt(r, 4);
      rows.set(recordId, row);
    }
    const current = cellNow(row, field);
    return { recordId, field, before: parseCellJson(r[2] as string | null), after: parseCellJson(r[3] as string | null), current };
  });
  return { changes, rows };
}

interface OverlapRow {
  id: number;
  description: string;
  cells: number;
}

/** Later operations still in effect that changed any of the target's cells. */
function refuseOverlap(db: Db, target: HistoryEntry, verb: string): void {
  const rows = db
    .prepare(
      `SELECT o.id, o.description, count(*) AS cells
         FROM edits x
         JOIN edits y ON y.record_id = x.record_id AND y.field = x.field AND y.operation_id > x.operation_id
         JOIN operations o ON o.id = y.operation_id AND o.undone = 0
        WHERE x.operation_id = ?
        GROUP BY o.id ORDER BY o.id`,
    )
    .all(target.id) as OverlapRow[];
  if (rows.length === 0) return;
  const list = rows
    .slice(0, 3)
    .map((o) => `#${o.id} (${o.description}, ${o.cells} cell${o.cells === 1 ? '' : 's'})`)
    .join(', ');
  const more = rows.length > 3 ? ` and ${rows.length - 3} more` : '';
  const first = rows[rows.length - 1];
  throw new ContractFailure(
    'OVERLAP',
    `Cannot ${verb} #${target.id} (${target.description}): later operation${rows.length > 1 ? 's' : ''} ${list}${more} changed the same cells. ` +
      `Undo or revert #${first.id} first.`,
    { operations: rows.map((o) => ({ id: o.id, description: o.description, cells: o.cells })) },
  );
}

/** Cells that no longer hold the value this step starts from. */
function refuseDrift(target: HistoryEntry, changes: readonly LoggedChange[], backwards: boolean, verb: string): void {
  let drifted = 0;
  let example: LoggedChange | null = null;
  for (const c of changes) {
    if (!sameValue(c.current, backwards ? c.after : c.before)) {
      drifted++;
      example ??= c;
    }
  }
  if (drifted === 0 || !example) return;
  throw new ContractFailure(
    'CHANGED',
    `Cannot ${verb} #${target.id} (${target.description}): ${drifted} of its cells ${drifted === 1 ? 'has' : 'have'} changed outside the history since ` +
      `(e.g. ${example.field} of record #${example.recordId}, as after a re-import).`,
  );
}
