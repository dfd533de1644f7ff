import type { Db } from '../db/connection';
import type { CellValue } from '../../../shared/domain';
import type { GridFilter, GridRecordStatus, GridSyncStatus } from '../../../shared/contract/records';
import { fieldPath } from './json-path';
import { matchCondition } from './match-sql';
import { dateSearchCondition } from './date-sort';

/** A condition on `records` aliased `r` (values are read from record_values by id); values only ever travel as parameters. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/** Criteria a facet leaves out when it counts (a facet counts what clicking it would select). */
export interface FilterOmissions {
  status?: boolean;
  sync?: boolean;
  match?: boolean;
  rule?: boolean;
  field?: boolean;
  value?: boolean;
}

/**
 * The SQL of a grid filter. Every criterion uses an index except search and value, which read
 * values_json: for those on a category that makes up most of the workspace, the category index
 * is bypassed (`+r.category`), because visiting most rows through an index costs a random
 * lookup per row where a straight table scan reads them in order.
 */
export function filterCondition(db: Db, filter: GridFilter, omit: FilterOmissions = {}): SqlCondition {
  const parts: string[] = [];
  const params: unknown[] = [];
  const scansValues = readsValues(filter, omit) && !hasIndexedCriterion(filter, omit);
  parts.push(scansValues && categoryIsMostRecords(db, filter.category) ? '+r.category = ?' : 'r.category = ?');
  params.push(filter.category);

  const statuses = omit.status ? [] : asList(filter.status);
  if (statuses.length > 0) parts.push(statusCondition(statuses, params));

  const syncs = omit.sync ? [] : asList(filter.syncStatus);
  if (syncs.length > 0) parts.push(syncCondition(syncs, params));

  const matches = omit.match ? [] : asList(filter.match);
  if (matches.length > 0) parts.push(matchCondition(matches));

  // EXISTS probes the (category, rule|field, record_id) index per row and lets a window stop early;
  // an IN list would be built whole before the first row.
  if (filter.rule && !omit.rule) {
    parts.push('EXISTS (SELECT 1 FROM record_issues ri WHERE ri.category = ? AND ri.rule = ? AND ri.record_id = r.id)');
    params.push(filter.category, filter.rule);
  }
  if (filter.field && !omit.field) {
    parts.push('EXISTS (SELECT 1 FROM record_issues ri WHERE ri.category = ? AND ri.field = ? AND ri.record_id = r.id)');
    params.push(filter.category, filter.field);
  }
  if (filter.value && !omit.value) parts.push(valueCondition(filter.value.field, filter.value.value, params));
  const search = filter.search?.trim();
  if (search) {
    const text = searchCondition(search, params);
    const date = dateSearchCondition(db, filter.category, search, params);
    parts.push(date ? `(${text} OR ${date})` : text);
  }
  if (filter.recordIds) {
    parts.push('r.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.recordIds));
  }
  return { sql: parts.join(' AND '), params };
}

/** A search or a value criterion: testing it reads every candidate record's values. */
export function readsValues(filter: GridFilter, omit: FilterOmissions = {}): boolean {
  return !!filter.search?.trim() || (!!filter.value && !omit.value);
}

/**
 * A field equal to a value. Extracting a field parses each row's JSON, so rows are first tested
 * for the value's JSON text anywhere in values_json (a case-sensitive GLOB, far cheaper); only
 * rows containing it are parsed.
 */
function valueCondition(field: string, value: CellValue, params: unknown[]): string {
  if (value === null || value === '') {
    params.push(fieldPath(field));
    return "coalesce((SELECT rv.values_json ->> ? FROM record_values rv WHERE rv.record_id = r.id), '') = ''";
  }
  const sqlValue = typeof value === 'boolean' ? Number(value) : value;
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  params.push(`*${escapeGlob(text)}*`, fieldPath(field), sqlValue);
  return 'EXISTS (SELECT 1 FROM record_values rv WHERE rv.record_id = r.id AND rv.values_json GLOB ? AND rv.values_json ->> ? = ?)';
}

/** GLOB has no escape character: its wildcards match themselves inside brackets. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[]/g, (c) => `[${c}]`);
}

function hasIndexedCriterion(filter: GridFilter, omit: FilterOmissions): boolean {
  return (
    (!!filter.rule && !omit.rule) ||
    (!!filter.field && !omit.field) ||
    !!filter.recordIds ||
    (asList(filter.status).length > 0 && !omit.status && !asList(filter.status).includes('compliant'))
  );
}

const CATEGORY_PROBES = 64;

/**
 * Whether most records are of this category, judged from records spread evenly over the ids: it
 * only steers the plan, so an estimate does, and counting a category of 990,000 took 30–80 ms, more
 * than the window it was for.
 */
function categoryIsMostRecords(db: Db, category: string): boolean {
  // Two subqueries: min() and max() in one SELECT would scan every row instead of reading both ends.
  const { lo, hi } = db.prepare('SELECT (SELECT min(id) FROM records) AS lo, (SELECT max(id) FROM records) AS hi').get() as {
    lo: number | null;
    hi: number | null;
  };
  if (lo === null || hi === null) return false;
  const probe = db.prepare('SELECT category FROM records WHERE id >= ? ORDER BY id LIMIT 1').pluck();
  let hits = 0;
  for (let i = 0; i < CATEGORY_PROBES; i++) {
    if (probe.get(lo + Math.floor(((hi - lo) * i) / (CATEGORY_PROBES - 1))) === category) hits++;
  }
  return hits * 2 > CATEGORY_PROBES;
}

// Same meaning as the workspace counts: a check status counts only records not excluded.
function statusCondition(statuses: GridRecordStatus[], params: unknown[]): string {
  const checked = statuses.filter((s) => s !== 'excluded');
  const ors: string[] = [];
  if (statuses.includes('excluded')) ors.push('r.excluded = 1');
  if (checked.length === 1) {
    ors.push('(r.excluded = 0 AND r.status = ?)');
    params.push(checked[0]);
  } else if (checked.length > 1) {
    ors.push(`(r.excluded = 0 AND r.status IN (${checked.map(() => '?').join(', ')}))`);
    params.push(...checked);
  }
  return ors.length === 1 ? ors[0] : `(${ors.join(' OR ')})`;
}

function syncCondition(syncs: GridSyncStatus[], params: unknown[]): string {
  const named = syncs.filter((s) => s !== 'none');
  const ors: string[] = [];
  if (syncs.includes('none')) ors.push('r.sync_status IS NULL');
  if (named.length > 0) {
    ors.push(`r.sync_status IN (${named.map(() => '?').join(', ')})`);
    params.push(...named);
  }
  return ors.length === 1 ? ors[0] : `(${ors.join(' OR ')})`;
}

/**
 * Key or any current value contains the text (ASCII case-insensitive, as LIKE is). The raw JSON
 * is tested first, which is cheap; only rows that pass are opened with json_each so that field
 * names ("firstName") and JSON punctuation never count as matches.
 */
function searchCondition(search: string, params: unknown[]): string {
  const like = `%${escapeLike(search)}%`;
  const jsonLike = `%${escapeLike(JSON.stringify(search).slice(1, -1))}%`;
  params.push(like, jsonLike, like);
  return (
    "(r.key LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM record_values rv WHERE rv.record_id = r.id AND rv.values_json LIKE ? ESCAPE '\\' AND " +
    "EXISTS (SELECT 1 FROM json_each(rv.values_json) j WHERE j.type IN ('text', 'integer', 'real') AND j.value LIKE ? ESCAPE '\\')))"
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function asList<T extends string>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
