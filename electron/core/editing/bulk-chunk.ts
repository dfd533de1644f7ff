import type { Db } from '../db/connection';
import type { Issue } from '../../../shared/domain';
import type { TouchedChecker } from '../compliance';
import type { CompiledBulk } from './plan-bulk';
import { ChangePlan, cellJson, type PlannedChange } from './planned-change';
import { recordWriteOf, settleRecord, type RecordWrite } from './record-settle';
import { readTargetRows } from './targets';

/**
 * One chunk of a bulk action's targets, planned, edited and checked, as what the writer needs:
 * plain arrays, because a chunk planned on the helper thread is copied to the writing thread, and
 * copying an object per record costs it more than a microsecond each (scan-protocol.ts).
 */
export interface BulkChunk {
  /** Settled records whose values change, with their new values text (aligned). */
  ids: number[];
  values: string[];
  /** Settled records whose row columns change: [mask, id, ...params] (RecordWrite). */
  updates: unknown[][];
  /** Settled records whose result changed: their new issues. */
  issues: [id: number, category: string, issues: Issue[]][];
  /** Records the targeted re-check must settle after every other write (CellWriter.writeDeferred). */
  deferred: RecordWrite[];
  /** The edit log, one entry per changed cell (aligned): record, field, before and after as JSON. */
  log: { ids: number[]; fields: string[]; before: string[]; after: string[] };
  /** Records with a changed cell. */
  records: number;
  categories: string[];
  /** ChangePlan.skipTally() of the cells the action could not change. */
  skips: [string, string, number][];
}

/** Plans, edits and checks the target records `ids` (in id order); writes nothing. */
export function planBulkChunk(db: Db, compiled: CompiledBulk, checker: TouchedChecker, ids: readonly number[]): BulkChunk {
  const plan = new ChangePlan();
  const where = { sql: 'r.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] };
  for (const target of readTargetRows(db, where, compiled)) compiled.planRow(plan, target);
  const chunk: BulkChunk = {
    ids: [], values: [], updates: [], issues: [], deferred: [],
    log: { ids: [], fields: [], before: [], after: [] }, records: 0, categories: [], skips: plan.skipTally(),
  };
  const categories = new Set<string>();
  const { changes } = plan;
  // A record's cells are consecutive in the plan: planRow adds them together.
  for (let i = 0; i < changes.length; ) {
    const id = changes[i].recordId;
    let end = i + 1;
    while (end < changes.length && changes[end].recordId === id) end++;
    const cells: PlannedChange[] = changes.slice(i, end);
    for (const c of cells) {
      chunk.log.ids.push(id);
      chunk.log.fields.push(c.field);
      chunk.log.before.push(cellJson(c.before));
      chunk.log.after.push(cellJson(c.after));
    }
    i = end;
    const row = plan.rows.get(id)!;
    categories.add(row.category);
    chunk.records++;
    const settled = settleRecord(id, row, cells, false, checker);
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
    if (write.issues) chunk.issues.push([id, write.category, write.issues]);
  }
  chunk.categories = [...categories];
  return chunk;
}
