import type { Db } from '../../db/connection';
import type { Category } from '../../../../shared/domain';
import type { ImportIssue, SheetImportSummary } from '../../../../shared/contract/import';
import { InsertChecker, settleCrossRecord, storedResultsCurrent } from '../../compliance';
import type { ParsedFile } from '../reading/read-file';
import { cellName } from '../reading/parsed-sheet';
import type { SheetTable } from '../reading/sheet-table';
import type { SheetImportPlan } from '../import-plan';
import { RecordBuilder } from './record-builder';
import { RecordUpsert } from './record-upsert';

const WRITE_BATCH = 5_000;

/**
 * Each key an import wrote, to the sheet and row it was first written from: sheet ordinal × SHEET_PLACE + row.
 * One map, not a set of keys and a map of rows: for a million records that is ~50 MB less.
 */
type KeyPlaces = Map<string, number>;
const SHEET_PLACE = 2 ** 32;
const MAX_LISTED = 1_000;

export interface ImportWriteOptions {
  timeZone: string;
  /** False: store without checking (the caller checks, or tests want raw rows). */
  check: boolean;
  /** After each batch of stored rows (cancel, progress); `rows` in that batch. */
  afterBatch(sheet: string, rows: number): void;
}

/**
 * An import's writes, all inside one transaction the caller holds: the file's row, each sheet's
 * records (checked as they are written), the records a file no longer has, and the cross-record
 * rules settled at the end. Sheets may be written all at once (a file read whole) or a few rows
 * at a time as they are read (SheetWrite.writeUpTo).
 */
export class ImportWrite {
  private readonly hadRecords: boolean;
  private readonly checker: InsertChecker | undefined;
  private readonly fileId: number;
  /** Per category, each key written: where first (see KeyPlaces). */
  private readonly seen = new Map<Category, KeyPlaces>();
  readonly summaries: SheetImportSummary[] = [];

  constructor(
    private readonly db: Db,
    file: Pick<ParsedFile, 'path' | 'name' | 'size'>,
    private readonly options: ImportWriteOptions,
  ) {
    this.hadRecords = db.prepare('SELECT 1 FROM records LIMIT 1').get() !== undefined;
    // Same time zone, formats and clock as a full check would use (CheckContexts).
    this.checker = options.check ? new InsertChecker(db) : undefined;
    // What is known of the file once it is read (its hash, its size) is filled in by end().
    this.fileId = Number(
      db
        .prepare('INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES (?, ?, ?, ?, ?)')
        .run(file.path, file.name, '', file.size, Date.now()).lastInsertRowid,
    );
  }

  /** Starts writing a sheet; its rows are written by the returned SheetWrite. */
  sheet(plan: SheetImportPlan, text: ParsedFile['text']): SheetWrite {
    const keys = this.seen.get(plan.category) ?? new Map<string, number>();
    this.seen.set(plan.category, keys);
    const write = new SheetWrite(this.db, this.fileId, this.summaries.length, plan, text, keys, this.options.timeZone, this.checker, (n) =>
      this.options.afterBatch(plan.table.sheet.name, n),
    );
    this.summaries.push(write.summary);
    return write;
  }

  /**
   * Flags the records each category's sheets did not have and settles the cross-record rules.
   * `settled` false: stored results of other records cannot be trusted, so a full check must follow.
   */
  end(file: Pick<ParsedFile, 'path' | 'name' | 'size'>, sha256: string, beforeSettling: () => void): { summaries: SheetImportSummary[]; settled: boolean } {
    this.db.prepare('UPDATE source_files SET path = ?, name = ?, size = ?, sha256 = ? WHERE id = ?').run(file.path, file.name, file.size, sha256, this.fileId);
    for (const [category, keys] of this.seen) {
      const last = [...this.summaries].reverse().find((s) => s.category === category)!;
      last.missing = flagMissing(this.db, category, keys);
    }
    // Settling holds every record's keys of its own: a million-record import would otherwise hold them twice
    // (the sheets' writes still refer to these maps).
    for (const keys of this.seen.values()) keys.clear();
    if (!this.checker || !storedResultsCurrent(this.db, this.hadRecords)) return { summaries: this.summaries, settled: false };
    beforeSettling();
    settleCrossRecord(this.db);
    return { summaries: this.summaries, settled: true };
  }
}

/** One sheet's records written in row order, up to a row at a time; `finish` completes its summary. */
export class SheetWrite {
  readonly summary: SheetImportSummary;
  private readonly sheetId: number;
  private readonly builder: RecordBuilder;
  private readonly upsert: RecordUpsert;
  private readonly plan: SheetImportPlan;
  private readonly timeZone: string;
  /** Index in the sheet's rows of the next row to write. */
  next: number;
  private inBatch = 0;

