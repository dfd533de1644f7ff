// A workspace written by the code of schema 011 (test/fixtures/workspaces/make-011.ts, committed
// as made) opens with today's code: it migrates to the latest schema, and keeps its records,
// values, issues, history and sync state; search and undo work on it.
import { afterEach, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../../../electron/core/backend';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { MIGRATIONS } from '../../../electron/core/db/migrations';
import { fetchPage } from '../../../electron/core/records/page';
import { tempDir } from '../../support/temp';

const FIXTURE = fileURLToPath(new URL('../../fixtures/workspaces/workspace-011.rscw', import.meta.url));

let db: Db | null = null;
let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
  db?.close();
  db = null;
});

function openCopy(): { file: string; dir: string; db: Db } {
  const dir = tempDir('rscw-011-');
  const file = join(dir, 'w.rscw');
  copyFileSync(FIXTURE, file);
  db = openWorkspaceDb(file);
  return { file, dir, db };
}

function search(db: Db, text: string): string[] {
  db.exec("INSERT OR REPLACE INTO settings (key, value) VALUES ('test.touch', hex(randomblob(4)))");
  const page = fetchPage(db, { filter: { category: 'candidates', search: text }, offset: 0, limit: 50 });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.key);
}

describe('a workspace written at schema 011', () => {
  it('migrates to the latest schema and keeps records, values, issues, history and sync state', () => {
    const { db } = openCopy();
    const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY name').pluck().all();
    expect(applied).toEqual(MIGRATIONS.map((m) => m.name).sort());

    const records = db
      .prepare('SELECT key, status, excluded, exclude_reason, sync_status, values_json FROM records_wide ORDER BY id')
      .all() as { key: string; status: string; excluded: number; exclude_reason: string | null; sync_status: string | null; values_json: string }[];
    expect(records.map((r) => [r.key, r.status, r.excluded, r.sync_status])).toEqual([
      ['C1', 'compliant', 0, 'succeeded'],
      ['C2', 'compliant', 0, 'succeeded'],
      ['C3', 'compliant', 0, 'succeeded'],
      ['C4', 'error', 0, null],
      ['C5', 'compliant', 1, null],
      ['C6', 'compliant', 0, 'succeeded'],
    ]);
    const values = Object.fromEntries(records.map((r) => [r.key, JSON.parse(r.values_json) as Record<string, unknown>]));
    expect(values.C1.lastName).toBe('Smith-Jones');
    expect(values.C2.lastName).toBe('Mueller');
    expect(values.C3.externalProfileUrl).toBe('https://ats.example.com/c/3');
    expect(values.C4.emailAddresses).toBeNull();
    expect(values.C5.firstName).toBe('美');
    expect(values.C6.firstName).toBe('Inès'); // the undone edit stays undone
    expect(records.find((r) => r.key === 'C5')!.exclude_reason).toBe('asked not to be shared');

    expect(db.prepare('SELECT r.key, i.rule, i.severity FROM record_issues i JOIN records r ON r.id = i.record_id').all()).toEqual([
      { key: 'C4', rule: 'email-or-person-required', severity: 'error' },
    ]);
    expect(db.prepare('SELECT kind, undone, record_count FROM operations ORDER BY id').all()).toEqual([
      { kind: 'edit', undone: 0, record_count: 1 },
      { kind: 'edit', undone: 1, record_count: 1 },
      { kind: 'edit', undone: 0, record_count: 1 },
      { kind: 'exclude', undone: 0, record_count: 1 },
      { kind: 'fix-all', undone: 0, record_count: 1 },
    ]);
    expect(db.prepare('SELECT count(*) FROM edits').pluck().get()).toBe(5);
    expect(db.prepare('SELECT status, dry_run FROM sync_runs').all()).toEqual([{ status: 'finished', dry_run: 0 }]);
    expect(db.prepare('SELECT kind, status FROM exchanges ORDER BY id').all()).toEqual([
      { kind: 'token', status: 200 },
      { kind: 'batch', status: 200 },
    ]);
    expect(db.prepare('SELECT key FROM records WHERE sync_hash IS NOT NULL AND synced_at IS NOT NULL ORDER BY id').pluck().all()).toEqual([
      'C1', 'C2', 'C3', 'C6',
    ]);
  });

  it('searches its existing records', () => {
    const { db } = openCopy();
    expect(search(db, 'smith-j')).toEqual(['C1']);
    expect(search(db, 'MUELLER')).toEqual(['C2']);
    expect(search(db, 'müller')).toEqual([]); // edited away
    expect(search(db, "o'brien")).toEqual(['C3']);
    expect(search(db, 'Inès')).toEqual(['C6']);
    expect(search(db, 'example.com')).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
  });

  it('undoes its history after the migration, and the search follows', async () => {
    const { file, dir } = openCopy();
    backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: dir, jobMode: 'inline', workspacePath: file });
    await backend.invoke('records:undo', {}); // the fix of C3's URL
    await backend.invoke('records:undo', {}); // C5's exclusion
    await backend.invoke('records:undo', {}); // C2's last name
    expect(search(db!, 'müller')).toEqual(['C2']);
    expect(search(db!, 'mueller')).toEqual([]);
  });
});
