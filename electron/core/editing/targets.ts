import type { Db } from '../db/connection';
import type { CellValue } from '../../../shared/domain';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition, type SqlCondition } from '../records/filter-sql';
import { fieldPath } from '../records/json-path';
import { parseCellJson } from './planned-change';

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
}

/**
 * Each target record's value of one field (and optionally of a second field or source column),
 * in grid order. Only those cells are read: the JSON of the rest of the record never reaches JS.
 */
export function readTargetCells(
  db: Db,
  where: SqlCondition,
  field: string,
  other?: { column: 'values_json' | 'source_json'; name: string },
): TargetCell[] {
  const otherSql = other ? `, r.${other.column} -> ?` : ', NULL';
  const rows = db
    .prepare(`SELECT r.id, r.values_json -> ?${otherSql} FROM records r WHERE ${where.sql} ORDER BY r.id`)
    .raw()
    .all(fieldPath(field), ...(other ? [fieldPath(other.name)] : []), ...where.params) as [number, string | null, string | null][];
  return rows.map(([id, value, o]) => ({ id, value: parseCellJson(value), other: parseCellJson(o) }));
}
