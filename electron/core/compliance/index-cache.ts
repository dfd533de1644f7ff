import type { Db } from '../db/connection';
import { isCategory } from '../../../shared/domain';
import type { FieldValues } from '../../../shared/domain';
import { recordKey } from '../../../shared/rsc/keys';
import { CheckContexts } from './check-context';
import { RecordIndex, referencesOf } from './record-index';

/**
 * Per-connection state of the engine: the record index. The index is
 * valid while no other connection has committed (PRAGMA data_version is unchanged). Writes on
 * this connection are not seen by data_version: callers re-check the records they change
 * (recheckRecords keeps the index current), or call invalidateComplianceIndex.
 */
interface EngineState {
  index: RecordIndex;
  dataVersion: number;
}

export interface RecordRow {
  id: number;
  category: string;
  sheet_id: number | null;
  excluded: number;
  values_json: string;
}

const states = new WeakMap<Db, EngineState>();

export function dataVersion(db: Db): number {
  return db.pragma('data_version', { simple: true }) as number;
}

/** The engine state of a connection, rebuilding the index when another connection changed the file. */
export function engineState(db: Db): EngineState {
  const version = dataVersion(db);
  let state = states.get(db);
  if (!state) {
    state = { index: buildIndex(db), dataVersion: version };
    states.set(db, state);
  } else if (state.dataVersion !== version) {
    state.index = buildIndex(db);
    state.dataVersion = version;
  }
  return state;
}

/**
 * Builds (or refreshes) the index of a connection ahead of the first edit, e.g. when a job that
 * wrote through its own connection (import, full check) has finished: the rebuild (~0.3 s per
 * 100,000 records) then happens while the user reads the result, not on their first keystroke.
 */
export function warmComplianceIndex(db: Db): void {
  engineState(db);
}

/**
 * Records that an edit on this connection changed a record's exclusion without going through
 * recheckRecords (its key and references unchanged), so that an index already built keeps
 * counting duplicates right. Without an index nothing is needed: a build reads the column.
 */
export function noteExclusion(db: Db, id: number, excluded: boolean): void {
  const entry = states.get(db)?.index.get(id);
  if (entry && entry.excluded !== excluded) entry.excluded = excluded;
}

/** Forgets the index of a connection (after writes that bypassed the engine, e.g. a re-import on this connection). */
export function invalidateComplianceIndex(db: Db): void {
  states.delete(db);
}

/**
 * Builds the index from the keys and references the last check stored (records.check_key, …),
 * read from their covering index without touching the record rows. Records without a stored key
 * (never checked, or without a key field) are read and parsed; the never-checked ones are marked,
 * so that re-checking one treats its key as new and re-checks the records referring to it.
 */
function buildIndex(db: Db): RecordIndex {
  const index = new RecordIndex();
  const unkeyed: number[] = [];
  // Raw arrays, not row objects: this reads every record's index entry.
  const rows = db
    .prepare('SELECT id, category, excluded, check_key, check_parent, check_candidate FROM records')
    .raw()
    .iterate() as IterableIterator<[number, string, number, string | null, string | null, string | null]>;
  for (const [id, category, excluded, key, parentRef, candidateRef] of rows) {
    if (!isCategory(category)) continue;
    if (key === null) {
      unkeyed.push(id);
      continue;
    }
    index.load(id, { category, key, excluded: excluded !== 0, parentRef, candidateRef });
  }
  if (unkeyed.length) {
    const contexts = new CheckContexts(db);
    const read = db.prepare(
      `SELECT id, category, sheet_id, excluded, values_json, check_hash IS NULL AS unchecked FROM records_wide
        WHERE id IN (SELECT value FROM json_each(?))`,
    );
    for (let i = 0; i < unkeyed.length; i += 5_000) {
      for (const row of read.all(JSON.stringify(unkeyed.slice(i, i + 5_000))) as (RecordRow & { unchecked: number })[]) {
        if (!isCategory(row.category)) continue;
        const values = JSON.parse(row.values_json) as FieldValues;
        index.set(row.id, {
          category: row.category,
          key: recordKey(row.category, values, contexts.for(row.category, row.sheet_id)),
          excluded: row.excluded !== 0,
          ...referencesOf(row.category, values),
          ...(row.unchecked ? { unchecked: true } : {}),
        });
      }
    }
  }
  return index;
}
