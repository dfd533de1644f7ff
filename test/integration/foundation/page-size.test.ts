import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb, PAGE_SIZE } from '../../../electron/core/db/connection';
import { migrate } from '../../../electron/core/db/migrations';

describe('the page size of workspace files', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes new workspaces with 16 KB pages, and opens older 4 KB ones as they are', () => {
    dir = mkdtempSync(join(tmpdir(), 'rscw-page-size-'));
    const fresh = openWorkspaceDb(join(dir, 'new.rscw'));
    expect(fresh.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    expect(PAGE_SIZE).toBe(16_384);
    fresh.close();

    // A workspace an earlier version made: SQLite's default 4 KB pages, already in WAL mode.
    const oldFile = join(dir, 'old.rscw');
    const old = new Database(oldFile);
    old.pragma('journal_mode = WAL');
    migrate(old);
    old.exec("INSERT INTO settings VALUES ('k', 'v')");
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    old.close();
    const reopened = openWorkspaceDb(oldFile);
    expect(reopened.pragma('page_size', { simple: true })).toBe(4096);
    expect(reopened.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('v');
    expect(reopened.prepare('SELECT count(*) FROM records').pluck().get()).toBe(0);
    reopened.close();
  });
});
