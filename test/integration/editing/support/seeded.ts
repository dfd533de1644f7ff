import type { Db } from '../../../../electron/core/db/connection';
import type { CellValue } from '../../../../shared/domain';
import { openSeeded } from '../../records/support/open-seeded';

export { openSeeded };

export function valueOf(db: Db, key: string, field: string, category = 'candidates'): CellValue {
  const text = db
    .prepare('SELECT values_json -> ? FROM records_wide WHERE category = ? AND key = ?')
    .pluck()
    .get(`$."${field}"`, category, key) as string | null;
  return text === null ? null : (JSON.parse(text) as CellValue);
}

export function idOf(db: Db, key: string, category = 'candidates'): number {
  return db.prepare('SELECT id FROM records WHERE category = ? AND key = ?').pluck().get(category, key) as number;
}

export function issuesOf(db: Db, key: string, category = 'candidates'): { rule: string; field: string }[] {
  return db
    .prepare('SELECT i.rule, i.field FROM record_issues i JOIN records r ON r.id = i.record_id WHERE r.category = ? AND r.key = ?')
    .all(category, key) as { rule: string; field: string }[];
}

/** Every record's values, to compare whole-workspace states before and after undo. */
export function snapshot(db: Db): Record<string, string> {
  const rows = db.prepare('SELECT key, values_json, excluded, exclude_reason FROM records_wide ORDER BY id').all() as {
    key: string;
    values_json: string;
    excluded: number;
    exclude_reason: string | null;
  }[];
  return Object.fromEntries(rows.map((r) => [r.key, `${r.values_json}|${r.excluded}|${r.exclude_reason}`]));
}

export function statusesOf(db: Db): Record<string, string> {
  const rows = db.prepare('SELECT key, status, error_count FROM records ORDER BY id').all() as { key: string; status: string; error_count: number }[];
  return Object.fromEntries(rows.map((r) => [r.key, `${r.status}/${r.error_count}`]));
}

/** Every record's stored check outcome: status, counts and its issues, for comparing two checks. */
export function storedResults(db: Db): Record<string, string> {
  const rows = db
    .prepare(
      `SELECT r.category || '/' || r.key AS k, r.status, r.error_count, r.warning_count, r.info_count,
              (SELECT group_concat(i.rule || ':' || i.field || ':' || coalesce(i.fix_json, ''), '|')
                 FROM (SELECT * FROM record_issues WHERE record_id = r.id ORDER BY rule, field) i) AS issues
         FROM records r ORDER BY r.id`,
    )
    .all() as { k: string; status: string; error_count: number; warning_count: number; info_count: number; issues: string | null }[];
  return Object.fromEntries(rows.map((r) => [r.k, `${r.status} ${r.error_count}/${r.warning_count}/${r.info_count} ${r.issues ?? ''}`]));
}
