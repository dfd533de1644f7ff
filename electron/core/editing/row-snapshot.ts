import type { FieldValues } from '../../../shared/domain';
import { STORED_RESULT_PARAMS, storedResultColumns, type StoredResultTuple } from '../compliance';
import { parseValues } from '../records/row-parts';
import { EXCLUDED_FIELD } from './planned-change';

/**
 * A record row as an edit finds it: what the writer needs to edit and re-check the record. The
 * planners read it with the cells they plan from, so a bulk operation reads each row once.
 */
export interface RowSnapshot {
  category: string;
  sheetId: number | null;
  excluded: number;
  reason: string | null;
  /** Null when not read (an exclusion changes no value; snapshotColumns(alias, false)). */
  valuesJson: string | null;
  /** values_json parsed, once someone needed it. */
  values: FieldValues | null;
  stored: StoredResultTuple;
}

/**
 * The columns of a snapshot (SNAPSHOT_WIDTH of them), of the records table aliased `alias`; bind
 * SNAPSHOT_PARAMS first. `withValues` false leaves out the values (an exclusion's plan): reading
 * 100,000 records' JSON texts it never parses cost a quarter of excluding them.
 */
export function snapshotColumns(alias = 'r', withValues = true): string {
  const values = withValues ? `${alias}.values_json` : 'NULL';
  return `${alias}.category, ${alias}.sheet_id, ${alias}.excluded, ${alias}.exclude_reason, ${values}, ${storedResultColumns(alias)}`;
}

export const SNAPSHOT_WIDTH = 13;
export const SNAPSHOT_PARAMS = STORED_RESULT_PARAMS;

/** The snapshot in a raw row, starting at column `at`. */
export function snapshotAt(row: readonly unknown[], at: number): RowSnapshot {
  return {
    category: row[at] as string,
    sheetId: row[at + 1] as number | null,
    excluded: row[at + 2] as number,
    reason: row[at + 3] as string | null,
    valuesJson: row[at + 4] as string | null,
    values: null,
    stored: row.slice(at + 5, at + SNAPSHOT_WIDTH) as StoredResultTuple,
  };
}

export function valuesOf(s: RowSnapshot): FieldValues {
  return (s.values ??= parseValues(s.valuesJson));
}

/** A record's cell: null when the field is not set (never a property inherited from Object.prototype). */
export function cellOf(values: FieldValues, field: string): FieldValues[string] {
  return Object.hasOwn(values, field) ? (values[field] ?? null) : null;
}

/** A cell's value in the row now; for the exclusion pseudo-field its reason ('' when none was given), null when included. */
export function cellNow(s: RowSnapshot, field: string): FieldValues[string] {
  return field === EXCLUDED_FIELD ? (s.excluded ? (s.reason ?? '') : null) : cellOf(valuesOf(s), field);
}
