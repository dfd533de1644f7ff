import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';
import { RowBatcher } from '../db/row-batcher';
import type { Category, FieldValues } from '../../../shared/domain';
import { IssueReplacer, TouchedChecker, noteExclusion, storedResultOf, type NewResult, type TouchedRecord } from '../compliance';
import { fieldPath } from '../records/json-path';
import { EXCLUDED_FIELD, cellJson, type PlannedChange } from './planned-change';
import type { EditProgress } from './progress';
import { Recheck } from './recheck';
import { SNAPSHOT_PARAMS, snapshotAt, snapshotColumns, valuesOf, type RowSnapshot } from './row-snapshot';

/** What applying changes touched: the edited records' categories, and with the re-checked ones. */
export interface Applied {
  categories: Category[];
  rechecked: Category[];
}

const CHUNK = 5_000;

interface Pending {
  record: TouchedRecord;
  reason: string | null;
  reasonBefore: string | null;
  valuesChanged: boolean;
  result: NewResult | null;
}

/**
 * Writes cell values and exclusions together with the compliance result they lead to: each
 * record is read once, edited and checked in memory (TouchedChecker), and written with ONE
 * UPDATE of just the columns that changed, because rewriting a record row is most of an edit's
 * cost. Records whose edit can change cross-record outcomes (a key or reference edited, …) are
 * handed to the engine's targeted re-check (or a full check when they are many) after the
 * write. Must run inside the caller's transaction.
 */
export class CellWriter {
  private readonly readRows;
  /** Values are queued and written 100 records a statement; flushed before anything reads them. */
  private readonly writeValues;
  private readonly updates = new Map<number, Statement<unknown[]>>();

  constructor(private readonly db: Db) {
    // Every edited record has its values row; the upsert is only how many rows go in one statement.
    this.writeValues = new RowBatcher(
      db, 'INSERT INTO record_values (record_id, values_json)', 2,
      'ON CONFLICT (record_id) DO UPDATE SET values_json = excluded.values_json',
    );
    this.readRows = db
      .prepare(`SELECT r.id, ${snapshotColumns('r')} FROM records_wide r WHERE r.id IN (SELECT value FROM json_each(?))`)
      .raw();
  }

  /**
   * Sets each cell to `after` (or, with `reverse`, back to `before`) and re-checks. `rows`: the
   * records' rows as the planner read them in this transaction; others are read here.
   */
  apply(
    changes: readonly PlannedChange[], progress: EditProgress, reverse = false, label = 'Writing',
    rows: ReadonlyMap<number, RowSnapshot> = NO_ROWS,
  ): Applied {
    const groups = byRecord(changes);
    for (const c of changes) if (c.field !== EXCLUDED_FIELD) this.path(c.field); // refuses a field SQL cannot address, as before
    const checker = new TouchedChecker(this.db);
    const checkedAt = checker.checkedAt;
    const issues = new IssueReplacer(this.db);
    const deferred: Pending[] = [];
    const categories = new Set<string>();

    // Chunk by chunk: edit and check in memory, write. Only the deferred records wait, since the
    // targeted re-check must see them as they were (below); every other write leaves the keys
    // and references the engine's index is built from as they were.
    for (let i = 0; i < groups.length; i += CHUNK) {
      const chunk = groups.slice(i, i + CHUNK);
      const read = this.readMissing(chunk, rows);
      for (const [id, cells] of chunk) {
        const row = rows.get(id) ?? read.get(id);
        if (!row) continue; // deleted since it was planned: nothing to write
        categories.add(row.category);
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
        const p: Pending = { record, reason, reasonBefore: row.reason, valuesChanged, result: result === 'deferred' ? null : result };
        if (result === 'deferred') {
          deferred.push(p);
          continue;
        }
        this.write(p, checkedAt);
        if (p.result) issues.add(id, p.result.category, p.result.issues);
        if (excluded !== excludedBefore) noteExclusion(this.db, id, excluded);
      }
      this.writeValues.flush();
      progress.throwIfCancelled();
      progress.progress(Math.min(i + CHUNK, groups.length), groups.length, label);
    }
    issues.flush();

    let rechecked: Category[] = [];
    if (deferred.length) {
      // The targeted re-check finds moved keys by comparing with its index of the records as
      // last checked: build it before these records are written.
      const recheck = Recheck.prepare(this.db, deferred.map((p) => p.record.id));
      for (const p of deferred) this.write(p, checkedAt);
      this.writeValues.flush();
      progress.throwIfCancelled();
      progress.progress(groups.length, groups.length, 'Re-checking');
      rechecked = recheck.run();
    }
    const touched = [...categories].filter((c): c is Category => CATEGORY_SET.has(c));
    return { categories: touched, rechecked };
  }

