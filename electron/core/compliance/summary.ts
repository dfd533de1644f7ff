import type { Db } from '../db/connection';
import { CATEGORIES, isCategory } from '../../../shared/domain';
import type { Category } from '../../../shared/domain';
import type { CategoryCompliance, ComplianceSummary, FieldCount } from '../../../shared/contract/rules';
import { ruleSpec } from '../../../shared/rsc/rules';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';

export type { CategoryCompliance, ComplianceSummary, FieldCount, RuleCount } from '../../../shared/contract/rules';

const EMPTY: CategoryCompliance = { total: 0, compliant: 0, nonCompliant: 0, warnings: 0, excluded: 0, unchecked: 0 };

export function categoryCompliance(db: Db): Record<Category, CategoryCompliance> {
  const rows = db
    .prepare(
      `SELECT category,
              count(*) AS total,
              sum(excluded = 0 AND status IN ('compliant', 'warning')) AS compliant,
              sum(excluded = 0 AND status = 'error') AS nonCompliant,
              sum(excluded = 0 AND warning_count > 0) AS warnings,
              sum(excluded <> 0) AS excluded,
              sum(excluded = 0 AND status = 'unchecked') AS unchecked
         FROM records GROUP BY category`,
    )
    .all() as (CategoryCompliance & { category: string })[];
  const out = Object.fromEntries(CATEGORIES.map((c) => [c, { ...EMPTY }])) as Record<Category, CategoryCompliance>;
  for (const { category, ...counts } of rows) if (isCategory(category)) out[category] = counts;
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

  const checkedWith = (
    db.prepare('SELECT DISTINCT pack_version AS v FROM records WHERE pack_version IS NOT NULL').all() as { v: string }[]
  ).map((r) => r.v);

  return { packVersion: RULE_PACK_VERSION, checkedWith, categories: categoryCompliance(db), rules, fields };
}
