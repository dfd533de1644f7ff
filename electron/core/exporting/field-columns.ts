import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import { fieldsOf, type FieldSpec } from '../../../shared/rsc/fields';

export interface FieldColumn {
  field: string;
  /** Undefined for a mapped field that is not part of the RSC table. */
  spec?: FieldSpec;
  isDate: boolean;
}

/**
 * The RSC fields of a category in table order, then any other field a source sheet maps a
 * column to. records.values_json is keyed by these (unmapped columns live in source_json), so
 * no scan of the records is needed to know the columns.
 */
export function fieldColumns(db: Db, category: Category): FieldColumn[] {
  const specs = fieldsOf(category);
  const columns: FieldColumn[] = specs.map((spec) => ({ field: spec.name, spec, isDate: spec.type === 'epochMs' }));
  const known = new Set(specs.map((s) => s.name));
  const mappings = db.prepare('SELECT mapping_json FROM source_sheets WHERE category = ? ORDER BY id').all(category) as {
    mapping_json: string;
  }[];
  for (const { mapping_json } of mappings) {
    let mapping: unknown;
    try {
      mapping = JSON.parse(mapping_json);
    } catch {
      continue;
    }
    if (!mapping || typeof mapping !== 'object') continue;
    for (const field of Object.values(mapping as Record<string, unknown>)) {
      if (typeof field !== 'string' || field === '' || known.has(field)) continue;
      known.add(field);
      columns.push({ field, isDate: false });
    }
  }
  return columns;
}
