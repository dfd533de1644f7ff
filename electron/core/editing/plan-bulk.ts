import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { CellValue, FieldValues } from '../../../shared/domain';
import { fieldSpec } from '../../../shared/rsc/fields';
import type { BulkAction, GridFilter } from '../../../shared/contract/records';
import { applyTransform, coerceCellInput, compileReplace, describeTransform, transformProblem } from '../../../shared/transforms';
import { isBlank } from '../../../shared/values/text';
import { ChangePlan } from './planned-change';
import { SNAPSHOT_PARAMS, snapshotAt, snapshotColumns, valuesOf } from './row-snapshot';
import { readTargetCells, targetCondition } from './targets';

/**
 * The changes a bulk action makes over the records a filter selects. Nothing is written here:
 * the same plan is shown as a preview and then committed.
 */
export function planBulk(db: Db, filter: GridFilter, action: BulkAction): ChangePlan {
  const plan = new ChangePlan();
  guardField(action.field);
  switch (action.kind) {
    case 'set': {
      const value = coerceCellInput(fieldSpec(filter.category, action.field), action.value);
      for (const cell of readTargetCells(db, targetCondition(db, filter), action.field)) plan.add(cell.id, action.field, cell.value, value, cell.row);
      return plan;
    }
    case 'clear':
      for (const cell of readTargetCells(db, targetCondition(db, filter), action.field)) plan.add(cell.id, action.field, cell.value, null, cell.row);
      return plan;
    case 'transform': {
      const problem = transformProblem(action.transform);
      if (problem) throw new ContractFailure('BAD_ACTION', problem);
      for (const cell of readTargetCells(db, targetCondition(db, filter), action.field)) {
        const outcome = applyTransform(action.transform, cell.value);
        if (outcome.ok) plan.add(cell.id, action.field, cell.value, outcome.value, cell.row);
        else plan.skip(outcome.reason);
      }
      return plan;
    }
    case 'fill': {
      const other = { column: action.fromSource ? 'source_json' : 'values_json', name: action.from } as const;
      if (!action.fromSource) guardField(action.from);
      for (const cell of readTargetCells(db, targetCondition(db, filter), action.field, other)) {
        if (!action.overwrite && !isBlank(cell.value)) continue;
        if (isBlank(cell.other)) continue;
        plan.add(cell.id, action.field, cell.value, cell.other, cell.row);
      }
      return plan;
    }
    case 'replace':
      return planReplace(db, filter, action, plan);
  }
}

function planReplace(db: Db, filter: GridFilter, action: Extract<BulkAction, { kind: 'replace' }>, plan: ChangePlan): ChangePlan {
  const compiled = compileReplace(action);
  if (!compiled.ok) throw new ContractFailure('BAD_ACTION', compiled.reason);
  const where = targetCondition(db, filter, action.onlyFailing, action.field);
  if (action.field) {
    for (const cell of readTargetCells(db, where, action.field)) plan.add(cell.id, action.field, cell.value, compiled.replace(cell.value), cell.row);
    return plan;
  }
  // Every field: the whole values object of each target is needed.
  const rows = db
    .prepare(`SELECT r.id, ${snapshotColumns('r')} FROM records_wide r WHERE ${where.sql} ORDER BY r.id`)
    .raw()
    .all(...SNAPSHOT_PARAMS, ...where.params) as unknown[][];
  for (const r of rows) {
    const row = snapshotAt(r, 1);
    const values: FieldValues = valuesOf(row);
    for (const [field, value] of Object.entries(values)) {
      if (/["\\]/.test(field)) continue;
      plan.add(r[0] as number, field, value, compiled.replace(value as CellValue), row);
    }
  }
  return plan;
}

function guardField(field: string | undefined): void {
  if (field?.startsWith('$')) {
    throw new ContractFailure('BAD_FIELD', `"${field}" is not a field: exclude and include records with their own commands.`);
  }
}

/** The history panel's line for a bulk action. */
export function describeBulk(action: BulkAction): string {
  switch (action.kind) {
    case 'set':
      return `Set ${action.field} to ${JSON.stringify(action.value)}`;
    case 'clear':
      return `Cleared ${action.field}`;
    case 'transform':
      return `${describeTransform(action.transform)} in ${action.field}`;
    case 'fill':
      return `Filled ${action.overwrite ? '' : 'empty '}${action.field} from ${action.fromSource ? 'source column ' : ''}"${action.from}"`;
    case 'replace':
      return (
        `Replaced ${action.regex ? '/' + action.find + '/' : JSON.stringify(action.find)} with ${JSON.stringify(action.replace)}` +
        ` in ${action.field ?? 'every field'}${action.onlyFailing ? ' (failing records only)' : ''}`
      );
  }
}
