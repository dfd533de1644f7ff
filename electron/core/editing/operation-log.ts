import type { Db } from '../db/connection';
import { isCategory, type Category } from '../../../shared/domain';
import type { HistoryEntry, HistoryPage, OperationKind } from '../../../shared/contract/records';

/** What an operation stores beside its row: the categories it touched and how many cells. */
interface OperationDetails {
  categories?: string[];
  cells?: number;
  /** A date format operation: the column and its format before and after. */
  dateFormat?: DateFormatChange;
}

export interface DateFormatChange {
  category: Category;
  field: string;
  before: string | null;
  after: string | null;
}

interface OperationRow {
  id: number;
  kind: OperationKind;
  description: string;
  created_at: number;
  record_count: number;
  undone: number;
  details_json: string;
}

const COLUMNS = 'id, kind, description, created_at, record_count, undone, details_json';

export function insertOperation(
  db: Db,
  op: { kind: OperationKind; description: string; recordCount: number; cellCount: number; categories: Category[]; dateFormat?: DateFormatChange },
  at: number,
): number {
  const details: OperationDetails = { categories: op.categories, cells: op.cellCount, ...(op.dateFormat ? { dateFormat: op.dateFormat } : {}) };
  const info = db
    .prepare('INSERT INTO operations (kind, description, created_at, record_count, undone, details_json) VALUES (?, ?, ?, ?, 0, ?)')
    .run(op.kind, op.description, at, op.recordCount, JSON.stringify(details));
  return Number(info.lastInsertRowid);
}

export function setUndone(db: Db, operationId: number, undone: boolean): void {
  db.prepare('UPDATE operations SET undone = ? WHERE id = ?').run(undone ? 1 : 0, operationId);
}

export function operationEntry(db: Db, operationId: number): HistoryEntry | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM operations WHERE id = ?`).get(operationId) as OperationRow | undefined;
  return row ? toEntry(row) : null;
}

/** The operation Undo acts on: the newest one not undone. */
export function undoTarget(db: Db): HistoryEntry | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM operations WHERE undone = 0 ORDER BY id DESC LIMIT 1`).get() as
    | OperationRow
    | undefined;
  return row ? toEntry(row) : null;
}

/**
 * The operation Redo acts on: the oldest undone operation after the newest one in effect. A new
 * operation therefore ends what can be redone, as in every editor.
 */
export function redoTarget(db: Db): HistoryEntry | null {
  const row = db
    .prepare(
      `SELECT ${COLUMNS} FROM operations
        WHERE undone = 1 AND id > coalesce((SELECT max(id) FROM operations WHERE undone = 0), 0)
        ORDER BY id LIMIT 1`,
    )
    .get() as OperationRow | undefined;
  return row ? toEntry(row) : null;
}

/** The column and formats of a date format operation (null for any other operation). */
export function dateFormatChangeOf(db: Db, operationId: number): DateFormatChange | null {
  const text = db.prepare('SELECT details_json FROM operations WHERE id = ?').pluck().get(operationId) as string | undefined;
  try {
    return (JSON.parse(text ?? '{}') as OperationDetails).dateFormat ?? null;
  } catch {
    return null;
  }
}

export function historyPage(db: Db, offset = 0, limit = 100): HistoryPage {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM operations ORDER BY id DESC LIMIT ? OFFSET ?`).all(limit, offset) as OperationRow[];
  const { n } = db.prepare('SELECT count(*) AS n FROM operations').get() as { n: number };
  return { entries: rows.map(toEntry), total: n, undo: undoTarget(db), redo: redoTarget(db) };
}

function toEntry(row: OperationRow): HistoryEntry {
  let details: OperationDetails = {};
  try {
    details = JSON.parse(row.details_json) as OperationDetails;
  } catch {
    // An operation written by an older build: show it without its details.
  }
  return {
    id: row.id,
    kind: row.kind,
    description: row.description,
    createdAt: row.created_at,
    recordCount: row.record_count,
    cellCount: details.cells ?? row.record_count,
    categories: (details.categories ?? []).filter(isCategory),
    undone: row.undone === 1,
  };
}
