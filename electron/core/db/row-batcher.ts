import type { Statement } from 'better-sqlite3';
import type { Db } from './connection';

/**
 * Writes many rows with one statement per `size` rows (`VALUES (?, …), (?, …), …`). A statement
 * call per row (binding, stepping and resetting from JS) can cost as much as SQLite's own work:
 * rewriting the values of 100,000 records took ~120 ms row by row and ~60 ms 100 at a time
 * (inserting 100,000 edit-log rows, whose indexes cost more, gained ~20%). Rows wait in memory
 * until `size` are queued or `flush()` is called: flush before anything reads the table, and
 * before the transaction ends.
 */
export class RowBatcher {
  private readonly full: Statement<unknown[]>;
  private readonly single: Statement<unknown[]>;
  private queued: unknown[] = [];
  private rows = 0;

  /**
   * `head`: the statement up to VALUES (e.g. `INSERT INTO t (a, b)`); `tail`: what follows the
   * rows (e.g. an ON CONFLICT clause), '' for none.
   */
  constructor(
    private readonly db: Db,
    private readonly head: string,
    private readonly width: number,
    private readonly tail = '',
    private readonly size = 100,
  ) {
    this.full = this.statement(size);
    this.single = this.statement(1);
  }

  add(...values: unknown[]): void {
    if (values.length !== this.width) throw new Error(`RowBatcher: ${values.length} values for ${this.width} columns`);
    for (const v of values) this.queued.push(v);
    if (++this.rows === this.size) this.flush();
  }

  flush(): void {
    if (this.rows === 0) return;
    if (this.rows === this.size) this.full.run(this.queued);
    // A last, shorter batch row by row: one more prepared shape per length would cost more.
    else for (let i = 0; i < this.queued.length; i += this.width) this.single.run(this.queued.slice(i, i + this.width));
    this.queued = [];
    this.rows = 0;
  }

  private statement(rows: number): Statement<unknown[]> {
    const row = `(${Array.from({ length: this.width }, () => '?').join(', ')})`;
    return this.db.prepare<unknown[]>(`${this.head} VALUES ${Array.from({ length: rows }, () => row).join(', ')} ${this.tail}`);
  }
}
