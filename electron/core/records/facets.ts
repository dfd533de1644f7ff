import type { Db } from '../db/connection';
import type { CellValue, Category, Severity } from '../../../shared/domain';
import { fieldsOf, type FieldType } from '../../../shared/rsc/fields';
import { ruleSpec } from '../../../shared/rsc/rules';
import type {
  FieldFacet, GridFacets, GridFilter, GridRecordStatus, GridSyncStatus, RuleFacet, ValueFacet,
} from '../../../shared/contract/records';
import { filterCondition, type SqlCondition } from './filter-sql';
import { fieldPath } from './json-path';
import { countView } from './page';
import { matchCounts } from './match-sql';

export interface FacetOptions {
  valueFields?: string[];
  maxValues?: number;
}

/** A value facet is offered for fields whose values are few and short, like state or source. */
const SAMPLE_ROWS = 2000;
const MAX_VALUE_LENGTH = 60;
const DEFAULT_MAX_VALUES = 30;

export function fetchFacets(db: Db, filter: GridFilter, options: FacetOptions = {}): GridFacets {
  return {
    total: countView(db, filter),
    statuses: statusCounts(db, filterCondition(db, filter, { status: true })),
    sync: syncCounts(db, filterCondition(db, filter, { sync: true })),
    match: matchCounts(db, filterCondition(db, filter, { match: true })),
    rules: ruleFacets(db, issueScope(db, filter, { rule: true })),
    fields: fieldFacets(db, issueScope(db, filter, { field: true })),
    values: valueFacets(db, filter, options),
  };
}

// Grouped counts walk the (category, excluded, status) and (category, sync_status) indexes only.
function statusCounts(db: Db, where: SqlCondition): Record<GridRecordStatus, number> {
  const out: Record<GridRecordStatus, number> = { unchecked: 0, compliant: 0, warning: 0, error: 0, excluded: 0 };
  const rows = db
    .prepare(`SELECT r.excluded AS excluded, r.status AS status, count(*) AS n FROM records r WHERE ${where.sql} GROUP BY r.excluded, r.status`)
    .all(...where.params) as { excluded: number; status: string; n: number }[];
  for (const r of rows) {
    if (r.excluded) out.excluded += r.n;
    else if (r.status in out) out[r.status as GridRecordStatus] += r.n;
  }
  return out;
}

function syncCounts(db: Db, where: SqlCondition): Record<GridSyncStatus, number> {
  const out: Record<GridSyncStatus, number> = { succeeded: 0, failed: 0, pending: 0, none: 0 };
  const rows = db
    .prepare(`SELECT r.sync_status AS sync, count(*) AS n FROM records r WHERE ${where.sql} GROUP BY r.sync_status`)
    .all(...where.params) as { sync: string | null; n: number }[];
  for (const r of rows) {
    const key = (r.sync ?? 'none') as GridSyncStatus;
    if (key in out) out[key] += r.n;
  }
  return out;
}

/**
 * Which issues a rule or field facet counts: with no criterion beyond the category, all of the
 * category's issues (an index-only aggregate); otherwise those of the records the filter selects.
 */
function issueScope(db: Db, filter: GridFilter, omit: { rule?: boolean; field?: boolean }): SqlCondition {
  const rest: GridFilter = { ...filter };
  if (omit.rule) delete rest.rule;
  if (omit.field) delete rest.field;
  const onlyCategory = Object.keys(rest).every((k) => k === 'category' || rest[k as keyof GridFilter] === undefined);
  if (onlyCategory) return { sql: 'i.category = ?', params: [filter.category] };
  const where = filterCondition(db, rest);
  return { sql: `i.category = ? AND i.record_id IN (SELECT r.id FROM records r WHERE ${where.sql})`, params: [filter.category, ...where.params] };
}

const SEVERITY_RANK = "CASE i.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END";
const RANK_SEVERITY: Severity[] = ['error', 'warning', 'info'];

/**
 * Records per rule, and per rule those whose issue has a fix. Both come from indexes alone (the
 * fixable ones from a partial index); a rule's severity is the pack's, so the issues themselves
 * are read only for a rule the pack does not know.
 */
