import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';
import { RowBatcher } from '../db/row-batcher';
import { isCategory, type Category } from '../../../shared/domain';
import { IssueReplacer, TouchedChecker, noteExclusion } from '../compliance';
import type { BulkChunk } from './bulk-chunk';
import { fieldPath } from '../records/json-path';
import { EXCLUDED_FIELD, cellJson, type PlannedChange } from './planned-change';
import type { EditProgress } from './progress';
import { Recheck } from './recheck';
import { UPDATE_COLUMNS, recordWriteOf, settleRecord, type RecordWrite } from './record-settle';
import { SNAPSHOT_PARAMS, snapshotAt, snapshotColumns, type RowSnapshot } from './row-snapshot';

/** What applying changes touched: the edited records' categories, and with the re-checked ones. */
export interface Applied {
  categories: Category[];
  rechecked: Category[];
}

const CHUNK = 5_000;
/** Record UPDATEs queued for grouping before they are written. */
const UPDATE_QUEUE = 5_000;

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
  /** Issues of records whose result changed, replaced in batches; flushed with the values. */
  private readonly issues: IssueReplacer;

  constructor(private readonly db: Db) {
    this.issues = new IssueReplacer(db);
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
    const deferred: RecordWrite[] = [];
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
        const settled = settleRecord(id, row, cells, reverse, checker);
        const write = recordWriteOf(settled, checkedAt);
        if (settled.deferred) deferred.push(write);
        else this.writeRecord(write);
      }
      this.flushRows();
      progress.throwIfCancelled();
      progress.progress(Math.min(i + CHUNK, groups.length), groups.length, label);
    }
    this.issues.flush();

    const rechecked = this.writeDeferred(deferred, () => {
      progress.throwIfCancelled();
      progress.progress(groups.length, groups.length, 'Re-checking');
    });
    const touched = [...categories].filter(isCategory);
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

  /**
   * Writes a settled record: at most one UPDATE per table, of the columns that differ (indexes on
   * unchanged columns stay untouched). Values and issues are queued: flushWrites() before reading them.
   */
  writeRecord(w: RecordWrite): void {
    this.writeRow(w);
    if (w.issues) this.issues.add(w.id, w.category as Category, w.issues);
    if (w.exclusion !== null) noteExclusion(this.db, w.id, w.exclusion);
  }

  private writeRow(w: RecordWrite): void {
    if (w.valuesJson !== null) this.writeValues.add(w.id, w.valuesJson);
    if (w.mask !== 0) this.updateRow(w.mask, w.params, w.id);
  }

  flushWrites(): void {
    this.flushRows();
    this.issues.flush();
  }

  private flushRows(): void {
    this.writeValues.flush();
    this.flushUpdates();
  }

  /**
   * Records whose rows get the same columns set to the same values (an exclusion's flag and reason,
   * a fix's new result) share one UPDATE: 100,000 statement calls from JS cost ~0.15 s more than 20.
   * Queued until flushUpdates(), at most UPDATE_QUEUE records; each record is updated once.
   */
  private readonly groups = new Map<string, { mask: number; params: readonly unknown[]; ids: number[] }>();
  private queued = 0;

  private updateRow(mask: number, params: readonly unknown[], id: number): void {
    const key = groupKey(mask, params);
    const group = this.groups.get(key);
    if (group) group.ids.push(id);
    else this.groups.set(key, { mask, params, ids: [id] });
    if (++this.queued >= UPDATE_QUEUE) this.flushUpdates();
  }

  private flushUpdates(): void {
    for (const { mask, params, ids } of this.groups.values()) {
      if (ids.length === 1) this.update(mask).run(...params, ids[0]);
      else this.update(mask, true).run(...params, JSON.stringify(ids));
    }
    this.groups.clear();
    this.queued = 0;
  }

  /**
   * Writes the records the edit could not settle in memory, then has the targeted re-check (or a
   * full check) settle them and the records that depend on them. Call after every other write is
   * flushed. `beforeRecheck` runs between the write and the re-check (progress, cancellation).
   */
  writeDeferred(deferred: readonly RecordWrite[], beforeRecheck: () => void): Category[] {
    if (deferred.length === 0) return [];
    // The targeted re-check finds moved keys by comparing with its index of the records as last
    // checked: build it before these records are written.
    const recheck = Recheck.prepare(this.db, deferred.map((w) => w.id));
    // The re-check settles their results and exclusions in the engine's index.
    for (const w of deferred) this.writeRow(w);
    this.flushRows();
    beforeRecheck();
    return recheck.run();
  }

  /** The UPDATE of the mask's columns, of one record or (`many`) of the ids in a JSON array. */
  private update(mask: number, many = false): Statement<unknown[]> {
    const key = many ? -mask : mask;
    let stmt = this.updates.get(key);
    if (!stmt) {
      const sets = UPDATE_COLUMNS.filter((_c, bit) => mask & (1 << bit));
      const where = many ? 'id IN (SELECT value FROM json_each(?))' : 'id = ?';
      stmt = this.db.prepare<unknown[]>(`UPDATE records SET ${sets.join(', ')} WHERE ${where}`);
      this.updates.set(key, stmt);
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

  /** Writes a bulk chunk's settled records (bulk-chunk.ts); its deferred ones go to writeDeferred. */
  writeChunk(chunk: BulkChunk): void {
    for (let i = 0; i < chunk.ids.length; i++) this.writeValues.add(chunk.ids[i], chunk.values[i]);
    for (const [mask, id, ...params] of chunk.updates) this.updateRow(mask as number, params, id as number);
    this.issues.replaceRows(chunk.issueRowsGone, chunk.issueRowsNew);
    for (const [id, excluded] of chunk.exclusions) noteExclusion(this.db, id, excluded);
  }

  /** Logs each change as an edit of the operation. */
  log(operationId: number, changes: readonly PlannedChange[], at: number): void {
    const edits = this.editLog();
    for (const c of changes) edits.add(operationId, c.recordId, c.field, cellJson(c.before), cellJson(c.after), at);
    edits.flush();
  }

  /** log() of changes already encoded by bulk chunks. */
  logChunks(operationId: number, logs: readonly BulkChunk['log'][], at: number): void {
    const edits = this.editLog();
    for (const l of logs) for (let i = 0; i < l.ids.length; i++) edits.add(operationId, l.ids[i], l.fields[i], l.before[i], l.after[i], at);
    edits.flush();
  }

  private editLog(): RowBatcher {
    return new RowBatcher(this.db, 'INSERT INTO edits (operation_id, record_id, field, before_json, after_json, at)', 6);
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

/** Equal for updates that set the same columns to the same values (=== of each parameter). */
function groupKey(mask: number, params: readonly unknown[]): string {
  let key = String(mask);
  for (const p of params) key += p === null ? '\u0001n' : typeof p === 'number' ? `\u0001#${p}` : `\u0001${typeof p}:${String(p)}`;
  return key;
}
