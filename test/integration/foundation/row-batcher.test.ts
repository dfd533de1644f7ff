import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { RowBatcher } from '../../../electron/core/db/row-batcher';
import { tempDir } from '../../support/temp';

describe('writing rows in batches (RowBatcher)', () => {
  let dir = '';
  let db: Db;
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function open(): Db {
    dir = tempDir('rscw-row-batcher-');
    db = openWorkspaceDb(join(dir, 'w.rscw'));
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)');
    return db;
  }

  it('writes every row, full batches and the shorter last one, each exactly once and in order', () => {
    open();
    const batcher = new RowBatcher(db, 'INSERT INTO t (id, a, b)', 3, '', 10);
    for (let i = 1; i <= 57; i++) batcher.add(i, `row ${i}`, i * 2);
    // 50 rows are in full batches of 10; the last 7 wait for flush().
    expect(db.prepare('SELECT count(*) FROM t').pluck().get()).toBe(50);
    batcher.flush();
    batcher.flush();
    const rows = db.prepare('SELECT id, a, b FROM t ORDER BY rowid').all() as { id: number; a: string; b: number }[];
    expect(rows).toHaveLength(57);
    expect(rows.every((r, i) => r.id === i + 1 && r.a === `row ${i + 1}` && r.b === (i + 1) * 2)).toBe(true);
  });

  it('applies its tail to every row: an upsert replaces existing rows and inserts new ones', () => {
    open();
    db.prepare("INSERT INTO t (id, a, b) VALUES (2, 'old', 0), (4, 'old', 0)").run();
    const batcher = new RowBatcher(db, 'INSERT INTO t (id, a, b)', 3, 'ON CONFLICT (id) DO UPDATE SET a = excluded.a', 2);
    for (const id of [1, 2, 3, 4, 5]) batcher.add(id, `new ${id}`, id);
    batcher.flush();
    expect(db.prepare('SELECT id, a, b FROM t ORDER BY id').all()).toEqual([
      { id: 1, a: 'new 1', b: 1 },
      { id: 2, a: 'new 2', b: 0 },
      { id: 3, a: 'new 3', b: 3 },
      { id: 4, a: 'new 4', b: 0 },
      { id: 5, a: 'new 5', b: 5 },
    ]);
  });

  it('refuses a row of the wrong width instead of shifting every later value', () => {
    open();
    const batcher = new RowBatcher(db, 'INSERT INTO t (id, a, b)', 3);
    expect(() => batcher.add(1, 'x')).toThrow('2 values for 3 columns');
  });
});
