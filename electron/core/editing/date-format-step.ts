import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { Category } from '../../../shared/domain';
import type { HistoryEntry, OperationResult } from '../../../shared/contract/records';
import { columnFormats, setColumnFormat } from '../compliance';
import { insertOperation, operationEntry, type DateFormatChange } from './operation-log';

/** "dd/MM/yyyy", or what no format means: dates read as ISO, epoch or Excel serials only. */
function formatText(format: string | null): string {
  return format === null ? 'none (ISO, epoch, Excel serial)' : format;
}

/**
 * Chooses (or with null clears) a date column's format as an operation of the history: undoable,
 * revertible, and in the audit's Edits sheet like any edit. The column's values are not touched;
 * the full check that must follow (the caller's) reads them with the new format.
 */
export function chooseDateFormat(db: Db, category: Category, field: string, format: string | null): OperationResult {
  return db.transaction((): OperationResult => {
    const before = columnFormats(db)[category]?.[field] ?? null;
    if (before === format) return { operation: null, changedCells: 0, changedRecords: 0, skipped: 0, skipReasons: [] };
    const records = db.prepare('SELECT count(*) FROM records WHERE category = ?').pluck().get(category) as number;
    const change: DateFormatChange = { category, field, before, after: format };
    const id = insertOperation(
      db,
      {
        kind: 'date-format',
        description: `Date format of ${field} (${category}): ${formatText(before)} → ${formatText(format)}`,
        recordCount: records,
        cellCount: 0,
        categories: [category],
        dateFormat: change,
      },
      Date.now(),
    );
    setColumnFormat(db, category, field, format);
    return { operation: operationEntry(db, id), changedCells: 0, changedRecords: records, skipped: 0, skipReasons: [] };
  })();
}

/**
 * Undoes (backwards) or redoes a date format operation: the column gets its format before (or
 * after) it. Refused when a later date format of the same column is in effect, or when the
 * column's format is no longer the one this step starts from. A full check must follow.
 */
export function stepDateFormat(db: Db, target: HistoryEntry, change: DateFormatChange, backwards: boolean, verb: string): void {
  const later = db
    .prepare(
      `SELECT id, description FROM operations
        WHERE kind = 'date-format' AND undone = 0 AND id > ?
          AND details_json ->> '$.dateFormat.category' = ? AND details_json ->> '$.dateFormat.field' = ?
        ORDER BY id DESC LIMIT 1`,
    )
    .get(target.id, change.category, change.field) as { id: number; description: string } | undefined;
  if (later) {
    throw new ContractFailure(
      'OVERLAP',
      `Cannot ${verb} #${target.id} (${target.description}): later operation #${later.id} (${later.description}) changed the same column's format. ` +
        `Undo or revert #${later.id} first.`,
    );
  }
  const now = columnFormats(db)[change.category]?.[change.field] ?? null;
  const from = backwards ? change.after : change.before;
  if (now !== from) {
    throw new ContractFailure(
      'CHANGED',
      `Cannot ${verb} #${target.id} (${target.description}): the column's date format is ${formatText(now)} now, not ${formatText(from)}.`,
    );
  }
  setColumnFormat(db, change.category, change.field, backwards ? change.before : change.after);
}
