import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import { fieldsOf } from '../../../shared/rsc/fields';
import type { ColumnInfo, GridColumns } from '../../../shared/contract/records';
import { unmappedOf } from './row-parts';

/** Fields outside the pack are found by looking at the first records; a column nobody filled needs no place. */
const SAMPLE = 500;

/** The grid's columns: the category's RSC fields, other fields found in the values, and unmapped source columns. */
export function gridColumns(db: Db, category: Category): GridColumns {
  const spec = fieldsOf(category);
  const fields: ColumnInfo[] = spec.map((f) => ({
    name: f.name,
    inSpec: true,
    type: f.type,
    requirement: f.requirement,
    format: f.format,
    description: f.description,
    maxLength: f.maxLength ?? null,
    key: f.key ?? false,
  }));
  const known = new Set(spec.map((f) => f.name));
  const seen = db
    .prepare(
      `SELECT DISTINCT j.key FROM (SELECT values_json FROM records_wide WHERE category = ? ORDER BY id LIMIT ${SAMPLE}) r,
              json_each(r.values_json) j`,
    )
    .pluck()
    .all(category) as string[];
  for (const name of seen) {
    if (known.has(name)) continue;
    known.add(name);
    fields.push({ name, inSpec: false, type: null, requirement: null, format: null, description: null, maxLength: null, key: false });
  }
  const sheets = db
    .prepare('SELECT headers_json, mapping_json FROM source_sheets WHERE category = ? ORDER BY id')
    .all(category) as { headers_json: string; mapping_json: string }[];
  const extras: string[] = [];
  for (const s of sheets) for (const h of unmappedOf(s.headers_json, s.mapping_json)) if (!extras.includes(h)) extras.push(h);
  return { category, fields, extras };
}
