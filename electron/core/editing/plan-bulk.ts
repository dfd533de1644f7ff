import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { CellValue } from '../../../shared/domain';
import { fieldSpec } from '../../../shared/rsc/fields';
import type { BulkAction, GridFilter } from '../../../shared/contract/records';
import { applyTransform, coerceCellInput, compileReplace, describeTransform, transformProblem } from '../../../shared/transforms';
import { isBlank } from '../../../shared/values/text';
import { ChangePlan } from './planned-change';
import type { SqlCondition } from '../records/filter-sql';
import { cellOf, valuesOf } from './row-snapshot';
import { readTargetRows, targetCondition, type TargetRow } from './targets';

/**
 * A bulk action compiled for one filter: which records it targets, what it reads of each, and
 * the cells it plans for one record's row. Compiled on each thread that plans (closures do not
 * cross threads); compiling checks the action and throws BAD_ACTION / BAD_FIELD.
 */
export interface CompiledBulk {
  /** The one field the action reads and writes; undefined: every field (find & replace). */
  field: string | undefined;
  /** A second cell read with each record (fills). */
  other?: { column: 'values_json' | 'source_json'; name: string };
  /** The records it acts on, among the filter's. */
  targets(db: Db): SqlCondition;
  /** Adds the record's planned cells to `plan`. */
  planRow(plan: ChangePlan, target: TargetRow): void;
}

export function compileBulk(filter: GridFilter, action: BulkAction): CompiledBulk {
  guardField(action.field);
  // An action on one field: `after` gives the cell's new value, LEAVE, or why it cannot change it.
  const one = (field: string, after: (cell: CellValue, target: TargetRow) => CellValue | typeof LEAVE | Skipped, other?: CompiledBulk['other']): CompiledBulk => ({
    field,
    other,
    targets: (db) => targetCondition(db, filter),
    planRow(plan, target) {
      const before = cellOf(valuesOf(target.row), field);
      plan.visited++;
      if (!isBlank(before)) plan.hadValue++;
      const value = after(before, target);
      if (value === LEAVE) return;
      if (typeof value === 'object' && value !== null) plan.skip(value.skipped);
      else plan.add(target.id, field, before, value, target.row);
    },
  });
  switch (action.kind) {
    case 'set': {
      const value = coerceCellInput(fieldSpec(filter.category, action.field), action.value);
      return one(action.field, (before) => (action.onlyEmpty && !isBlank(before) ? LEAVE : value));
    }
    case 'clear':
      return one(action.field, () => null);
    case 'transform': {
      const problem = transformProblem(action.transform);
      if (problem) throw new ContractFailure('BAD_ACTION', problem);
      const transform = action.transform;
      return one(action.field, (before) => {
        const outcome = applyTransform(transform, before);
        return outcome.ok ? outcome.value : { skipped: outcome.reason };
      });
    }
    case 'fill': {
      const other = { column: action.fromSource ? 'source_json' : 'values_json', name: action.from } as const;
      if (!action.fromSource) guardField(action.from);
      return one(
        action.field,
        (before, target) => {
          if (!action.overwrite && !isBlank(before)) return LEAVE;
          if (isBlank(target.other)) return LEAVE;
          return target.other;
        },
        other,
      );
    }
    case 'replace': {
      const compiled = compileReplace(action);
      if (!compiled.ok) throw new ContractFailure('BAD_ACTION', compiled.reason);
      const targets = (db: Db) => targetCondition(db, filter, action.onlyFailing, action.field);
      if (action.field) return { ...one(action.field, (before) => compiled.replace(before)), targets };
      return {
        field: undefined,
        targets,
        planRow(plan, target) {
          for (const [field, value] of Object.entries(valuesOf(target.row))) {
            if (/["\\]/.test(field)) continue;
            plan.add(target.id, field, value, compiled.replace(value as CellValue), target.row);
          }
        },
      };
    }
  }
}

/** A cell the action leaves as it is, without counting it as skipped. */
const LEAVE = Symbol('leave');
/** A cell the action cannot change, and why (counted as skipped). */
interface Skipped {
  skipped: string;
}

/**
 * The changes a bulk action makes over the records a filter selects. Nothing is written here:
 * the same plan is shown as a preview and then committed.
 */
export function planBulk(db: Db, filter: GridFilter, action: BulkAction): ChangePlan {
  const compiled = compileBulk(filter, action);
  const plan = new ChangePlan();
  for (const target of readTargetRows(db, compiled.targets(db), compiled)) compiled.planRow(plan, target);
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
      return `Set ${action.onlyEmpty ? 'empty ' : ''}${action.field} to ${action.value === null || action.value === '' ? 'empty' : JSON.stringify(action.value)}`;
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
