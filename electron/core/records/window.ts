import type { Db } from '../db/connection';
import type { GridFilter, GridSort } from '../../../shared/contract/records';
import { filterCondition } from './filter-sql';
import { fieldPath } from './json-path';
import { dateSortKey } from './date-sort';

/**
 * A view that is "the records with an issue of this rule (or on this field)" and nothing else:
 * the facet click. Its records are exactly the distinct record ids of one range of the
 * (category, rule|field, record_id) index, in id order, so it is counted and windowed without
 * touching the records table.
 */
function issueOnlyView(filter: GridFilter): { column: 'rule' | 'field'; value: string } | null {
  const keys = (Object.keys(filter) as (keyof GridFilter)[]).filter((k) => filter[k] !== undefined && k !== 'category');
  if (keys.length !== 1) return null;
  if (keys[0] === 'rule') return { column: 'rule', value: filter.rule! };
  if (keys[0] === 'field') return { column: 'field', value: filter.field! };
  return null;
}

export function countMatching(db: Db, filter: GridFilter): number {
  const issueView = issueOnlyView(filter);
  if (issueView) {
    return db
      .prepare(`SELECT count(DISTINCT record_id) FROM record_issues WHERE category = ? AND ${issueView.column} = ?`)
      .pluck()
      .get(filter.category, issueView.value) as number;
  }
  const where = filterCondition(db, filter);
  return db.prepare(`SELECT count(*) FROM records r WHERE ${where.sql}`).pluck().get(...where.params) as number;
}

/** The ids of one window of the view, in the requested order (import order by default). */
export function windowIds(db: Db, filter: GridFilter, sort: GridSort | undefined, limit: number, offset: number): number[] {
  const issueView = issueOnlyView(filter);
  if (issueView && (!sort || sort.column === '$row')) {
    const dir = sort?.direction === 'desc' ? 'DESC' : 'ASC';
    return db
      .prepare(
        `SELECT DISTINCT record_id FROM record_issues WHERE category = ? AND ${issueView.column} = ?
          ORDER BY record_id ${dir} LIMIT ? OFFSET ?`,
      )
      .pluck()
      .all(filter.category, issueView.value, limit, offset) as number[];
  }
  const where = filterCondition(db, filter);
  const order = orderBy(sort, (column, valueSql) => dateSortKey(db, filter.category, column, valueSql));
  return db
    .prepare(`SELECT r.id FROM records_wide r WHERE ${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, ...order.params, limit, offset) as number[];
}

const STATUS_RANK = "CASE r.status WHEN 'compliant' THEN 0 WHEN 'unchecked' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END";

function orderBy(sort: GridSort | undefined, dateKey: (column: string, valueSql: string) => string | null): { sql: string; params: unknown[] } {
  if (!sort) return { sql: 'r.id', params: [] };
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  switch (sort.column) {
    case '$row':
      return { sql: `r.id ${dir}`, params: [] };
    case '$key':
      return { sql: `r.key ${dir}, r.id`, params: [] };
    case '$status':
      return { sql: `r.excluded ${dir}, ${STATUS_RANK} ${dir}, r.id`, params: [] };
    case '$issues':
      return { sql: `r.error_count ${dir}, r.warning_count ${dir}, r.info_count ${dir}, r.id`, params: [] };
    case '$sync':
      return { sql: `r.sync_status ${dir}, r.id`, params: [] };
    default: {
      // A date sorts by its moment; values with no one reading come after the dates, by their text.
      const date = dateKey(sort.column, '(r.values_json ->> ?)');
      if (date) {
        const path = fieldPath(sort.column);
        return {
          sql: `(r.values_json ->> ?) IS NULL, ${date} IS NULL, ${date} ${dir}, r.values_json ->> ? ${dir}, r.id`,
          params: [path, path, path, path],
        };
      }
      // Empty cells last whatever the direction: a consultant sorting looks for values.
      return {
        sql: `(r.values_json ->> ?) IS NULL, r.values_json ->> ? ${dir}, r.id`,
        params: [fieldPath(sort.column), fieldPath(sort.column)],
      };
    }
  }
}
