import type { Db } from '../db/connection';
import type { GridFilter, GridPage, GridRow, GridSort, StoredStatus } from '../../../shared/contract/records';
import { countMatching, windowIds } from './window';
import { countOnce, peekCount } from './count-cache';
import { readsValues } from './filter-sql';
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
  deferTotal?: boolean;
}

/**
 * One window of the grid. The ids of the window are chosen first (an index-only walk for the
 * default order, so scrolling to row 99,900 does not read 99,900 rows), then only those rows
 * are read whole, with their issues in one more indexed query.
 */
export function fetchPage(db: Db, request: PageRequest): GridPage {
  const ids = windowIds(db, request.filter, request.sort, request.limit, request.offset);
  // A window that ends before its limit is the end of the view: its total needs no count, which
  // for a search or value filter is a second scan of every record's values.
  let total: number | null;
  if (ids.length < request.limit && (ids.length > 0 || request.offset === 0)) total = request.offset + ids.length;
  else if (request.deferTotal && countIsSlow(db, request.filter)) total = peekCount(db, request.filter) ?? null;
  else total = countView(db, request.filter);
  return { total, offset: request.offset, rows: rowsByIds(db, ids) };
}

/**
 * Past this many records (by the highest id: an upper bound known at once), even a count on an
 * index takes longer than the window itself: 30–80 ms for a category of 990,000, against 2–10 ms
 * for its first 100 rows.
 */
export const DEFER_COUNT_FROM = 250_000;

/**
 * Whether a view's total should follow its rows (records:count): a search or value filter that
 * reads every record's values (~50 ms for 100,000), or any view of a workspace that large.
 */
function countIsSlow(db: Db, filter: GridFilter): boolean {
  if (readsValues(filter)) return true;
  return ((db.prepare('SELECT max(id) FROM records').pluck().get() as number | null) ?? 0) > DEFER_COUNT_FROM;
}

/** The number of records in a view, counted once per state of the workspace. */
export function countView(db: Db, filter: GridFilter): number {
  return countOnce(db, filter, () => countMatching(db, filter));
}

/** Whole grid rows for these ids, in the given order. */
export function rowsByIds(db: Db, ids: number[]): GridRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT id, key, sheet_id, source_row, status, error_count, warning_count, info_count, excluded, exclude_reason,
              sync_status, sync_message, values_json, original_json, source_json
         FROM records_wide WHERE id IN (SELECT value FROM json_each(?))`,
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
