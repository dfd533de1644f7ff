import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import type { Category, FieldValues } from '../../../shared/domain';
import { recordKey } from '../../../shared/rsc/keys';
import { recordInserter } from '../../support/record-rows';

export interface TempWorkspace {
  db: Db;
  file: string;
  close(): void;
}

/** A real workspace file in the temp folder. */
export function tempWorkspace(): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-compliance-'));
  const file = join(dir, 'test.rscw');
  const db = openWorkspaceDb(file);
  return {
    db,
    file,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Inserts a record as the importer does (key from recordKey, status unchecked); returns its id. */
export function insertRecord(db: Db, category: Category, values: FieldValues, sheetId: number | null = null): number {
  const json = JSON.stringify(values);
  const key = recordKey(category, values) ?? `row-${Math.random()}`;
  return recordInserter(db, ['category', 'key', 'sheet_id', 'original_json', 'values_json'])(category, key, sheetId, json, json);
}

/** Edits values in place, as the editing module does (values_json only, records.key untouched). */
export function editRecord(db: Db, id: number, patch: FieldValues): void {
  const values = JSON.parse(db.prepare('SELECT values_json FROM records_wide WHERE id = ?').pluck().get(id) as string) as FieldValues;
  db.prepare('UPDATE record_values SET values_json = ? WHERE record_id = ?').run(JSON.stringify({ ...values, ...patch }), id);
}

export function setExcluded(db: Db, id: number, excluded: boolean): void {
  db.prepare('UPDATE records SET excluded = ?, exclude_reason = ? WHERE id = ?').run(excluded ? 1 : 0, excluded ? 'test' : null, id);
}

export interface StoredResult {
  status: string;
  error_count: number;
  warning_count: number;
  info_count: number;
  pack_version: string | null;
  checked_at: number | null;
  rules: string[];
}

export function stored(db: Db, id: number): StoredResult {
  const row = db
    .prepare('SELECT status, error_count, warning_count, info_count, pack_version, checked_at FROM records WHERE id = ?')
    .get(id) as Omit<StoredResult, 'rules'>;
  const rules = db.prepare('SELECT rule FROM record_issues WHERE record_id = ? ORDER BY rowid').pluck().all(id) as string[];
  return { ...row, rules };
}

/** Every record's stored outcome, for comparing two ways of getting there. */
export function snapshot(db: Db): Record<number, { status: string; counts: number[]; issues: string[] }> {
  const out: Record<number, { status: string; counts: number[]; issues: string[] }> = {};
  const rows = db.prepare('SELECT id, status, error_count, warning_count, info_count FROM records ORDER BY id').all() as {
    id: number; status: string; error_count: number; warning_count: number; info_count: number;
  }[];
  const issues = db.prepare('SELECT rule, field, severity, message, fix_json FROM record_issues WHERE record_id = ? ORDER BY rowid');
  for (const r of rows) {
    out[r.id] = {
      status: r.status,
      counts: [r.error_count, r.warning_count, r.info_count],
      issues: (issues.all(r.id) as Record<string, unknown>[]).map((i) => JSON.stringify(i)).sort(),
    };
  }
  return out;
}
