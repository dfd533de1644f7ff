import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/connection';
import type { CellValue, Category, FieldValues } from '../../../../shared/domain';
import type { ImportConflict } from '../../../../shared/contract/import';
import type { BuiltRecord } from './record-builder';
import type { InsertChecker } from '../../compliance';

export type UpsertOutcome = 'added' | 'updated' | 'unchanged';

export interface UpsertResult {
  outcome: UpsertOutcome;
  conflicts: ImportConflict[];
  keptEdits: number;
}

interface ExistingRow {
  id: number;
  original_json: string;
  values_json: string;
  source_json: string;
  missing_from_source: number;
}

/**
 * Writes records of one category, matching existing ones by key. For a record already in the
 * workspace, per field: an unchanged source value keeps the consultant's edit (values differ
 * from original); a changed source value replaces the field, and when the consultant had
 * edited it too the change is listed as a conflict. Synchronous: runs inside the import's
 * transaction.
 */
export class RecordUpsert {
  private readonly select: Statement<[string, string], ExistingRow>;
  private readonly insert: Statement<[string, string, number, number]>;
  private readonly update: Statement<[number, number, number]>;
  private readonly insertValues: Statement<[number, string]>;
  private readonly updateValues: Statement<[string, number]>;
  private readonly insertSources: Statement<[number, string, string]>;
  private readonly updateSources: Statement<[string, string, number]>;
  private readonly insertChecked: Statement<unknown[]>;
  private readonly updateChecked: Statement<unknown[]>;
  private readonly deleteIssues: Statement<[number]>;
  private readonly unflag: Statement<[number]>;
  private readonly empty: boolean;

