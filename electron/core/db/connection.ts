import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if missing) a workspace file: WAL so readers never wait on the writer,
 * foreign keys on, and a busy timeout so the UI connection waits for a job's write batch
 * instead of failing.
 */
export function openWorkspaceDb(file: string, options: { readonly?: boolean } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  // NORMAL is durable in WAL mode against process crashes (only an OS crash can lose the
  // last transaction), and much faster than FULL for the many small edit transactions.
  db.pragma('synchronous = NORMAL');
  if (!options.readonly) migrate(db);
  return db;
}