export function ruleFacets(db: Db, scope: SqlCondition): RuleFacet[] {
  const records = db
    .prepare(`SELECT i.rule AS rule, count(DISTINCT i.record_id) AS n FROM record_issues i WHERE ${scope.sql} GROUP BY i.rule`)
    .all(...scope.params) as { rule: string; n: number }[];
  const fixable = new Map(
    (
      db
        .prepare(
          `SELECT i.rule AS rule, count(DISTINCT i.record_id) AS n FROM record_issues i
            WHERE ${scope.sql} AND i.fix_json IS NOT NULL GROUP BY i.rule`,
        )
        .all(...scope.params) as { rule: string; n: number }[]
    ).map((r) => [r.rule, r.n]),
  );
  const facets = records.map((r) => ({
    rule: r.rule,
    severity: ruleSpec(r.rule)?.severity ?? severityOf(db, scope, r.rule),
    title: ruleSpec(r.rule)?.title ?? r.rule,
    records: r.n,
    fixable: fixable.get(r.rule) ?? 0,
  }));
  const rank = (s: Severity) => RANK_SEVERITY.indexOf(s);
  return facets.sort((a, b) => rank(a.severity) - rank(b.severity) || b.records - a.records || a.rule.localeCompare(b.rule));
}

function severityOf(db: Db, scope: SqlCondition, rule: string): Severity {
  const rank = db
    .prepare(`SELECT min(${SEVERITY_RANK}) FROM record_issues i WHERE ${scope.sql} AND i.rule = ?`)
    .pluck()
    .get(...scope.params, rule) as number;
  return RANK_SEVERITY[rank] ?? 'info';
}

function fieldFacets(db: Db, scope: SqlCondition): FieldFacet[] {
  const rows = db
    .prepare(
      `SELECT i.field AS field, count(DISTINCT i.record_id) AS records,
              count(DISTINCT CASE WHEN i.severity = 'error' THEN i.record_id END) AS errors,
              count(DISTINCT CASE WHEN i.severity = 'warning' THEN i.record_id END) AS warnings
         FROM record_issues i WHERE ${scope.sql}
        GROUP BY i.field ORDER BY records DESC, i.field`,
    )
    .all(...scope.params) as FieldFacet[];
  return rows;
}

/**
 * Distinct values with counts for short-valued fields. A sample of the filtered rows tells which
 * fields have few, short values; only those are then counted over every filtered row, in one
 * pass that extracts all of them at once.
 */
function valueFacets(db: Db, filter: GridFilter, options: FacetOptions): ValueFacet[] {
  const maxValues = options.maxValues ?? DEFAULT_MAX_VALUES;
  const candidates = (options.valueFields ?? defaultValueFields(filter.category)).filter((f) => !/["\\]/.test(f));
  if (candidates.length === 0) return [];
  const sample = scanValues(db, filter, candidates, SAMPLE_ROWS);
  const short = candidates.filter((_f, i) => {
    const counts = sample[i];
    if (counts.size > maxValues) return false;
    for (const v of counts.keys()) if (typeof v === 'string' && v.length > MAX_VALUE_LENGTH) return false;
    return true;
  });
  if (short.length === 0) return [];
  const full = scanValues(db, filter, short, null);
  return short.map((field, i) => {
    const counts = full[i];
    const values = [...counts.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)))
      .slice(0, maxValues);
    return { field, values, distinct: counts.size };
  });
}

/** Fields that are identifiers, dates, addresses or long text never have few, short values: not worth a scan. */
const NEVER_SHORT: ReadonlySet<FieldType> = new Set(['url', 'email', 'emailList', 'epochMs', 'personUrn', 'mediaUrn']);

function defaultValueFields(category: Category): string[] {
  return fieldsOf(category)
    .filter((f) => !f.key && !NEVER_SHORT.has(f.type) && (f.maxLength ?? 0) <= 1000)
    .map((f) => f.name);
}

function scanValues(db: Db, filter: GridFilter, fields: string[], limit: number | null): Map<CellValue, number>[] {
  const where = filterCondition(db, filter, { value: true });
  const columns = fields.map(() => 'r.values_json ->> ?').join(', ');
  const sql = `SELECT ${columns} FROM records_wide r WHERE ${where.sql}${limit === null ? '' : ` LIMIT ${limit}`}`;
  const counts = fields.map(() => new Map<CellValue, number>());
  const rows = db.prepare(sql).raw().iterate(...fields.map(fieldPath), ...where.params) as Iterable<CellValue[]>;
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const raw = row[i];
      const v = raw === '' ? null : raw;
      const m = counts[i];
      m.set(v, (m.get(v) ?? 0) + 1);
    }
  }
  return counts;
}
