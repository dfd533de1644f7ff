import type { Database } from 'better-sqlite3';

const TABLE_OF: Record<string, 'record_values' | 'record_sources'> = {
  values_json: 'record_values',
  original_json: 'record_sources',
  source_json: 'record_sources',
};

/**
 * An insert of records as the app stores them: the given columns of `records`, values_json in
 * `record_values`, original_json and source_json in `record_sources`. Returns the new id.
 * `fixed` holds columns whose value is the same for every row.
 */
export function recordInserter(
  db: Database,
  columns: readonly string[],
  fixed: Record<string, unknown> = {},
): (...values: unknown[]) => number {
  const all = [...columns, ...Object.keys(fixed)];
  for (const needed of ['values_json', 'original_json']) if (!all.includes(needed)) throw new Error(`a record needs ${needed}`);
  const narrow = all.filter((c) => !(c in TABLE_OF));
  const inTable = (table: string) => all.filter((c) => TABLE_OF[c] === table);
  const insertRecord = db.prepare(`INSERT INTO records (${narrow.join(', ')}) VALUES (${narrow.map(() => '?').join(', ')})`);
  const inserts = (['record_values', 'record_sources'] as const).map((table) => {
    const cols = inTable(table);
    return { cols, stmt: db.prepare(`INSERT INTO ${table} (record_id, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')})`) };
  });
  return (...values: unknown[]) => {
    if (values.length !== columns.length) throw new Error(`expected ${columns.length} values, got ${values.length}`);
    const row = new Map<string, unknown>(Object.entries(fixed));
    columns.forEach((c, i) => row.set(c, values[i]));
    const id = Number(insertRecord.run(...narrow.map((c) => row.get(c))).lastInsertRowid);
    for (const { cols, stmt } of inserts) stmt.run(id, ...cols.map((c) => row.get(c)));
    return id;
  };
}
