import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import { fieldsOf, type FieldSpec } from '../../../shared/rsc/fields';
import type { RecordScope } from './record-scope';

export interface FieldColumn {
  field: string;
  /** Undefined for a value that is not an RSC field of the category (kept from the source). */
  spec?: FieldSpec;
  isDate: boolean;
}

/**
 * The RSC fields of a category in table order, then any other keys the records' current values
 * carry, in the order they first appear: every value a record has gets a column.
 */
export function fieldColumns(db: Db, category: Category, scope: RecordScope): FieldColumn[] {
  const specs = fieldsOf(category);
  const known = new Set(specs.map((s) => s.name));
  const extras = db
    .prepare(
      `SELECT j.key AS field, min(r.id) AS first
         FROM records r, json_each(r.values_json) j
        WHERE r.category = ? AND (${scope.sql})
        GROUP BY j.key ORDER BY first`,
    )
    .all(category, ...scope.params) as { field: string }[];
  return [
    ...specs.map((spec) => ({ field: spec.name, spec, isDate: spec.type === 'epochMs' })),
    ...extras.filter((e) => !known.has(e.field)).map((e) => ({ field: e.field, isDate: false })),
  ];
}
