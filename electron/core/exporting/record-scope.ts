import { CATEGORIES, type Category } from '../../../shared/domain';
import type { GridFilter } from '../../../shared/contract/records';
import type { Db } from '../db/connection';
import { asList, filterCondition } from '../records/filter-sql';

/**
 * Which records an export covers: everything, or one category's filtered view of the grid,
 * selected by the grid's own filter SQL, so the export holds exactly the rows the grid shows.
 * `sql` is a condition on the `records` table aliased `r`; values only travel as parameters.
 */
export interface RecordScope {
  categories: Category[];
  filtered: boolean;
  sql: string;
  params: unknown[];
  /** The filter in words, for the Summary sheet. */
  description: string;
}

export function recordScope(db: Db, filter?: GridFilter): RecordScope {
  if (!filter) return { categories: [...CATEGORIES], filtered: false, sql: '1', params: [], description: 'All records' };
  const { sql, params } = filterCondition(db, filter);
  return { categories: [filter.category], filtered: true, sql, params, description: describeFilter(filter) };
}

function describeFilter(filter: GridFilter): string {
  const words: string[] = [`category ${filter.category}`];
  const statuses = asList(filter.status);
  if (statuses.length > 0) words.push(`status ${statuses.join(' or ')}`);
  const syncs = asList(filter.syncStatus);
  if (syncs.length > 0) words.push(`sync ${syncs.join(' or ')}`);
  if (filter.rule) words.push(`rule ${filter.rule}`);
  if (filter.field) words.push(`issue on ${filter.field}`);
  if (filter.value) words.push(`${filter.value.field} = ${filter.value.value === null ? '(empty)' : String(filter.value.value)}`);
  const search = filter.search?.trim();
  if (search) words.push(`containing "${search}"`);
  if (filter.recordIds) words.push(`${filter.recordIds.length.toLocaleString('en-US')} chosen records`);
  return `Filtered view: ${words.join(', ')}`;
}
