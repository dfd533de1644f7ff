import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { Category } from '../../../shared/domain';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition } from '../records/filter-sql';
import { parseFix } from '../records/row-parts';
import { ChangePlan, parseCellJson } from './planned-change';
import { SNAPSHOT_PARAMS, snapshotAt, snapshotColumns } from './row-snapshot';

type FixRow = [recordId: number, fixJson: string, beforeJson: string | null, ...snapshot: unknown[]];

// The current value of the field each fix targets, addressed from the fix itself.
const BEFORE = `r.values_json -> ('$."' || (i.fix_json ->> '$.field') || '"')`;

/** The automatic fix of one record's issue(s) of a rule. */
export function planRecordFix(db: Db, recordId: number, rule: string, field?: string): ChangePlan {
  const rows = db
    .prepare(
      `SELECT i.record_id, i.fix_json, ${BEFORE}, ${snapshotColumns('r')}
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

/** "Fix all like this": every fixable issue of the rule, in a category (or all), optionally within a view. */
export function planFixAll(db: Db, rule: string, options: { category?: Category; field?: string; filter?: GridFilter }): ChangePlan {
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
  const rows = db
    .prepare(
      `SELECT i.record_id, i.fix_json, ${BEFORE}, ${snapshotColumns('r')}
         FROM record_issues i JOIN records_wide r ON r.id = i.record_id
        WHERE ${parts.join(' AND ')} ORDER BY i.record_id`,
    )
    .raw()
    .all(...SNAPSHOT_PARAMS, ...params) as FixRow[];
  return toPlan(rows);
}

function toPlan(rows: FixRow[]): ChangePlan {
  const plan = new ChangePlan(true);
  for (const row of rows) {
    const fix = parseFix(row[1]);
    if (!fix || fix.field.startsWith('$') || /["\\]/.test(fix.field)) {
      plan.skip('The stored fix cannot be applied');
      continue;
    }
    plan.add(row[0], fix.field, parseCellJson(row[2]), fix.value, snapshotAt(row, 3));
  }
  return plan;
}