  private readMissing(chunk: readonly [number, PlannedChange[]][], rows: ReadonlyMap<number, RowSnapshot>): Map<number, RowSnapshot> {
    const out = new Map<number, RowSnapshot>();
    const missing = chunk.filter(([id]) => !rows.has(id)).map(([id]) => id);
    if (missing.length === 0) return out;
    for (const r of this.readRows.all(...SNAPSHOT_PARAMS, JSON.stringify(missing)) as unknown[][]) {
      out.set(r[0] as number, snapshotAt(r, 1));
    }
    return out;
  }

  /** At most one UPDATE per table per record, of the columns that differ (indexes on unchanged columns stay untouched). */
  private write(p: Pending, checkedAt: number): void {
    const r = p.record;
    const params: unknown[] = [];
    let mask = 0;
    if (p.valuesChanged) this.writeValues.add(r.id, JSON.stringify(r.values));
    if (r.excluded !== r.excludedBefore) {
      mask |= 1;
      params.push(r.excluded ? 1 : 0);
    }
    if (p.reason !== p.reasonBefore) {
      mask |= 2;
      params.push(p.reason);
    }
    const res = p.result;
    if (res) {
      const s = r.stored;
      if (res.counts.status !== s.status) {
        mask |= 4;
        params.push(res.counts.status);
      }
      if (res.counts.errors !== s.errors) {
        mask |= 8;
        params.push(res.counts.errors);
      }
      if (res.counts.warnings !== s.warnings) {
        mask |= 16;
        params.push(res.counts.warnings);
      }
      if (res.counts.infos !== s.infos) {
        mask |= 32;
        params.push(res.counts.infos);
      }
      mask |= 64;
      params.push(checkedAt, res.hash);
    }
    if (mask === 0) return;
    params.push(r.id);
    this.update(mask).run(...params);
  }

  private update(mask: number): Statement<unknown[]> {
    let stmt = this.updates.get(mask);
    if (!stmt) {
      const sets = UPDATE_COLUMNS.filter((_c, bit) => mask & (1 << bit)).map((c) => c.sql);
      stmt = this.db.prepare<unknown[]>(`UPDATE records SET ${sets.join(', ')} WHERE id = ?`);
      this.updates.set(mask, stmt);
    }
    return stmt;
  }

  private readonly paths = new Map<string, string>();

  private path(field: string): string {
    let p = this.paths.get(field);
    if (p === undefined) {
      p = fieldPath(field);
      this.paths.set(field, p);
    }
    return p;
  }

  /** Logs each change as an edit of the operation. */
  log(operationId: number, changes: readonly PlannedChange[], at: number): void {
    const edits = new RowBatcher(this.db, 'INSERT INTO edits (operation_id, record_id, field, before_json, after_json, at)', 6);
    for (const c of changes) edits.add(operationId, c.recordId, c.field, cellJson(c.before), cellJson(c.after), at);
    edits.flush();
  }
}

/** The changes grouped by record, records in order of first change, each record's cells in order. */
function byRecord(changes: readonly PlannedChange[]): [number, PlannedChange[]][] {
  const groups = new Map<number, PlannedChange[]>();
  for (const c of changes) {
    const list = groups.get(c.recordId);
    if (list) list.push(c);
    else groups.set(c.recordId, [c]);
  }
  return [...groups];
}

const NO_ROWS: ReadonlyMap<number, RowSnapshot> = new Map();

const EMPTY: FieldValues = Object.freeze({}) as FieldValues;
const CATEGORY_SET: ReadonlySet<string> = new Set(['jobs', 'candidates', 'applications', 'stages']);

// Bit i of an update's mask sets UPDATE_COLUMNS[i]; the last sets two columns. Values are
// written to record_values on their own.
const UPDATE_COLUMNS = [
  { sql: 'excluded = ?' },
  { sql: 'exclude_reason = ?' },
  { sql: 'status = ?' },
  { sql: 'error_count = ?' },
  { sql: 'warning_count = ?' },
  { sql: 'info_count = ?' },
  { sql: 'checked_at = ?, check_hash = ?' },
];

/** Sets a field as json_set would: an own property even for a name like "__proto__". */
function setField(values: FieldValues, field: string, value: FieldValues[string]): void {
  if (field === '__proto__') Object.defineProperty(values, field, { value, enumerable: true, writable: true, configurable: true });
  else values[field] = value;
}
