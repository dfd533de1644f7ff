import type { Db } from '../db/connection';
import type { GridMatchStatus } from '../../../shared/contract/records';
import type { SqlCondition } from './filter-sql';

// The "LinkedIn match" facet, over the reconcile's tables (electron/core/reconciling): each is a
// primary-key probe per record, so the facet costs a lookup per row of the view.
const ERASED = "EXISTS (SELECT 1 FROM linkedin_erasures e WHERE e.record_id = r.id AND e.status = 'erased')";
const READ = 'EXISTS (SELECT 1 FROM linkedin_matches m WHERE m.record_id = r.id)';

/** The records whose LinkedIn match state is one of `states` (no parameters: the states are our own constants). */
export function matchCondition(states: readonly GridMatchStatus[]): string {
  const ors: string[] = [];
  const read = states.filter((s) => s === 'matched' || s === 'unmatched' || s === 'notFound');
  if (read.length > 0) {
    ors.push(`EXISTS (SELECT 1 FROM linkedin_matches m WHERE m.record_id = r.id AND m.status IN (${read.map((s) => `'${s}'`).join(', ')}))`);
  }
  if (states.includes('unread')) ors.push(`(NOT ${READ} AND NOT ${ERASED})`);
  if (states.includes('erased')) ors.push(ERASED);
  return ors.length === 1 ? ors[0] : `(${ors.join(' OR ')})`;
}

export function matchCounts(db: Db, where: SqlCondition): Record<GridMatchStatus, number> {
  const out: Record<GridMatchStatus, number> = { matched: 0, unmatched: 0, notFound: 0, unread: 0, erased: 0 };
  // Until something is read back or erased, every record is unread: counted on the indexes alone.
  if (!db.prepare('SELECT EXISTS (SELECT 1 FROM linkedin_matches) OR EXISTS (SELECT 1 FROM linkedin_erasures)').pluck().get()) {
    out.unread = db.prepare(`SELECT count(*) FROM records r WHERE ${where.sql}`).pluck().get(...where.params) as number;
    return out;
  }
  const rows = db
    .prepare(
      `SELECT CASE WHEN e.record_id IS NOT NULL THEN 'erased' ELSE coalesce(m.status, 'unread') END AS state, count(*) AS n
       FROM records r
       LEFT JOIN linkedin_matches m ON m.record_id = r.id
       LEFT JOIN linkedin_erasures e ON e.record_id = r.id AND e.status = 'erased'
       WHERE ${where.sql} GROUP BY state`,
    )
    .all(...where.params) as { state: GridMatchStatus; n: number }[];
  for (const r of rows) if (r.state in out) out[r.state] += r.n;
  return out;
}
