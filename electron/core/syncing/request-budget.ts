import type { Db } from '../db/connection';

/** The UTC day LinkedIn's daily limits count in (they reset at midnight UTC). */
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function countRequest(db: Db, at: number): void {
  db.prepare(
    'INSERT INTO sync_request_counts (day, requests) VALUES (?, 1) ON CONFLICT(day) DO UPDATE SET requests = requests + 1',
  ).run(utcDay(at));
}

export function requestsOnDay(db: Db, at: number): number {
  const row = db.prepare('SELECT requests FROM sync_request_counts WHERE day = ?').get(utcDay(at)) as
    | { requests: number }
    | undefined;
  return row?.requests ?? 0;
}
