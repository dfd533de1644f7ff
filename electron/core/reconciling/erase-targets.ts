import type { Db } from '../db/connection';
import type { EraseCategory } from '../../../shared/contract/reconcile';
import { NOT_ERASED, recordsByIds, type SyncedRecord } from './synced-records';

export interface EraseSelection {
  /** Synced records missing from their category's latest import. */
  missing?: boolean;
  /** Records the consultant marked for erasure (and those whose erasure LinkedIn refused). */
  marked?: boolean;
  categories?: readonly EraseCategory[];
  /** These records, by key. */
  records?: readonly { category: EraseCategory; key: string }[];
}

export interface EraseTarget {
  record: SyncedRecord;
  reason: 'missing' | 'marked';
}

const ALL: readonly EraseCategory[] = ['candidates', 'applications', 'stages'];

/** The records an erase would delete, in id order; throws when a named record is not in the workspace. */
export function eraseTargets(db: Db, selection: EraseSelection): EraseTarget[] {
  const categories = selection.categories?.length ? selection.categories : ALL;
  const inCategories = `category IN (${categories.map((c) => `'${c}'`).join(',')})`;
  const reasons = new Map<number, 'missing' | 'marked'>();
  if (selection.missing) {
    const rows = db
      .prepare(`SELECT id FROM records WHERE ${inCategories} AND missing_from_source = 1 AND sync_hash IS NOT NULL AND ${NOT_ERASED}`)
      .all() as { id: number }[];
    for (const r of rows) reasons.set(r.id, 'missing');
  }
  if (selection.marked) {
    const rows = db
      .prepare(
        `SELECT record_id AS id, reason FROM linkedin_erasures e JOIN records r ON r.id = e.record_id
         WHERE r.${inCategories} AND e.status IN ('marked', 'failed')`,
      )
      .all() as { id: number; reason: 'missing' | 'marked' }[];
    for (const r of rows) if (!reasons.has(r.id)) reasons.set(r.id, r.reason);
  }
  if (selection.records?.length) {
    const find = db.prepare('SELECT id, missing_from_source AS missing FROM records WHERE category = ? AND key = ?');
    const unknown: string[] = [];
    for (const { category, key } of selection.records) {
      const row = find.get(category, key) as { id: number; missing: number } | undefined;
      if (!row) unknown.push(`${category} ${key}`);
      else if (!reasons.has(row.id)) reasons.set(row.id, row.missing ? 'missing' : 'marked');
    }
    if (unknown.length > 0) {
      throw new Error(`Not in the workspace: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}.`);
    }
  }
  return recordsByIds(db, [...reasons.keys()]).map((record) => ({ record, reason: reasons.get(record.id)! }));
}

/** Synced stages of an application, which LinkedIn deletes with it. */
export function stagesOfApplication(db: Db, applicationKey: string): SyncedRecord[] {
  const ids = db
    .prepare(
      `SELECT id FROM records WHERE category = 'stages' AND sync_hash IS NOT NULL AND ${NOT_ERASED}
       AND substr(key, 1, length(?) + 1) = ? || '/'`,
    )
    .all(applicationKey, applicationKey) as { id: number }[];
  return recordsByIds(db, ids.map((r) => r.id));
}

/** Marks records for erasure (records already erased are left as they are); returns how many were marked. */
export function markForErasure(db: Db, category: EraseCategory, keys: readonly string[], at: number): number {
  const find = db.prepare('SELECT id FROM records WHERE category = ? AND key = ?');
  const mark = db.prepare(`INSERT INTO linkedin_erasures (record_id, reason, status, marked_at) VALUES (?, 'marked', 'marked', ?)
    ON CONFLICT(record_id) DO NOTHING`);
  let n = 0;
  db.transaction(() => {
    for (const key of keys) {
      const row = find.get(category, key) as { id: number } | undefined;
      if (row) n += mark.run(row.id, at).changes;
    }
  })();
  return n;
}

/**
 * Withdraws erasure marks, and erasures: a record erased at LinkedIn becomes syncable again (and is
 * sent whole, since LinkedIn no longer holds it). Returns how many.
 */
export function unmarkForErasure(db: Db, category: EraseCategory, keys: readonly string[]): number {
  const remove = db.prepare('DELETE FROM linkedin_erasures WHERE record_id IN (SELECT id FROM records WHERE category = ? AND key = ?)');
  let n = 0;
  db.transaction(() => {
    for (const key of keys) n += remove.run(category, key).changes;
  })();
  return n;
}
