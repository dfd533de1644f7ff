import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS, migrate } from '../../../electron/core/db/migrations';

describe('the sync migrations', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A workspace whose migrations up to `last` ran, then `extra` (what an earlier version of one did). */
  function workspaceAt(last: string, extra: string): Database.Database {
    dir = mkdtempSync(join(tmpdir(), 'rscw-migrate-'));
    const db = new Database(join(dir, 'w.rscw'));
    db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)');
    for (const m of MIGRATIONS.slice(0, MIGRATIONS.findIndex((x) => x.name === last) + 1)) {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, 0)').run(m.name);
    }
    db.exec(extra);
    return db;
  }

  it('open a workspace made while 002 added exchanges.pending_results', () => {
    const db = workspaceAt('006_compliance_keys', 'ALTER TABLE exchanges ADD COLUMN pending_results TEXT');
    expect(migrate(db)).toEqual(expect.arrayContaining(['007_sync_pending_results', '008_sync_pending_results_table']));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sync_pending_results'").get()).toBeDefined();
    db.close();
  });

  it('open a workspace made while 007 added the column', () => {
    const db = workspaceAt('007_sync_pending_results', 'ALTER TABLE exchanges ADD COLUMN pending_results TEXT');
    expect(migrate(db)).toEqual(expect.arrayContaining(['008_sync_pending_results_table']));
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'sync_pending_results'").get()).toBeDefined();
    db.close();
  });
});
