import type { Db } from '../db/connection';
import { isCategory } from '../../../shared/domain';
import type { Category, FieldValues } from '../../../shared/domain';
import { checkRecord } from '../../../shared/rsc/check';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { CheckContexts, type ContextOverrides } from './check-context';
import { crossIssues } from './check-all';
import { engineState, invalidateComplianceIndex } from './index-cache';
import type { CheckedRecord } from './result-writer';
import { keyOfNormalized, referencesOf } from './record-index';

export interface RecheckResult {
  /** Every record whose result was stored: the ones asked for plus those whose cross-record rules they affect. */
  recordIds: number[];
  categories: Category[];
}

/**
 * Re-checks the given records after an edit, an exclusion or an insert, and every record whose
 * cross-record outcome they can change: records sharing their old or new key (duplicates), and,
 * when a key changed, the applications or stages that refer to it. Ids that no longer exist are
 * dropped from the index. Runs in one transaction; the index makes this independent of the
 * workspace size.
 */
export function recheckRecords(db: Db, recordIds: Iterable<number>, opts: ContextOverrides = {}): RecheckResult {
  const state = engineState(db);
  const { index, writer } = state;
  const contexts = new CheckContexts(db, opts);
  const checkedAt = contexts.now;
  const crossOf = (category: Category, id: number) => {
    const entry = index.get(id);
    return entry
      ? (crossIssues(category, entry, index.lookups, { activeWithKey: (key) => index.activeWithKey(category, key) }) ?? [])
      : [];
  };

  const run = db.transaction((): RecheckResult => {
    const own = new Map<number, { category: Category; result: CheckedRecord }>();
    const affected = new Set<number>();
    for (const id of new Set(recordIds)) {
      const row = state.readRecord(id);
      const before = index.get(id);
      if (!row || !isCategory(row.category)) {
        index.remove(id);
        if (before?.key != null) {
          for (const other of index.withKey(before.category, before.key)) affected.add(other);
          for (const dep of index.dependentsOf(before.category, before.key)) affected.add(dep);
        }
        continue;
      }
      const category = row.category;
      const result = checkRecord(category, JSON.parse(row.values_json) as FieldValues, contexts.for(category, row.sheet_id));
      const key = keyOfNormalized(category, result.normalized);
      index.set(id, { category, key, excluded: row.excluded !== 0, ...referencesOf(category, result.normalized) });
      own.set(id, { category, result: { id, issues: result.issues } });
      const keys = new Set([before?.key ?? null, key]);
      for (const k of keys) {
        if (k === null) continue;
        for (const other of index.withKey(category, k)) affected.add(other);
        if (before?.key !== key || before.category !== category) {
          for (const dep of index.dependentsOf(category, k)) affected.add(dep);
        }
      }
      if (before && before.category !== category && before.key !== null) {
        for (const other of index.withKey(before.category, before.key)) affected.add(other);
        for (const dep of index.dependentsOf(before.category, before.key)) affected.add(dep);
      }
    }
    for (const id of own.keys()) affected.delete(id);

    const categories = new Set<Category>();
    const stored: number[] = [];
    for (const [id, { category, result }] of own) {
      result.issues = result.issues.concat(crossOf(category, id));
      writer.write(category, result, RULE_PACK_VERSION, checkedAt);
      categories.add(category);
      stored.push(id);
    }
    for (const id of affected) {
      const row = state.readRecord(id);
      if (!row || !isCategory(row.category)) continue;
      const category = row.category;
      const result = checkRecord(category, JSON.parse(row.values_json) as FieldValues, contexts.for(category, row.sheet_id));
      writer.write(category, { id, issues: result.issues.concat(crossOf(category, id)) }, RULE_PACK_VERSION, checkedAt);
      categories.add(category);
      stored.push(id);
    }
    return { recordIds: stored, categories: [...categories] };
  });
  try {
    return run();
  } catch (err) {
    // The index was updated ahead of a write that rolled back: rebuild it on the next call.
    invalidateComplianceIndex(db);
    throw err;
  }
}
