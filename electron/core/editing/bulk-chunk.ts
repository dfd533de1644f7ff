import type { Db } from '../db/connection';
import type { Issue } from '../../../shared/domain';
import type { TouchedChecker } from '../compliance';
import type { CompiledBulk } from './plan-bulk';
import { planFixAll, type FixAllSpec } from './plan-fixes';
import { ChangePlan, cellJson, parseCellJson, sameValue, type PlannedChange } from './planned-change';
import { recordWriteOf, settleRecord, type RecordWrite } from './record-settle';
import { SNAPSHOT_PARAMS, cellNow, snapshotAt, snapshotColumns, type RowSnapshot } from './row-snapshot';
import { readTargetRows } from './targets';

/**
 * One chunk of a large edit's records, planned, edited and checked, as what the writer needs:
 * plain arrays, because a chunk planned on the helper thread is copied to the writing thread, and
 * copying an object per record costs it more than a microsecond each (scan-protocol.ts).
 */
export interface BulkChunk {
  /** Settled records whose values change, with their new values text (aligned). */
  ids: number[];
  values: string[];
  /** Settled records whose row columns change: [mask, id, ...params] (RecordWrite). */
  updates: unknown[][];
  /**
   * Settled records whose result changed: the stored issue rows that are gone (rowids) and the new
   * ones ([record_id, category, rule, field, severity, message, fix_json]). Most of a record's
   * issues usually stay (a fix removes one): deleting and inserting only the difference spares
   * SQLite most of its index work.
   */
  issueRowsGone: number[];
  issueRowsNew: unknown[][];
  /** Settled records whose exclusion changed. */
  exclusions: [id: number, excluded: boolean][];
  /** Records the targeted re-check must settle after every other write (CellWriter.writeDeferred). */
  deferred: RecordWrite[];
  /** A new operation's edit log, one entry per changed cell (aligned): record, field, before and after as JSON. */
  log: { ids: number[]; fields: string[]; before: string[]; after: string[] };
  /** Records and cells changed. */
  records: number;
  cells: number;
  /** Undo/redo: cells that no longer hold the value the step starts from (then nothing else is filled in). */
  drifted: number;
  categories: string[];
  /** ChangePlan.skipTally() of the cells a bulk action could not change. */
  skips: [string, string, number][];
}

function emptyChunk(): BulkChunk {
  return {
    ids: [], values: [], updates: [], issueRowsGone: [], issueRowsNew: [], exclusions: [], deferred: [],
    log: { ids: [], fields: [], before: [], after: [] }, records: 0, cells: 0, drifted: 0, categories: [], skips: [],
  };
}

/** Plans, edits and checks a bulk action's target records `ids` (in id order); writes nothing. */
export function planBulkChunk(db: Db, compiled: CompiledBulk, checker: TouchedChecker, ids: readonly number[]): BulkChunk {
  const plan = new ChangePlan();
  for (const target of readTargetRows(db, byIds(ids), compiled)) compiled.planRow(plan, target);
  return chunkOf(db, plan, checker);
}

/** "Fix all like this" on the records `ids` (in id order); writes nothing. */
export function planFixChunk(db: Db, spec: FixAllSpec, checker: TouchedChecker, ids: readonly number[]): BulkChunk {
  return chunkOf(db, planFixAll(db, spec, ids), checker);
}

/** A new operation's chunk: its plan's edit log, and its records settled. */
function chunkOf(db: Db, plan: ChangePlan, checker: TouchedChecker): BulkChunk {
  const chunk = emptyChunk();
  chunk.skips = plan.skipTally();
  const { log } = chunk;
  for (const c of plan.changes) {
    log.ids.push(c.recordId);
    log.fields.push(c.field);
    log.before.push(cellJson(c.before));
    log.after.push(cellJson(c.after));
  }
  // A record's cells are consecutive in the plan: the planners add them record by record.
  settleAll(db, chunk, plan.changes, plan.rows, false, checker);
  return chunk;
}

/**
 * Undo (`backwards`) or redo of an operation's edits on the records `ids`: each cell back to its
 * `before` value or forward to `after`, unless a cell no longer holds the value the step starts
 * from (then only `drifted` is counted, and the caller refuses the step).
 */
