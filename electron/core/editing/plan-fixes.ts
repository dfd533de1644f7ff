import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { Category } from '../../../shared/domain';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition } from '../records/filter-sql';
import { parseFix } from '../records/row-parts';
import { ChangePlan } from './planned-change';
import { SNAPSHOT_PARAMS, cellOf, snapshotAt, snapshotColumns, valuesOf, type RowSnapshot } from './row-snapshot';

type FixRow = [recordId: number, fixJson: string, ...snapshot: unknown[]];

/** The automatic fix of one record's issue(s) of a rule. */
export function planRecordFix(db: Db, recordId: number, rule: string, field?: string): ChangePlan {
  const rows = db
    .prepare(
      `SELECT i.record_id, i.fix_json, ${snapshotColumns('r')}
         FROM record_issues i JOIN records_wide r ON r.id = i.record_id
        WHERE i.record_id = ? AND i.rule = ? ${field ? 'AND i.field = ?' : ''} AND i.fix_json IS NOT NULL`,
    )
    .raw()
    .all(...SNAPSHOT_PARAMS, recordId, rule, ...(field ? [field] : [])) as FixRow[];
  if (rows.length === 0) {
    throw new ContractFailure('NO_FIX', `Record #${recordId} has no issue "${rule}"${field ? ` on ${field}` : ''} with an automatic fix.`);
  }
  return toPlan(rows);
}

/** What "fix all like this" fixes: every fixable issue of the rule, in a category (or all), optionally on a field and within a view. */
export interface FixAllSpec {
  rule: string;
  category?: Category;
  field?: string;
  filter?: GridFilter;
}

/** "Fix all like this" (FixAllSpec). `ids`: only these records (a chunk of them, see bulk-chunk.ts). */
export function planFixAll(db: Db, spec: FixAllSpec, ids?: readonly number[]): ChangePlan {
  const where = fixAllCondition(db, spec);
  if (ids) {
    where.sql += ' AND i.record_id IN (SELECT value FROM json_each(?))';
    where.params.push(JSON.stringify(ids));
  }
  const rows = db
    .prepare(
      `SELECT i.record_id, i.fix_json, ${snapshotColumns('r')}
         FROM record_issues i JOIN records_wide r ON r.id = i.record_id
        WHERE ${where.sql} ORDER BY i.record_id`,
    )
    .raw()
    .all(...SNAPSHOT_PARAMS, ...where.params) as FixRow[];
  return toPlan(rows);
}

/** The records "fix all like this" changes, in id order. */
export function fixAllTargets(db: Db, spec: FixAllSpec): number[] {
  const where = fixAllCondition(db, spec);
  return db
    .prepare(`SELECT DISTINCT i.record_id FROM record_issues i JOIN records r ON r.id = i.record_id WHERE ${where.sql} ORDER BY i.record_id`)
    .pluck()
    .all(...where.params) as number[];
}

/** The issue rows (`i`, joined to their record `r`) of a FixAllSpec. */
function fixAllCondition(db: Db, options: FixAllSpec): { sql: string; params: unknown[] } {
  const rule = options.rule;
  const parts = ['i.rule = ?', 'i.fix_json IS NOT NULL'];
  const params: unknown[] = [rule];
  const category = options.filter?.category ?? options.category;
  if (category) {
    parts.unshift('i.category = ?');
    params.unshift(category);
  }
  if (options.field) {
    parts.push('i.field = ?');
    params.push(options.field);
  }
  if (options.filter) {
    const where = filterCondition(db, options.filter);
    parts.push(where.sql);
    params.push(...where.params);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * The plan of the fixes in `rows`. A fix's current value comes from the record's values parsed
 * here, not from SQL: the writer parses them anyway, and SQLite's JSON path per issue row cost
 * a tenth of planning a fix of 100,000 records. A record's rows share its first snapshot.
 */
function toPlan(rows: FixRow[]): ChangePlan {
  const plan = new ChangePlan(true);
  let last: RowSnapshot | null = null;
  let lastId = -1;
  for (const row of rows) {
    const fix = parseFix(row[1]);
    if (!fix || fix.field.startsWith('$') || /["\\]/.test(fix.field)) {
      plan.skip('The stored fix cannot be applied');
      continue;
    }
    const id = row[0];
    if (id !== lastId || !last) {
      last = snapshotAt(row, 2);
      lastId = id;
    }
    plan.add(id, fix.field, cellOf(valuesOf(last), fix.field), fix.value, last);
  }
  return plan;
}
