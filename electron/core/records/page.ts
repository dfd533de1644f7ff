import type { Db } from '../db/connection';
import type { GridFilter, GridPage, GridRow, GridSort, StoredStatus } from '../../../shared/contract/records';
import { filterCondition } from './filter-sql';
import { fieldPath } from './json-path';
import { editedOriginals, issuesOf, parseValues, pick, unmappedHeaders } from './row-parts';

interface RecordRow {
  id: number;
  key: string;
  sheet_id: number | null;
  source_row: number | null;
  status: StoredStatus;
  error_count: number;
  warning_count: number;
  info_count: number;
  excluded: number;
  exclude_reason: string | null;
  sync_status: string | null;
  sync_message: string | null;
  values_json: string;
  original_json: string;
  source_json: string;
}

export interface PageRequest {
  filter: GridFilter;
  offset: number;
  limit: number;
  sort?: GridSort;
}

/**
 * One window of the grid. The ids of the window are chosen first (an index-only walk for the
 * default order, so scrolling to row 99,900 does not read 99,900 rows), then only those rows
 * are read whole, with their issues in one more indexed query.
 */
export function fetchPage(db: Db, request: PageRequest): GridPage {
  const where = filterCondition(db, request.filter);
  const { n: total } = db.prepare(`SELECT count(*) AS n FROM records r WHERE ${where.sql}`).get(...where.params) as {
    n: number;
  };
  const order = orderBy(request.sort);
  const ids = db
    .prepare(`SELECT r.id FROM records r WHERE ${where.sql} ORDER BY ${order.sql} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, ...order.params, request.limit, request.offset) as number[];
  return { total, offset: request.offset, rows: rowsByIds(db, ids) };
}

/** Whole grid rows for these ids, in the given order. */
export function rowsByIds(db: Db, ids: number[]): GridRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT id, key, sheet_id, source_row, status, error_count, warning_count, info_count, excluded, exclude_reason,
              sync_status, sync_message, values_json, original_json, source_json
         FROM records WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as RecordRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues = issuesOf(db, ids);
  const unmapped = unmappedHeaders(db, rows.map((r) => r.sheet_id).filter((s): s is number => s !== null));
  const out: GridRow[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) continue;
    const values = parseValues(r.values_json);
    out.push({
      id: r.id,
      key: r.key,
      sourceRow: r.source_row,
      status: r.status,
      errorCount: r.error_count,
      warningCount: r.warning_count,
      infoCount: r.info_count,
      excluded: r.excluded === 1,
      excludeReason: r.exclude_reason,
      syncStatus: r.sync_status,
      syncMessage: r.sync_message,
      values,
      originals: editedOriginals(parseValues(r.original_json), values),
      extras: r.sheet_id === null ? {} : pick(parseValues(r.source_json), unmapped.get(r.sheet_id)),
      issues: issues.get(r.id) ?? [],
    });
  }
  return out;
}

const STATUS_RANK = "CASE r.status WHEN 'compliant' THEN 0 WHEN 'unchecked' THEN 1 WHEN 'warning' THEN 2 ELSE 3 END";

function orderBy(sort: GridSort | undefined): { sql: string; params: unknown[] } {
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
    default:
      // Empty cells last whatever the direction: a consultant sorting looks for values.
      return {
        sql: `(r.values_json ->> ?) IS NULL, r.values_json ->> ? ${dir}, r.id`,
        params: [fieldPath(sort.column), fieldPath(sort.column)],
      };
  }
}
