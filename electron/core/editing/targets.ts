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

export interface TargetCell {
  id: number;
  value: CellValue;
  /** The value of the `from` column, for fills. */
  other: CellValue;
  /** The record's row, for the writer (ChangePlan.add). */
  row: RowSnapshot;
}

/**
 * Each target record's value of one field (and optionally of a second field or source column),
 * in grid order, with the record's row: the writer edits and re-checks it without reading it again.
 */
export function readTargetCells(
  db: Db,
  where: SqlCondition,
  field: string,
  other?: { column: 'values_json' | 'source_json'; name: string },
): TargetCell[] {
  // Refuses names SQL could not address, as the writer would.
  fieldPath(field);
  if (other) fieldPath(other.name);
  const fromSource = other?.column === 'source_json';
  const rows = db
    .prepare(`SELECT r.id, ${snapshotColumns('r')}${fromSource ? ', r.source_json -> ?' : ''} FROM records_wide r WHERE ${where.sql} ORDER BY r.id`)
    .raw()
    .all(...SNAPSHOT_PARAMS, ...(fromSource ? [fieldPath(other.name)] : []), ...where.params) as unknown[][];
  return rows.map((r) => {
    const row = snapshotAt(r, 1);
    const values = valuesOf(row);
    const otherValue = !other ? null : fromSource ? parseCellJson(r[1 + SNAPSHOT_WIDTH] as string | null) : cellOf(values, other.name);
    return { id: r[0] as number, value: cellOf(values, field), other: otherValue, row };
  });
}
