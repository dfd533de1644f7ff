import type { Db } from '../db/connection';
import type { CellValue } from '../../../shared/domain';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition, type SqlCondition } from '../records/filter-sql';
import { fieldPath } from '../records/json-path';
import { parseCellJson } from './planned-change';
import { SNAPSHOT_PARAMS, SNAPSHOT_WIDTH, cellOf, snapshotAt, snapshotColumns, valuesOf, type RowSnapshot } from './row-snapshot';

/**
 * The records a bulk operation acts on: the filter's, optionally narrowed to failing ones
 * (with a field: those with an issue on it; without: errors and warnings).
 */
export function targetCondition(db: Db, filter: GridFilter, onlyFailing = false, field?: string): SqlCondition {
  const where = filterCondition(db, filter);
  if (!onlyFailing) return where;
  if (field) {
    return {
      sql: `${where.sql} AND r.id IN (SELECT record_id FROM record_issues WHERE category = ? AND field = ?)`,
      params: [...where.params, filter.category, field],
    };
  }
  return { sql: `${where.sql} AND r.excluded = 0 AND r.status IN ('error', 'warning')`, params: where.params };
}

export interface TargetRow {
  id: number;
  /** The record's row, for the planner and the writer (ChangePlan.add). */
  row: RowSnapshot;
  /** The value of the `other` field or source column (fills), else null. */
  other: CellValue;
}

/**
 * The target records' rows in id order (and the value of a second field or source column, for
 * fills): the writer edits and re-checks each without reading it again. `read.field`: the field
 * the action edits, undefined for every field.
 */
export function readTargetRows(
  db: Db,
  where: SqlCondition,
  read: { field: string | undefined; other?: { column: 'values_json' | 'source_json'; name: string } },
): TargetRow[] {
  const { field, other } = read;
  // Refuses names SQL could not address, as the writer would.
  if (field !== undefined) fieldPath(field);
  if (other) fieldPath(other.name);
  const fromSource = other?.column === 'source_json';
  const rows = db
    .prepare(`SELECT r.id, ${snapshotColumns('r')}${fromSource ? ', r.source_json -> ?' : ''} FROM records_wide r WHERE ${where.sql} ORDER BY r.id`)
    .raw()
    .all(...SNAPSHOT_PARAMS, ...(fromSource ? [fieldPath(other.name)] : []), ...where.params) as unknown[][];
  return rows.map((r) => {
    const row = snapshotAt(r, 1);
    const otherValue = !other ? null : fromSource ? parseCellJson(r[1 + SNAPSHOT_WIDTH] as string | null) : cellOf(valuesOf(row), other.name);
    return { id: r[0] as number, row, other: otherValue };
  });
}