export function planHistoryChunk(
  db: Db, checker: TouchedChecker, operationId: number, backwards: boolean, ids: readonly number[],
): BulkChunk {
  const found = db
    .prepare(
      `SELECT e.record_id, e.field, e.before_json, e.after_json, ${snapshotColumns('r')}
         FROM edits e JOIN records_wide r ON r.id = e.record_id
        WHERE e.operation_id = ? AND e.record_id IN (SELECT value FROM json_each(?)) ORDER BY e.record_id, e.id`,
    )
    .raw()
    .all(...SNAPSHOT_PARAMS, operationId, JSON.stringify(ids)) as unknown[][];
  const chunk = emptyChunk();
  const rows = new Map<number, RowSnapshot>();
  const changes: PlannedChange[] = [];
  for (const r of found) {
    const recordId = r[0] as number;
    let row = rows.get(recordId);
    if (!row) {
      row = snapshotAt(r, 4);
      rows.set(recordId, row);
    }
    const change: PlannedChange = { recordId, field: r[1] as string, before: parseCellJson(r[2] as string | null), after: parseCellJson(r[3] as string | null) };
    if (!sameValue(cellNow(row, change.field), backwards ? change.after : change.before)) chunk.drifted++;
    changes.push(change);
  }
  if (chunk.drifted === 0) settleAll(db, chunk, changes, rows, backwards, checker);
  return chunk;
}

function byIds(ids: readonly number[]) {
  return { sql: 'r.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] };
}

/** Settles each record of `changes` (its cells consecutive) and adds what writing it takes to the chunk. */
function settleAll(
  db: Db, chunk: BulkChunk, changes: readonly PlannedChange[], rows: ReadonlyMap<number, RowSnapshot>, reverse: boolean,
  checker: TouchedChecker,
): void {
  const changedIssues: [id: number, category: string, issues: Issue[]][] = [];
  const categories = new Set<string>();
  chunk.cells = changes.length;
  for (let i = 0; i < changes.length; ) {
    const id = changes[i].recordId;
    let end = i + 1;
    while (end < changes.length && changes[end].recordId === id) end++;
    const row = rows.get(id)!;
    categories.add(row.category);
    chunk.records++;
    const settled = settleRecord(id, row, changes.slice(i, end), reverse, checker);
    i = end;
    const write = recordWriteOf(settled, checker.checkedAt);
    if (settled.deferred) {
      chunk.deferred.push(write);
      continue;
    }
    if (write.valuesJson !== null) {
      chunk.ids.push(id);
      chunk.values.push(write.valuesJson);
    }
    if (write.mask !== 0) chunk.updates.push([write.mask, id, ...write.params]);
    if (write.issues) changedIssues.push([id, write.category, write.issues]);
    if (write.exclusion !== null) chunk.exclusions.push([id, write.exclusion]);
  }
  chunk.categories = [...categories];
  diffIssues(db, chunk, changedIssues);
}

/** The stored issue rows of records whose result changed, against their new issues (BulkChunk.issueRowsGone/New). */
function diffIssues(db: Db, chunk: BulkChunk, changed: readonly [id: number, category: string, issues: Issue[]][]): void {
  if (changed.length === 0) return;
  const stored = new Map<number, StoredIssueRow[]>();
  const rows = db
    .prepare('SELECT record_id, rowid, rule, field, severity, message, fix_json FROM record_issues WHERE record_id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(changed.map(([id]) => id))) as StoredIssueRow[];
  for (const row of rows) {
    const list = stored.get(row[0]);
    if (list) list.push(row);
    else stored.set(row[0], [row]);
  }
  for (const [id, category, issues] of changed) {
    const old = stored.get(id) ?? [];
    for (const i of issues) {
      const fix = i.fix ? JSON.stringify(i.fix) : null;
      // Compared column by column: a text of each issue to compare cost a third of this function.
      const same = old.findIndex((o) => o[2] === i.rule && o[3] === i.field && o[4] === i.severity && o[5] === i.message && o[6] === fix);
      if (same >= 0) old.splice(same, 1);
      else chunk.issueRowsNew.push([id, category, i.rule, i.field, i.severity, i.message, fix]);
    }
    for (const o of old) chunk.issueRowsGone.push(o[1]);
  }
}

type StoredIssueRow = [recordId: number, rowid: number, rule: string, field: string, severity: string, message: string, fixJson: string | null];
