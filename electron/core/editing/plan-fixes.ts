import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { Category } from '../../../shared/domain';
import type { GridFilter } from '../../../shared/contract/records';
import { filterCondition } from '../records/filter-sql';
import { parseFix } from '../records/row-parts';
import { ChangePlan, parseCellJson } from './planned-change';

interface FixRow {
  record_id: number;
  fix_json: string;
  before_json: string | null;
}

// The current value of the field each fix targets, addressed from the fix itself.
const BEFORE = `r.values_json -> ('$."' || (i.fix_json ->> '$.field') || '"')`;

/** The automatic fix of one record's issue(s) of a rule. */
export function planRecordFix(db: Db, recordId: number, rule: string, field?: string): ChangePlan {
  const rows = db
    .prepare(
      `SELECT i.record_id, i.fix_json, ${BEFORE} AS before_json
         FROM record_issues i JOIN records r ON r.id = i.record_id
        WHERE i.record_id = ? AND i.rule = ? ${field ? 'AND i.field = ?' : ''} AND i.fix_json IS NOT NULL`,
    )
    .all(recordId, rule, ...(field ? [field] : [])) as FixRow[];
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
      `SELECT i.record_id, i.fix_json, ${BEFORE} AS before_json
         FROM record_issues i JOIN records r ON r.id = i.record_id
        WHERE ${parts.join(' AND ')} ORDER BY i.record_id`,
    )
    .all(...params) as FixRow[];
  return toPlan(rows);
}

function toPlan(rows: FixRow[]): ChangePlan {
  const plan = new ChangePlan(true);
  for (const row of rows) {
    const fix = parseFix(row.fix_json);
    if (!fix || fix.field.startsWith('$') || /["\\]/.test(fix.field)) {
      plan.skip('The stored fix cannot be applied');
      continue;
    }
    plan.add(row.record_id, fix.field, parseCellJson(row.before_json), fix.value);
  }
  return plan;
}
