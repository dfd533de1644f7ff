import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';

/** The UTC day LinkedIn's daily limits count in (they reset at midnight UTC). */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

// Prepared once per connection: these run on every request.
const statements = new WeakMap<Db, { count: Statement; read: Statement }>();

function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      count: db.prepare(
        'INSERT INTO sync_request_counts (day, requests) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET requests = requests + 1',
      ),
      read: db.prepare('SELECT requests FROM sync_request_counts WHERE day = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

export function countRequest(db: Db, at: number): void {
  prepared(db).count.run(utcDay(at));
}

export function requestsOnDay(db: Db, at: number): number {
  const row = prepared(db).read.get(utcDay(at)) as { requests: number } | undefined;
  return row?.requests ?? 0;
}
