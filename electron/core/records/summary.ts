import type { Db } from '../db/connection';
import { CATEGORIES, type Category } from '../../../shared/domain';
import type { CategoryCounts } from '../../../shared/contract/workspace';
import type { CategorySummary, WorkspaceSummary } from '../../../shared/contract/records';
import { workspaceCounts } from '../workspace/counts';
import { ruleFacets } from './facets';

/** The dashboard: per category the header counts and the most frequent failing rules. */
export function workspaceSummary(db: Db, topRules = 5): WorkspaceSummary {
  const counts = workspaceCounts(db);
  const categories = {} as Record<Category, CategorySummary>;
  const totals: CategoryCounts = {
    total: 0, compliant: 0, warning: 0, error: 0, unchecked: 0, excluded: 0, synced: 0, syncFailed: 0,
  };
  for (const category of CATEGORIES) {
    const c = counts[category];
    for (const k of Object.keys(totals) as (keyof CategoryCounts)[]) totals[k] += c[k] ?? 0;
    const failing = c.total === 0
      ? []
      : ruleFacets(db, { sql: "i.category = ? AND i.severity <> 'info'", params: [category] });
    categories[category] = { counts: c, topRules: failing.sort((a, b) => b.records - a.records).slice(0, topRules) };
  }
  return { categories, totals };
}
