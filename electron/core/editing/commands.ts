import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import { ruleSpec } from '../../../shared/rsc/rules';
import type {
  BulkAction, CellChange, GridFilter, OperationResult, UndoResult,
} from '../../../shared/contract/records';
import { filterCondition } from '../records/filter-sql';
import { commitBulkShared, commitFixAllShared, type EditOptions } from './bulk-pipeline';
import { commitPlan, type EditOutcome } from './commit';
import { redo, reapply, revert, undo } from './history-walk';
import { operationEntry, redoTarget, undoTarget } from './operation-log';
import { describeBulk, planBulk } from './plan-bulk';
import { planCellEdits } from './plan-edits';
import { planExclusion } from './plan-exclusions';
import { planFixAll, planRecordFix, type FixAllSpec } from './plan-fixes';
import type { EditProgress } from './progress';

/**
 * Every change the records workspace can make, as plain data: run inline for small changes, or
 * handed to a 'bulk-edit' job (a worker with its own connection) for large ones. Each runs in
 * one immediate transaction: its reads and writes see no other writer, and a cancelled or
 * failed command leaves the workspace unchanged.
 */
export type EditCommand =
  | { type: 'edit'; changes: CellChange[]; description?: string }
  | { type: 'bulk'; filter: GridFilter; action: BulkAction }
  | { type: 'applyFix'; recordId: number; rule: string; field?: string }
  | { type: 'fixAll'; rule: string; category?: Category; field?: string; filter?: GridFilter }
  | { type: 'exclude'; filter: GridFilter; reason: string }
  | { type: 'include'; filter: GridFilter }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'revert'; operationId: number }
  | { type: 'reapply'; operationId: number };

export type HistoryCommand = Extract<EditCommand, { type: 'undo' | 'redo' | 'revert' | 'reapply' }>;
export type ResultOf<C extends EditCommand> = C extends HistoryCommand ? UndoResult : OperationResult;

export function runEditCommand<C extends EditCommand>(
  db: Db, command: C, progress: EditProgress, options: EditOptions = {},
): EditOutcome<ResultOf<C>> {
  // Decided before the transaction: only a transaction of its own is IMMEDIATE from the start,
  // which a helper thread's connection needs to see exactly what this one sees.
  const share = db.inTransaction ? null : options;
  const run = db.transaction(() => execute(db, command, progress, share));
  return run.immediate() as EditOutcome<ResultOf<C>>;
}

function execute(db: Db, c: EditCommand, progress: EditProgress, share: EditOptions | null): EditOutcome<OperationResult | UndoResult> {
  switch (c.type) {
    case 'edit': {
      const plan = planCellEdits(db, c.changes);
      const description = c.description ?? describeCells(db, c.changes);
      return commitPlan(db, { kind: 'edit', description }, plan, progress);
    }
    case 'bulk': {
      progress.progress(0, 1, 'Reading');
      const op = { kind: c.action.kind, description: describeBulk(c.action) };
      return (
        (share && commitBulkShared(db, op, c.filter, c.action, progress, share)) ||
        commitPlan(db, op, planBulk(db, c.filter, c.action), progress)
      );
    }
    case 'applyFix': {
      const plan = planRecordFix(db, c.recordId, c.rule, c.field);
      const key = db.prepare('SELECT key FROM records WHERE id = ?').pluck().get(c.recordId) as string;
      const label = plan.changes.length === 1 ? `${plan.changes[0].field} of ${key}` : key;
      return commitPlan(db, { kind: 'fix', description: `Fixed "${ruleTitle(c.rule)}" on ${label}` }, plan, progress);
    }
    case 'fixAll': {
      progress.progress(0, 1, 'Reading');
      const spec: FixAllSpec = { rule: c.rule, category: c.category, field: c.field, filter: c.filter };
      const where = c.filter?.category ?? c.category;
      const op = { kind: 'fix-all', description: `Fixed all "${ruleTitle(c.rule)}"${c.field ? ` on ${c.field}` : ''}${where ? ` in ${where}` : ''}` } as const;
      return (share && commitFixAllShared(db, op, spec, progress, share)) || commitPlan(db, op, planFixAll(db, spec), progress);
    }
    case 'exclude':
      return commitPlan(db, { kind: 'exclude', description: `Excluded: ${c.reason}` }, planExclusion(db, c.filter, c.reason), progress);
    case 'include':
      return commitPlan(db, { kind: 'include', description: 'Included again' }, planExclusion(db, c.filter, null), progress);
    case 'undo':
      return undo(db, progress, share);
    case 'redo':
      return redo(db, progress, share);
    case 'revert':
      return revert(db, c.operationId, progress, share);
    case 'reapply':
      return reapply(db, c.operationId, progress, share);
  }
}

function ruleTitle(rule: string): string {
  return ruleSpec(rule)?.title ?? rule;
}

function describeCells(db: Db, changes: readonly CellChange[]): string {
  if (changes.length === 1) {
    const key = db.prepare('SELECT key FROM records WHERE id = ?').pluck().get(changes[0].recordId) as string | undefined;
    return `Edited ${changes[0].field} of ${key ?? `#${changes[0].recordId}`}`;
  }
  const records = new Set(changes.map((c) => c.recordId)).size;
  return `Edited ${changes.length} cells in ${records} record${records === 1 ? '' : 's'}`;
}

/**
 * Roughly how many records a command touches, from indexes only, to choose between running it
 * inline and as a job. Exactness does not matter; a cheap answer does.
 */
export function estimateRecords(db: Db, c: EditCommand): number {
  switch (c.type) {
    case 'edit':
      return c.changes.length;
    case 'applyFix':
      return 1;
    case 'bulk':
    case 'exclude':
    case 'include': {
      const where = filterCondition(db, c.filter);
      return (db.prepare(`SELECT count(*) FROM records r WHERE ${where.sql}`).pluck().get(...where.params) as number) ?? 0;
    }
    case 'fixAll': {
      const category = c.filter?.category ?? c.category;
      return db
        .prepare(
          `SELECT count(*) FROM record_issues WHERE ${category ? 'category = ? AND ' : ''}rule = ? AND fix_json IS NOT NULL`,
        )
        .pluck()
        .get(...(category ? [category] : []), c.rule) as number;
    }
    case 'undo':
      return undoTarget(db)?.recordCount ?? 0;
    case 'redo':
      return redoTarget(db)?.recordCount ?? 0;
    case 'revert':
    case 'reapply':
      return operationEntry(db, c.operationId)?.recordCount ?? 0;
  }
}

/** A job title for the progress bar. */
export function commandTitle(c: EditCommand): string {
  switch (c.type) {
    case 'edit':
      return `Editing ${c.changes.length} cells`;
    case 'bulk':
      return describeBulk(c.action);
    case 'applyFix':
    case 'fixAll':
      return `Fixing "${ruleTitle(c.rule)}"`;
    case 'exclude':
      return 'Excluding records';
    case 'include':
      return 'Including records';
    case 'undo':
      return 'Undoing';
    case 'redo':
      return 'Redoing';
    case 'revert':
      return `Reverting #${c.operationId}`;
    case 'reapply':
      return `Re-applying #${c.operationId}`;
  }
}
