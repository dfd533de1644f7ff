import type { Database } from 'better-sqlite3';

const VALUE_COLUMNS = new Set(['original_json', 'values_json', 'source_json']);

/**
 * An insert of records as the app stores them: the given columns of `records`, and the JSON
 * columns (original_json, values_json, source_json) in `record_values`. Returns the new id.
 * `fixed` holds columns whose value is the same for every row.
 */
export function recordInserter(
  db: Database,
  columns: readonly string[],
  fixed: Record<string, unknown> = {},
): (...values: unknown[]) => number {
  const all = [...columns, ...Object.keys(fixed)];
  const narrow = all.filter((c) => !VALUE_COLUMNS.has(c));
  const wide = all.filter((c) => VALUE_COLUMNS.has(c));
  if (!wide.includes('values_json')) throw new Error('a record needs values_json');
  const insertRecord = db.prepare(`INSERT INTO records (${narrow.join(', ')}) VALUES (${narrow.map(() => '?').join(', ')})`);
  const insertValues = db.prepare(
    `INSERT INTO record_values (record_id, ${wide.join(', ')}) VALUES (?, ${wide.map(() => '?').join(', ')})`,
  );
  return (...values: unknown[]) => {
    if (values.length !== columns.length) throw new Error(`expected ${columns.length} values, got ${values.length}`);
    const row = new Map<string, unknown>(Object.entries(fixed));
    columns.forEach((c, i) => row.set(c, values[i]));
    const id = Number(insertRecord.run(...narrow.map((c) => row.get(c))).lastInsertRowid);
    const json = wide.map((c) => row.get(c));
    // original_json defaults to the values, as an import stores them.
    if (!wide.includes('original_json')) throw new Error('a record needs original_json');
    insertValues.run(id, ...json);
    return id;
  };
}
