import type { Db } from '../db/connection';
import { CATEGORIES } from '../../../shared/domain';
import type { CategoryCounts, WorkspaceCounts } from '../../../shared/contract/workspace';

const EMPTY: CategoryCounts = {
  total: 0, compliant: 0, warning: 0, error: 0, unchecked: 0, excluded: 0, synced: 0, syncFailed: 0,
};

/** Per-category header counts, one indexed aggregate query. */
export function workspaceCounts(db: Db): WorkspaceCounts {
  const rows = db
    .prepare(
      `SELECT category,
              count(*) AS total,
              coalesce(sum(status = 'compliant' AND excluded = 0), 0) AS compliant,
              coalesce(sum(status = 'warning' AND excluded = 0), 0) AS warning,
              coalesce(sum(status = 'error' AND excluded = 0), 0) AS error,
              coalesce(sum(status = 'unchecked' AND excluded = 0), 0) AS unchecked,
              coalesce(sum(excluded), 0) AS excluded,
              coalesce(sum(sync_status = 'succeeded'), 0) AS synced,
              coalesce(sum(sync_status = 'failed'), 0) AS syncFailed
         FROM records GROUP BY category`,
    )
    .all() as (CategoryCounts & { category: string })[];
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, { ...EMPTY }])) as WorkspaceCounts;
  for (const { category, ...counts } of rows) {
    if (category in out) out[category as keyof WorkspaceCounts] = counts;
  }
  return out;
}
