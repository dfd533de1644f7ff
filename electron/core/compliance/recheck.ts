import type { Db } from '../db/connection';
import { isCategory } from '../../../shared/domain';
import type { Category, FieldValues, Issue } from '../../../shared/domain';
import { checkRecordInPlace } from '../../../shared/rsc/check';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { CheckContexts, type ContextOverrides } from './check-context';
import { crossIssues } from './check-all';
import { engineState, invalidateComplianceIndex, type RecordRow } from './index-cache';
import { ResultBatch, type KeyColumns } from './result-writer';
import { keyOfNormalized, referencesOf } from './record-index';

export interface RecheckResult {
  /** Records re-checked: the ones asked for plus those whose cross-record rules they affect. */
  recordIds: number[];
  /** Records whose stored result changed. */
  changedIds: number[];
  categories: Category[];
}

const CHUNK = 5_000;

/**
 * Re-checks the given records after an edit, an exclusion or an insert, and every record whose
 * cross-record outcome they can change: records sharing their old or new key (duplicates), and,
 * when a key changed, the applications or stages that refer to it. Ids that no longer exist are
 * dropped from the index. One transaction; rows are read and results written in chunks, and only
 * results that differ from the stored ones are written (as in the full check). The index keeps
 * this independent of the workspace size.
 */
export function recheckRecords(db: Db, recordIds: Iterable<number>, opts: ContextOverrides = {}): RecheckResult {
  const { index } = engineState(db);
  const contexts = new CheckContexts(db, opts);
  const batch = new ResultBatch(db, RULE_PACK_VERSION, contexts.now);
  const readRows = db.prepare(
    `SELECT id, category, sheet_id, excluded, values_json,
            CASE WHEN pack_version = ? THEN check_hash END AS current_hash
       FROM records_wide WHERE id IN (SELECT value FROM json_each(?))`,
  );
  type Row = RecordRow & { current_hash: string | null };
  const read = (ids: number[]): Row[] => {
    const out: Row[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      out.push(...(readRows.all(RULE_PACK_VERSION, JSON.stringify(ids.slice(i, i + CHUNK))) as typeof out));
    }
    return out;
  };

  const run = db.transaction((): RecheckResult => {
    const asked = [...new Set(recordIds)];
    const results = new Map<number, { category: Category; issues: Issue[]; currentHash: string | null; keys: KeyColumns }>();
    const affected = new Set<number>();
    const touch = (category: Category, key: string | null, keyChanged: boolean) => {
      if (key === null) return;
      for (const other of index.withKey(category, key)) affected.add(other);
      if (keyChanged) for (const dep of index.dependentsOf(category, key)) affected.add(dep);
    };

    const found = new Set<number>();
    for (const row of read(asked)) {
      found.add(row.id);
      const before = index.get(row.id);
      if (!isCategory(row.category)) {
        index.remove(row.id);
        continue;
      }
      const category = row.category;
      const result = checkRecordInPlace(category, JSON.parse(row.values_json) as FieldValues, contexts.for(category, row.sheet_id));
      const key = keyOfNormalized(category, result.normalized);
      const keys = { key, ...referencesOf(category, result.normalized) };
      index.set(row.id, { category, excluded: row.excluded !== 0, ...keys });
      results.set(row.id, { category, issues: result.issues, currentHash: row.current_hash, keys });
      // `before` is the key as last checked (the index is built from records.check_key), so an
      // edit's old key is known even on a connection that has not seen the record before.
      const moved = !before || before.unchecked === true || before.key !== key || before.category !== category;
      touch(category, key, moved);
      if (before) touch(before.category, before.key, moved);
    }
    for (const id of asked) {
      if (found.has(id)) continue;
      const before = index.get(id);
      index.remove(id);
      if (before) touch(before.category, before.key, true);
    }

    const dependents = [...affected].filter((id) => !results.has(id));
    for (const row of read(dependents)) {
      if (!isCategory(row.category)) continue;
      const category = row.category;
      const result = checkRecordInPlace(category, JSON.parse(row.values_json) as FieldValues, contexts.for(category, row.sheet_id));
      const keys = { key: keyOfNormalized(category, result.normalized), ...referencesOf(category, result.normalized) };
      results.set(row.id, { category, issues: result.issues, currentHash: row.current_hash, keys });
    }

    const categories = new Set<Category>();
    const changedIds: number[] = [];
    for (const [id, r] of results) {
      const entry = index.get(id);
      const cross = entry
        ? crossIssues(r.category, entry, index.lookups, { activeWithKey: (key) => index.activeWithKey(r.category, key) })
        : [];
      if (batch.addIfChanged(r.category, id, r.currentHash, cross.length ? r.issues.concat(cross) : r.issues, r.keys)) {
        changedIds.push(id);
      }
      categories.add(r.category);
      if (batch.size >= CHUNK) batch.flush();
    }
    batch.flush();
    return { recordIds: [...results.keys()], changedIds, categories: [...categories] };
  });
  try {
    return run();
  } catch (err) {
    // The index was updated ahead of writes that rolled back: rebuild it on the next call.
    invalidateComplianceIndex(db);
    throw err;
  }
}