  /**
   * With a `checker`, each record written is checked as it is written and its row stored once
   * with its own rules' result (cross-record rules are the caller's to settle afterwards);
   * without one, written records are left 'unchecked' for a full check.
   */
  constructor(
    db: Db,
    private readonly category: Category,
    private readonly checker?: InsertChecker,
  ) {
    this.select = db.prepare(
      'SELECT id, original_json, values_json, source_json, missing_from_source FROM records_wide WHERE category = ? AND key = ?',
    );
    this.insert = db.prepare('INSERT INTO records (category, key, sheet_id, source_row) VALUES (?, ?, ?, ?)');
    this.update = db.prepare(
      `UPDATE records SET sheet_id = ?, source_row = ?, missing_from_source = 0, status = 'unchecked', checked_at = NULL, check_hash = NULL
       WHERE id = ?`,
    );
    const resultColumns = 'status, error_count, warning_count, info_count, pack_version, checked_at, check_hash, check_key, check_parent, check_candidate';
    this.insertChecked = db.prepare(
      `INSERT INTO records (category, key, sheet_id, source_row, ${resultColumns})
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateChecked = db.prepare(
      `UPDATE records SET sheet_id = ?, source_row = ?, missing_from_source = 0,
         ${resultColumns.split(', ').map((c) => `${c} = ?`).join(', ')}
       WHERE id = ?`,
    );
    this.insertValues = db.prepare('INSERT INTO record_values (record_id, values_json) VALUES (?, ?)');
    this.updateValues = db.prepare('UPDATE record_values SET values_json = ? WHERE record_id = ?');
    this.insertSources = db.prepare('INSERT INTO record_sources (record_id, original_json, source_json) VALUES (?, ?, ?)');
    this.updateSources = db.prepare('UPDATE record_sources SET original_json = ?, source_json = ? WHERE record_id = ?');
    this.deleteIssues = db.prepare('DELETE FROM record_issues WHERE record_id = ?');
    this.unflag = db.prepare('UPDATE records SET missing_from_source = 0 WHERE id = ?');
    this.empty = db.prepare('SELECT 1 FROM records WHERE category = ? LIMIT 1').get(category) === undefined;
  }

  upsert(record: BuiltRecord, sheetId: number): UpsertResult {
    // Into an empty category (a first import) every record is new: no lookup needed.
    const existing = this.empty ? undefined : this.select.get(this.category, record.key);
    const originalJson = JSON.stringify(record.values);
    const sourceJson = record.sourceJson;
    if (!existing) {
      if (this.checker) {
        const { columns: c, issues } = this.checker.check(this.category, record.values, sheetId);
        const id = Number(
          this.insertChecked.run(
            this.category, record.key, sheetId, record.row,
            c.status, c.error_count, c.warning_count, c.info_count, c.pack_version, c.checked_at, c.check_hash,
            c.check_key, c.check_parent, c.check_candidate,
          ).lastInsertRowid,
        );
        this.insertValues.run(id, originalJson);
        this.insertSources.run(id, originalJson, sourceJson);
        this.checker.storeIssues(id, this.category, issues);
      } else {
        const id = Number(this.insert.run(this.category, record.key, sheetId, record.row).lastInsertRowid);
        this.insertValues.run(id, originalJson);
        this.insertSources.run(id, originalJson, sourceJson);
      }
      return { outcome: 'added', conflicts: [], keptEdits: 0 };
    }
    const original = existing.original_json === originalJson ? record.values : (JSON.parse(existing.original_json) as FieldValues);
    if (
      (existing.original_json === originalJson || sameMapped(original, record.values)) &&
      (existing.source_json === sourceJson || sameValues(JSON.parse(existing.source_json) as FieldValues, JSON.parse(sourceJson) as FieldValues))
    ) {
      if (existing.missing_from_source) this.unflag.run(existing.id);
      return { outcome: 'unchanged', conflicts: [], keptEdits: countEdits(existing) };
    }
    const merged = mergeValues(record.key, original, JSON.parse(existing.values_json) as FieldValues, record.values);
    // Fields this export does not map keep their earlier source value, so an edit of them is still seen as one.
    const nextOriginal = existing.original_json === originalJson ? originalJson : JSON.stringify({ ...original, ...record.values });
    const valuesJson = JSON.stringify(merged.values);
    if (this.checker) {
      const { columns: c, issues } = this.checker.check(this.category, merged.values, sheetId);
      this.updateChecked.run(
        sheetId, record.row,
        c.status, c.error_count, c.warning_count, c.info_count, c.pack_version, c.checked_at, c.check_hash,
        c.check_key, c.check_parent, c.check_candidate, existing.id,
      );
      this.deleteIssues.run(existing.id);
      this.checker.storeIssues(existing.id, this.category, issues);
    } else {
      this.update.run(sheetId, record.row, existing.id);
    }
    if (valuesJson !== existing.values_json) this.updateValues.run(valuesJson, existing.id);
    this.updateSources.run(nextOriginal, sourceJson, existing.id);
    return { outcome: 'updated', conflicts: merged.conflicts, keptEdits: merged.keptEdits };
  }
}

/** Blank means the same thing whether null, missing or whitespace. */
function same(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const ba = a === null || a === undefined || (typeof a === 'string' && a.trim() === '');
  const bb = b === null || b === undefined || (typeof b === 'string' && b.trim() === '');
  if (ba || bb) return ba && bb;
  return a === b;
}

/** Same fields with the same values, whatever their order (a re-export may order columns differently). */
function sameValues(a: FieldValues, b: FieldValues): boolean {
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) if (!same(a[field], b[field])) return false;
  return true;
}

/** The fields the new export maps hold what the record was imported with. */
function sameMapped(original: FieldValues, incoming: FieldValues): boolean {
  for (const field of Object.keys(incoming)) if (!same(original[field], incoming[field])) return false;
  return true;
}

/**
 * Per field: a source value that did not change keeps the consultant's edit; a changed one
 * replaces it (a conflict when the consultant had edited it to something else). A field the new
 * export does not map at all (its column is gone) is not a change: the export's layout changed,
 * not the customer's data.
 */
export function mergeValues(
  key: string,
  original: FieldValues,
  current: FieldValues,
  incoming: FieldValues,
): { values: FieldValues; conflicts: ImportConflict[]; keptEdits: number } {
  const values: FieldValues = {};
  const conflicts: ImportConflict[] = [];
  let keptEdits = 0;
  const fields = new Set([...Object.keys(incoming), ...Object.keys(current), ...Object.keys(original)]);
  for (const field of fields) {
    const sourceChanged = field in incoming && !same(original[field], incoming[field]);
    const edited = !same(current[field], original[field]);
    let value: CellValue | undefined;
    if (!sourceChanged) {
      value = field in current ? current[field] : field in incoming ? incoming[field] : original[field];
      if (edited) keptEdits++;
    } else {
      value = incoming[field];
      if (edited && !same(current[field], incoming[field])) {
        conflicts.push({
          key,
          field,
          edited: current[field] ?? null,
          previousSource: original[field] ?? null,
          newSource: incoming[field] ?? null,
        });
      }
    }
    if (value !== undefined) values[field] = value;
  }
  return { values, conflicts, keptEdits };
}

function countEdits(row: ExistingRow): number {
  if (row.values_json === row.original_json) return 0;
  const original = JSON.parse(row.original_json) as FieldValues;
  const current = JSON.parse(row.values_json) as FieldValues;
  let n = 0;
  for (const field of new Set([...Object.keys(original), ...Object.keys(current)])) if (!same(original[field], current[field])) n++;
  return n;
}
