import type { Db } from '../db/connection';
import { CATEGORIES, isCategory } from '../../../shared/domain';
import type { Category } from '../../../shared/domain';
import type { CategoryCompliance, ComplianceSummary, FieldCount } from '../../../shared/contract/rules';
import { ruleSpec } from '../../../shared/rsc/rules';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { getSetting } from '../db/settings-table';
import { LAST_CHECK_SETTING } from './check-all';
import type { LastCheck } from '../../../shared/contract/rules';

export type { CategoryCompliance, ComplianceSummary, FieldCount, RuleCount } from '../../../shared/contract/rules';

const EMPTY: CategoryCompliance = { total: 0, compliant: 0, nonCompliant: 0, warnings: 0, excluded: 0, unchecked: 0 };

/**
 * Per-category counts from indexes only: (category, excluded, status) and the partial index of
 * records with errors and warnings (migrations 004/005), never the record rows themselves.
 */
export function categoryCompliance(db: Db): Record<Category, CategoryCompliance> {
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, { ...EMPTY }])) as Record<Category, CategoryCompliance>;
  const groups = db
    .prepare('SELECT category, excluded, status, count(*) AS n FROM records GROUP BY category, excluded, status')
    .all() as { category: string; excluded: number; status: string; n: number }[];
  for (const g of groups) {
    if (!isCategory(g.category)) continue;
    const c = out[g.category];
    c.total += g.n;
    if (g.excluded) c.excluded += g.n;
    else if (g.status === 'compliant') c.compliant += g.n;
    else if (g.status === 'warning') {
      c.compliant += g.n;
      c.warnings += g.n;
    } else if (g.status === 'error') c.nonCompliant += g.n;
    else c.unchecked += g.n;
  }
  const errorsWithWarnings = db
    .prepare(
      `SELECT category, count(*) AS n FROM records
        WHERE status = 'error' AND warning_count > 0 AND excluded = 0 GROUP BY category`,
    )
    .all() as { category: string; n: number }[];
  for (const g of errorsWithWarnings) if (isCategory(g.category)) out[g.category].warnings += g.n;
  return out;
}

/** Everything the dashboard and the facet panel show, by SQL over the stored results. */
export function complianceSummary(db: Db): ComplianceSummary {
  const rules = (
    db
      .prepare(
        `SELECT category, rule, count(DISTINCT record_id) AS records, count(*) AS issues
           FROM record_issues GROUP BY category, rule`,
      )
      .all() as { category: string; rule: string; records: number; issues: number }[]
  )
    .filter((r): r is typeof r & { category: Category } => isCategory(r.category))
    .map((r) => {
      const spec = ruleSpec(r.rule);
      return {
        category: r.category, rule: r.rule, severity: spec?.severity ?? 'error', source: spec?.source ?? null,
        title: spec?.title ?? r.rule, records: r.records, issues: r.issues,
      };
    })
    .sort((a, b) => b.records - a.records || a.rule.localeCompare(b.rule));

  const fieldRows = db
    .prepare(
      `SELECT category, field, count(DISTINCT record_id) AS records,
              count(DISTINCT CASE WHEN severity = 'error' THEN record_id END) AS errors,
              count(DISTINCT CASE WHEN severity = 'warning' THEN record_id END) AS warnings,
              count(DISTINCT CASE WHEN severity = 'info' THEN record_id END) AS infos
         FROM record_issues GROUP BY category, field`,
    )
    .all() as (Omit<FieldCount, 'category'> & { category: string })[];
  const fields = fieldRows
    .filter((r): r is FieldCount => isCategory(r.category))
    .sort((a, b) => b.records - a.records || a.field.localeCompare(b.field));

  return { packVersion: RULE_PACK_VERSION, lastCheck: lastCheck(db), categories: categoryCompliance(db), rules, fields };
}

/** The last full check, as checkAll recorded it (null before the first). */
export function lastCheck(db: Db): LastCheck | null {
  const text = getSetting(db, LAST_CHECK_SETTING);
  if (!text) return null;
  try {
    return JSON.parse(text) as LastCheck;
  } catch {
    return null;
  }
}
