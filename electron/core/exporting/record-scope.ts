import { CATEGORIES, type Category } from '../../../shared/domain';
import type { ExportFilter, ExportRecordStatus, ExportSyncStatus } from '../../../shared/contract/export';

/**
 * Which records an export covers: everything, or one category's filtered view. `sql` is a
 * condition on the `records` table aliased `r`; values only ever travel as parameters.
 */
export interface RecordScope {
  categories: Category[];
  filtered: boolean;
  sql: string;
  params: unknown[];
  /** The filter in words, for the Summary sheet. */
  description: string;
}

export function recordScope(filter?: ExportFilter): RecordScope {
  if (!filter) return { categories: [...CATEGORIES], filtered: false, sql: '1', params: [], description: 'All records' };
  const parts: string[] = ['r.category = ?'];
  const params: unknown[] = [filter.category];
  const words: string[] = [`category ${filter.category}`];

  const statuses = asList(filter.status);
  if (statuses.length > 0) {
    parts.push(`(${statuses.map(statusCondition).join(' OR ')})`);
    params.push(...statuses.filter((s) => s !== 'excluded'));
    words.push(`status ${statuses.join(' or ')}`);
  }
  const syncStatuses = asList(filter.syncStatus);
  if (syncStatuses.length > 0) {
    parts.push(`(${syncStatuses.map((s) => (s === 'none' ? 'r.sync_status IS NULL' : 'r.sync_status = ?')).join(' OR ')})`);
    params.push(...syncStatuses.filter((s) => s !== 'none'));
    words.push(`sync ${syncStatuses.join(' or ')}`);
  }
  if (filter.rule) {
    parts.push('EXISTS (SELECT 1 FROM record_issues i WHERE i.record_id = r.id AND i.rule = ?)');
    params.push(filter.rule);
    words.push(`rule ${filter.rule}`);
  }
  if (filter.field) {
    parts.push('EXISTS (SELECT 1 FROM record_issues i WHERE i.record_id = r.id AND i.field = ?)');
    params.push(filter.field);
    words.push(`issue on ${filter.field}`);
  }
  const search = filter.search?.trim();
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      "(r.key LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM json_each(r.values_json) j WHERE CAST(j.value AS TEXT) LIKE ? ESCAPE '\\'))",
    );
    params.push(like, like);
    words.push(`containing "${search}"`);
  }
  if (filter.recordIds) {
    parts.push('r.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.recordIds));
    words.push(`${filter.recordIds.length} chosen records`);
  }
  return {
    categories: [filter.category],
    filtered: true,
    sql: parts.join(' AND '),
    params,
    description: `Filtered view: ${words.join(', ')}`,
  };
}

// Same meaning as the workspace counts: a check status counts only records not excluded.
function statusCondition(status: ExportRecordStatus): string {
  return status === 'excluded' ? 'r.excluded = 1' : '(r.status = ? AND r.excluded = 0)';
}

function asList<T extends ExportRecordStatus | ExportSyncStatus>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