  constructor(
    private readonly db: Db,
    fileId: number,
    /** This sheet's number among the import's (KeyPlaces). */
    private readonly ordinal: number,
    plan: SheetImportPlan,
    text: ParsedFile['text'],
    private readonly keys: KeyPlaces,
    timeZone: string,
    checker: InsertChecker | undefined,
    private readonly afterBatch: (rows: number) => void,
  ) {
    const { table, category } = plan;
    const mapping: Record<string, string> = {};
    const columns = new Map<number, string>();
    for (const m of plan.mapping) {
      if (!m.field) continue;
      mapping[m.header] = m.field;
      columns.set(m.column, m.field);
    }
    this.plan = plan;
    this.timeZone = timeZone;
    this.sheetId = Number(
      db
        .prepare(
          `INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json, options_json, row_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(fileId, table.sheet.name, category, table.headerRow, JSON.stringify(table.headers), JSON.stringify(mapping), JSON.stringify(sheetOptionsOf(plan, text, timeZone)), 0)
        .lastInsertRowid,
    );
    this.builder = new RecordBuilder(category, table, columns, plan.valueMappings, timeZone);
    this.upsert = new RecordUpsert(db, category, checker);
    this.next = table.start;
    this.summary = {
      sheet: table.sheet.name,
      category,
      rows: 0,
      skipped: 0,
      mapping,
      added: 0,
      updated: 0,
      unchanged: 0,
      missing: 0,
      conflicts: [],
      conflictCount: 0,
      keptEdits: 0,
      skippedReasons: {},
      skippedRows: [],
      headerRow: table.headerRow,
      issues: [],
      issueCount: 0,
    };
  }

  /** Writes the rows from `next` up to (not including) index `end` of the sheet's rows. */
  writeUpTo(end: number): void {
    const { summary, keys } = this;
    for (let i = this.next; i < end; i++) {
      summary.rows++;
      const built = this.builder.build(i);
      if (!built.ok) this.skip(built.row, built.reason);
      else if (keys.has(built.record.key)) {
        const first = keys.get(built.record.key)!;
        const here = Math.floor(first / SHEET_PLACE) === this.ordinal;
        this.skip(built.record.row, `Same key "${built.record.key}" as ${here ? `row ${first % SHEET_PLACE}` : 'another sheet'}`, 'Duplicate key');
      } else {
        keys.set(built.record.key, this.ordinal * SHEET_PLACE + built.record.row);
        const result = this.upsert.upsert(built.record, this.sheetId);
        summary[result.outcome]++;
        summary.keptEdits += result.keptEdits;
        summary.conflictCount += result.conflicts.length;
        for (const c of result.conflicts) if (summary.conflicts.length < MAX_LISTED) summary.conflicts.push(c);
      }
      if (++this.inBatch === WRITE_BATCH) {
        this.afterBatch(this.inBatch);
        this.inBatch = 0;
      }
    }
    this.next = Math.max(this.next, end);
  }

  /**
   * Writes what is left of `table` (the sheet read whole) and completes the sheet's summary and
   * stored options; `text`: the text file's encoding and delimiter, known once it is read.
   */
  finish(table: SheetTable, text: ParsedFile['text']): SheetImportSummary {
    this.writeUpTo(table.end);
    this.afterBatch(this.inBatch);
    this.inBatch = 0;
    const { summary } = this;
    const issues: ImportIssue[] = table.sheet.issues
      .filter((i) => i.row > table.headerRow)
      .map((i) => ({ sheet: table.sheet.name, row: i.row, cell: cellName(table.sheet, i.row, i.column), message: `${cellName(table.sheet, i.row, i.column)} ${i.message}` }));
    summary.issues = issues.slice(0, MAX_LISTED);
    summary.issueCount = issues.length;
    this.db.prepare('UPDATE source_sheets SET options_json = ?, row_count = ? WHERE id = ?').run(
      JSON.stringify({ ...sheetOptionsOf(this.plan, text, this.timeZone), issues: summary.issues, valueMappings: this.builder.appliedValueMappings() }),
      table.end - table.start,
      this.sheetId,
    );
    if (table.totalRow) {
      summary.rows++;
      this.skip(table.totalRow.row, 'Total row');
    }
    return summary;
  }

  private skip(row: number, reason: string, group = reason): void {
    const { summary } = this;
    summary.skipped++;
    summary.skippedReasons[group] = (summary.skippedReasons[group] ?? 0) + 1;
    if (summary.skippedRows.length < MAX_LISTED) summary.skippedRows.push({ row, reason });
  }
}

/** How the sheet was read and mapped, stored with it (source_sheets.options_json). */
function sheetOptionsOf(plan: SheetImportPlan, text: ParsedFile['text'], timeZone: string): Record<string, unknown> {
  return {
    valueMappings: plan.valueMappings,
    preset: plan.preset,
    timeZone,
    ...(text ? { encoding: text.encoding, delimiter: text.delimiter } : {}),
    matches: plan.mapping.filter((m) => m.field).map((m) => ({ header: m.header, field: m.field, confidence: m.confidence, via: m.via })),
    headerNotes: plan.table.headerNotes,
    issues: [],
  };
}

/** Flags records of the category that this import did not see; clears the flag of those it did. Returns the flagged count. */
function flagMissing(db: Db, category: Category, seen: KeyPlaces): number {
  const { n: total } = db.prepare('SELECT count(*) AS n FROM records WHERE category = ?').get(category) as { n: number };
  if (total === seen.size) return 0; // every record was in the file (a first import always is)
  const rows = db.prepare('SELECT id, key, missing_from_source AS missing FROM records WHERE category = ?').all(category) as {
    id: number;
    key: string;
    missing: number;
  }[];
  const flag = db.prepare('UPDATE records SET missing_from_source = 1 WHERE id = ?');
  let n = 0;
  for (const r of rows) {
    if (seen.has(r.key)) continue;
    n++;
    if (!r.missing) flag.run(r.id);
  }
  return n;
}
