import type { FieldValues, Issue } from '../../../shared/domain';
import { storedResultOf, type NewResult, type TouchedChecker, type TouchedRecord } from '../compliance';
import { EXCLUDED_FIELD, type PlannedChange } from './planned-change';
import { valuesOf, type RowSnapshot } from './row-snapshot';

/** A record edited and checked in memory, not yet written. */
export interface SettledRecord {
  record: TouchedRecord;
  reason: string | null;
  reasonBefore: string | null;
  valuesChanged: boolean;
  /** Null: the stored result still holds (or the record is deferred). */
  result: NewResult | null;
  /** The targeted re-check must settle it after the write (a key, reference or shared key's exclusion changed). */
  deferred: boolean;
}

/**
 * Applies a record's planned cells (or, with `reverse`, their `before` values) to its row as read,
 * and checks the result in memory. Pure apart from the checker's cached reads, so the edit's own
 * thread and its helper thread settle records alike (bulk-pipeline.ts).
 */
export function settleRecord(
  id: number, row: RowSnapshot, cells: readonly PlannedChange[], reverse: boolean, checker: TouchedChecker,
): SettledRecord {
  let values: FieldValues | null = null;
  let reason = row.reason;
  for (const c of cells) {
    const value = reverse ? c.before : c.after;
    if (c.field === EXCLUDED_FIELD) {
      reason = typeof value === 'string' ? value : null;
    } else {
      values ??= valuesOf(row);
      setField(values, c.field, value ?? null);
    }
  }
  const excludedBefore = row.excluded !== 0;
  const excluded = cells.some((c) => c.field === EXCLUDED_FIELD) ? reason !== null : excludedBefore;
  const record: TouchedRecord = {
    id, category: row.category, sheetId: row.sheetId, values: values ?? EMPTY, excluded, excludedBefore,
    stored: storedResultOf(row.stored),
  };
  const valuesChanged = values !== null;
  // An exclusion alone changes no rule of the record itself: its values are not even parsed.
  const result = valuesChanged ? checker.check(record) : checker.checkExclusion(record);
  const deferred = result === 'deferred';
  return { record, reason, reasonBefore: row.reason, valuesChanged, result: deferred ? null : result, deferred };
}

/**
 * What writing a settled record takes, as plain data (it crosses threads): its new values text,
 * the record row's columns that differ (bit i of `mask` sets UPDATE_COLUMNS[i], `params` in that
 * order), its new issues, and whether its exclusion changed.
 */
export interface RecordWrite {
  id: number;
  valuesJson: string | null;
  mask: number;
  params: unknown[];
  /** Set when the result changed: the record's issues replace the stored ones. */
  issues: Issue[] | null;
  category: string;
  /** The new exclusion when it changed, else null. */
  exclusion: boolean | null;
}

export function recordWriteOf(s: SettledRecord, checkedAt: number): RecordWrite {
  const r = s.record;
  const params: unknown[] = [];
  let mask = 0;
  if (r.excluded !== r.excludedBefore) {
    mask |= 1;
    params.push(r.excluded ? 1 : 0);
  }
  if (s.reason !== s.reasonBefore) {
    mask |= 2;
    params.push(s.reason);
  }
  const res = s.result;
  if (res) {
    const stored = r.stored;
    const counts: [bit: number, now: unknown, before: unknown][] = [
      [4, res.counts.status, stored.status],
      [8, res.counts.errors, stored.errors],
      [16, res.counts.warnings, stored.warnings],
      [32, res.counts.infos, stored.infos],
    ];
    for (const [bit, now, before] of counts) {
      if (now === before) continue;
      mask |= bit;
      params.push(now);
    }
    const resultPart = resultPartKeepingKeys(stored.hash, res.hash);
    if (resultPart === null) {
      mask |= 64;
      params.push(checkedAt, res.hash);
    } else {
      mask |= 128;
      params.push(checkedAt, resultPart);
    }
  }
  return {
    id: r.id,
    valuesJson: s.valuesChanged ? JSON.stringify(r.values) : null,
    mask,
    params,
    issues: res ? res.issues : null,
    category: res ? res.category : r.category,
    exclusion: r.excluded !== r.excludedBefore ? r.excluded : null,
  };
}

/**
 * The result part of a new fingerprint `hash` (checkHash: `<result>:<keys>`) when the stored one
 * ends with the same keys part, else null. The UPDATE then keeps the stored keys part, so records
 * whose results are alike get the same parameters and share one statement (CellWriter): after a
 * fix of every record most end with no issue, and 100,000 UPDATEs of one row each cost ~0.15 s
 * more than 20 of 5,000.
 */
function resultPartKeepingKeys(stored: string | null, hash: string): string | null {
  if (stored === null) return null;
  const s = stored.indexOf(':');
  const h = hash.indexOf(':');
  if (s < 0 || h < 0 || stored.slice(s) !== hash.slice(h)) return null;
  return hash.slice(0, h);
}

// Bit i of a RecordWrite's mask sets UPDATE_COLUMNS[i]; the last two set two columns each. Values
// are written to record_values on their own.
export const UPDATE_COLUMNS = [
  'excluded = ?',
  'exclude_reason = ?',
  'status = ?',
  'error_count = ?',
  'warning_count = ?',
  'info_count = ?',
  'checked_at = ?, check_hash = ?',
  // The fingerprint's result part, its keys part kept as stored (resultPartKeepingKeys).
  "checked_at = ?, check_hash = ? || substr(check_hash, instr(check_hash, ':'))",
];

const EMPTY: FieldValues = Object.freeze({}) as FieldValues;

/** Sets a field as json_set would: an own property even for a name like "__proto__". */
function setField(values: FieldValues, field: string, value: FieldValues[string]): void {
  if (field === '__proto__') Object.defineProperty(values, field, { value, enumerable: true, writable: true, configurable: true });
  else values[field] = value;
}
