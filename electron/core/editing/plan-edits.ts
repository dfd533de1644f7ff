import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import { isCategory } from '../../../shared/domain';
import { fieldSpec } from '../../../shared/rsc/fields';
import type { CellChange } from '../../../shared/contract/records';
import { coerceCellInput } from '../../../shared/transforms';
import { parseValues } from '../records/row-parts';
import { ChangePlan } from './planned-change';

/** Cells typed or pasted by the consultant. Unknown records are refused whole, before anything changes. */
export function planCellEdits(db: Db, changes: readonly CellChange[]): ChangePlan {
  const ids = [...new Set(changes.map((c) => c.recordId))];
  const rows = db
    .prepare('SELECT id, category, values_json FROM records_wide WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(ids)) as { id: number; category: string; values_json: string }[];
  const byId = new Map(rows.map((r) => [r.id, { category: r.category, values: parseValues(r.values_json) }]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new ContractFailure('NOT_FOUND', `Record${missing.length > 1 ? 's' : ''} #${missing.slice(0, 5).join(', #')} no longer exist${missing.length > 1 ? '' : 's'}.`);
  }
  const plan = new ChangePlan(true);
  for (const c of changes) {
    if (c.field.startsWith('$')) {
      throw new ContractFailure('BAD_FIELD', `"${c.field}" is not a field: exclude and include records with their own commands.`);
    }
    const record = byId.get(c.recordId)!;
    const spec = isCategory(record.category) ? fieldSpec(record.category, c.field) : undefined;
    plan.add(c.recordId, c.field, record.values[c.field] ?? null, coerceCellInput(spec, c.value));
  }
  return plan;
}
