import type { Db } from '../db/connection';
import { isCategory } from '../../../shared/domain';
import type { CellValue, FieldValues } from '../../../shared/domain';
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

/**
 * The engine state of a connection, rebuilding the index when another connection changed the
 * file. `fresh` is true when the index was (re)built by this call: it then reflects the records
 * as they are now, so it cannot tell what a record's key was before an edit.
 */
export function engineState(db: Db): EngineState & { fresh: boolean } {
  const version = dataVersion(db);
  let state = states.get(db);
  if (!state) {
    state = { index: buildIndex(db), dataVersion: version };
    states.set(db, state);
    return { ...state, fresh: true };
  }
  if (state.dataVersion !== version) {
    state.index = buildIndex(db);
    state.dataVersion = version;
    return { ...state, fresh: true };
  }
  return { ...state, fresh: false };
}

/** Forgets the index of a connection (after writes that bypassed the engine, e.g. a re-import on this connection). */
export function invalidateComplianceIndex(db: Db): void {
  states.delete(db);
}

interface KeyRow {
  id: number;
  category: string;
  sheet_id: number | null;
  excluded: number;
  k1: CellValue;
  k2: CellValue;
  k3: CellValue;
  k4: CellValue;
}

/**
 * Builds the index from the key and reference fields only, extracted by SQLite (->>) rather
 * than parsing every record's JSON in JavaScript: this runs on the first edit after another
 * connection (an import or a full check in a worker) changed the workspace.
 */
function buildIndex(db: Db): RecordIndex {
  const contexts = new CheckContexts(db);
  const index = new RecordIndex();
  const rows = db
    .prepare(
      `SELECT id, category, sheet_id, excluded,
              CASE category WHEN 'jobs' THEN values_json ->> 'externalJobPostingId'
                            WHEN 'candidates' THEN values_json ->> 'atsCandidateId'
                            ELSE values_json ->> 'atsJobApplicationId' END AS k1,
              CASE category WHEN 'applications' THEN values_json ->> 'atsJobPostingId'
                            WHEN 'stages' THEN values_json ->> 'stageId' END AS k2,
              CASE category WHEN 'applications' THEN values_json ->> 'atsCandidateId'
                            WHEN 'stages' THEN values_json ->> 'stage' END AS k3,
              CASE category WHEN 'stages' THEN values_json ->> 'atsCreatedAt' END AS k4
         FROM records`,
    )
    .iterate() as IterableIterator<KeyRow>;
  for (const row of rows) {
    const category = row.category;
    if (!isCategory(category)) continue;
    let values: FieldValues;
    switch (category) {
      case 'jobs':
        values = { externalJobPostingId: row.k1 };
        break;
      case 'candidates':
        values = { atsCandidateId: row.k1 };
        break;
      case 'applications':
        values = { atsJobApplicationId: row.k1, atsJobPostingId: row.k2, atsCandidateId: row.k3 };
        break;
      case 'stages':
        values = { atsJobApplicationId: row.k1, stageId: row.k2, stage: row.k3, atsCreatedAt: row.k4 };
        break;
    }
    index.set(row.id, {
      category,
      key: recordKey(category, values, contexts.for(category, row.sheet_id)),
      excluded: row.excluded !== 0,
      ...referencesOf(category, values),
    });
  }
  return index;
}
