import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { rowsByIds } from '../../../electron/core/records/page';

describe('moving record values to a table of their own (010)', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every record, its values, issues and state, and leaves the record row narrow', () => {
    dir = mkdtempSync(join(tmpdir(), 'rscw-migrate-values-'));
    const file = join(dir, 'old.rscw');
    // A workspace as the version before 010 left it.
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const m of MIGRATIONS.slice(0, MIGRATIONS.findIndex((x) => x.name === '009_resumes') + 1)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, 0)').run(m.name);
    }
    const insert = old.prepare(
      `INSERT INTO records (category, key, original_json, values_json, source_json, status, error_count, sync_status, excluded)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ada = Number(
      insert.run('candidates', 'C-1', '{"firstName":"Ada"}', '{"firstName":"Ada L."}', '{"First":"Ada"}', 'error', 2, 'failed', 0).lastInsertRowid,
    );
    insert.run('jobs', 'J-1', '{"title":"Engineer"}', '{"title":"Engineer"}', '{}', 'compliant', 0, 'succeeded', 1);
    old.prepare("INSERT INTO record_issues (record_id, category, rule, field, severity, message) VALUES (?, 'candidates', 'r', 'lastName', 'error', 'm')").run(ada);
    old.close();

    const db = openWorkspaceDb(file);
    try {
      const columns = (db.prepare("SELECT name FROM pragma_table_info('records')").pluck().all() as string[]).sort();
      expect(columns).not.toContain('values_json');
      expect(columns).toEqual(expect.arrayContaining(['status', 'sync_status', 'excluded', 'check_hash']));
      expect(
        db.prepare('SELECT key, status, error_count, sync_status, excluded, original_json, values_json, source_json FROM records_wide ORDER BY id').all(),
      ).toEqual([
        { key: 'C-1', status: 'error', error_count: 2, sync_status: 'failed', excluded: 0, original_json: '{"firstName":"Ada"}', values_json: '{"firstName":"Ada L."}', source_json: '{"First":"Ada"}' },
        { key: 'J-1', status: 'compliant', error_count: 0, sync_status: 'succeeded', excluded: 1, original_json: '{"title":"Engineer"}', values_json: '{"title":"Engineer"}', source_json: '{}' },
      ]);
      // The app reads them as before: the edited cell and its original.
      expect(rowsByIds(db, [ada])[0]).toMatchObject({ key: 'C-1', values: { firstName: 'Ada L.' }, originals: { firstName: 'Ada' } });
      // Deleting a record deletes its values and issues with it.
      db.prepare('DELETE FROM records WHERE id = ?').run(ada);
      expect(db.prepare('SELECT count(*) FROM record_values').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM record_sources').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM record_issues').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});
