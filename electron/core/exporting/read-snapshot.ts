import type { Db } from '../db/connection';

/**
 * Runs an export inside one read transaction: every query sees the workspace as it was when the
 * export began, so the Summary's counts and the sheets agree even while the consultant keeps
 * editing (WAL lets those writes proceed meanwhile).
 */
export async function inReadSnapshot<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (db.inTransaction) return work();
  db.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}
