import type { Db } from '../db/connection';
import type { CellValue, Severity } from '../../../shared/domain';
import { fieldsOf } from '../../../shared/rsc/fields';
import { ruleSpec } from '../../../shared/rsc/rules';
import type {
  FieldFacet, GridFacets, GridFilter, GridRecordStatus, GridSyncStatus, RuleFacet, ValueFacet,
} from '../../../shared/contract/records';
import { filterCondition, type SqlCondition } from './filter-sql';
import { fieldPath } from './json-path';
import { countMatching } from './window';

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
    total: countMatching(db, filter),
    statuses: statusCounts(db, filterCondition(db, filter, { status: true })),
    sync: syncCounts(db, filterCondition(db, filter, { sync: true })),
    rules: ruleFacets(db, issueScope(db, filter, { rule: true })),
    fields: fieldFacets(db, issueScope(db, filter, { field: true })),
    values: valueFacets(db, filter, options),
  };
}

function statusCounts(db: Db, where: SqlCondition): Record<GridRecordStatus, number> {
  const row = db
    .prepare(
      `SELECT coalesce(sum(r.excluded = 0 AND r.status = 'unchecked'), 0) AS unchecked,
              coalesce(sum(r.excluded = 0 AND r.status = 'compliant'), 0) AS compliant,
              coalesce(sum(r.excluded = 0 AND r.status = 'warning'), 0) AS warning,
              coalesce(sum(r.excluded = 0 AND r.status = 'error'), 0) AS error,
              coalesce(sum(r.excluded), 0) AS excluded
         FROM records r WHERE ${where.sql}`,
    )
    .get(...where.params) as Record<GridRecordStatus, number>;
  return row;
}

function syncCounts(db: Db, where: SqlCondition): Record<GridSyncStatus, number> {
  const row = db
    .prepare(
      `SELECT coalesce(sum(r.sync_status = 'succeeded'), 0) AS succeeded,
              coalesce(sum(r.sync_status = 'failed'), 0) AS failed,
              coalesce(sum(r.sync_status = 'pending'), 0) AS pending,
              coalesce(sum(r.sync_status IS NULL), 0) AS none
         FROM records r WHERE ${where.sql}`,
    )
    .get(...where.params) as Record<GridSyncStatus, number>;
  return row;
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

export function ruleFacets(db: Db, scope: SqlCondition): RuleFacet[] {
  const rows = db
    .prepare(
      `SELECT i.rule AS rule, min(${SEVERITY_RANK}) AS rank, count(DISTINCT i.record_id) AS records,
              count(DISTINCT CASE WHEN i.fix_json IS NOT NULL THEN i.record_id END) AS fixable
         FROM record_issues i WHERE ${scope.sql}
        GROUP BY i.rule ORDER BY rank, records DESC, i.rule`,
    )
    .all(...scope.params) as { rule: string; rank: number; records: number; fixable: number }[];
  return rows.map((r) => ({
    rule: r.rule,
    severity: RANK_SEVERITY[r.rank] ?? 'info',
    title: ruleSpec(r.rule)?.title ?? r.rule,
    records: r.records,
    fixable: r.fixable,
  }));
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
  const candidates = (options.valueFields ?? fieldsOf(filter.category).filter((f) => !f.key).map((f) => f.name)).filter(
    (f) => !/["\\]/.test(f),
  );
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

function scanValues(db: Db, filter: GridFilter, fields: string[], limit: number | null): Map<CellValue, number>[] {
  const where = filterCondition(db, filter, { value: true });
  const columns = fields.map(() => 'r.values_json ->> ?').join(', ');
  const sql = `SELECT ${columns} FROM records r WHERE ${where.sql}${limit === null ? '' : ` LIMIT ${limit}`}`;
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
