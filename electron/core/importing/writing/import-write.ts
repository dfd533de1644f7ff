import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/connection';
import type { CellValue, Category, FieldValues } from '../../../../shared/domain';
import type { ImportIssue, SheetImportSummary, SkippedRow } from '../../../../shared/contract/import';
import { InsertChecker, settleCrossRecord, storedResultsCurrent } from '../../compliance';
import type { ParsedFile } from '../reading/read-file';
import { cellName } from '../reading/parsed-sheet';
import type { SheetTable } from '../reading/sheet-table';
import type { SheetImportPlan } from '../import-plan';
import { RecordBuilder, type BuiltRecord } from './record-builder';
import { RecordUpsert } from './record-upsert';

const WRITE_BATCH = 5_000;
const MAX_LISTED = 1_000;
/**
 * Where a key was first imported, as one number per key: row × MAX_SHEETS + the sheet's ordinal in the import.
 * One map, not a set of keys and a map of rows: for a million records that is ~50 MB less.
 */
const MAX_SHEETS = 4096;

function keptAt(row: number, sheetNo: number): number {
  return row * MAX_SHEETS + sheetNo;
}

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
  /** Per category, each key this import wrote → where (keptAt): the first row with a key is the record. */
  private readonly seen = new Map<Category, Map<string, number>>();
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
    const write = new SheetWrite(this.db, this.fileId, plan, text, keys, this.summaries, this.options.timeZone, this.checker, (n) =>
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
  private readonly keptSource: Statement<[string, string], { source: string }>;
  /** Every skipped row (the summary lists the first 1,000), stored with the sheet. */
  private readonly skippedRows: SkippedRow[] = [];
  private readonly plan: SheetImportPlan;
  private readonly sheetNo: number;
  private readonly timeZone: string;
  /** Index in the sheet's rows of the next row to write. */
  next: number;
  private inBatch = 0;

  constructor(
    private readonly db: Db,
    fileId: number,
    plan: SheetImportPlan,
    text: ParsedFile['text'],
    private readonly keys: Map<string, number>,
    /** The import's sheets written before this one (their summaries), for naming where a key was kept. */
    private readonly earlier: readonly SheetImportSummary[],
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
    this.sheetNo = earlier.length;
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
    this.keptSource = db.prepare('SELECT source_json AS source FROM records_wide WHERE category = ? AND key = ?');
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
      valueMappingsApplied: [],
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
      else if (keys.has(built.record.key)) this.skipDuplicate(built.record);
      else {
        keys.set(built.record.key, keptAt(built.record.row, this.sheetNo));
        this.builder.stored();
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
    summary.valueMappingsApplied = this.builder.valueMappingsApplied();
    if (table.totalRow) {
      summary.rows++;
      this.skip(table.totalRow.row, 'Total row');
    }
    this.db.prepare('UPDATE source_sheets SET options_json = ?, row_count = ? WHERE id = ?').run(
      JSON.stringify({
        ...sheetOptionsOf(this.plan, text, this.timeZone),
        issues: summary.issues,
        valueMappings: this.builder.appliedValueMappings(),
        valueMappingsApplied: summary.valueMappingsApplied,
        skippedRows: this.skippedRows,
      }),
      table.end - table.start,
      this.sheetId,
    );
    return summary;
  }

  private skip(row: number, reason: string, group = reason, detail: Pick<SkippedRow, 'key' | 'differences'> = {}): void {
    const { summary } = this;
    summary.skipped++;
    summary.skippedReasons[group] = (summary.skippedReasons[group] ?? 0) + 1;
    const skipped: SkippedRow = { row, ...(detail.key !== undefined ? { key: detail.key } : {}), reason, ...(detail.differences?.length ? { differences: detail.differences } : {}) };
    this.skippedRows.push(skipped);
    if (summary.skippedRows.length < MAX_LISTED) summary.skippedRows.push(skipped);
  }

  /**
   * A key already imported by this file: the first row stays the record. The kept row is read
   * back from what was just written (duplicates are rare), to say how the two rows differ.
   */
  private skipDuplicate(record: BuiltRecord): void {
    const at = this.keys.get(record.key)!;
    const sheetNo = at % MAX_SHEETS;
    const sheet = sheetNo === this.sheetNo ? '' : ` of sheet "${this.earlier[sheetNo].sheet}"`;
    const kept = this.keptSource.get(this.plan.category, record.key);
    const differences = kept ? sourceDifferences(JSON.parse(kept.source) as FieldValues, JSON.parse(record.sourceJson) as FieldValues) : [];
    const where = `row ${Math.floor(at / MAX_SHEETS)}${sheet}`;
    this.skip(record.row, `Duplicate key: ${where} has the same key and was kept`, 'Duplicate key', { key: record.key, differences });
  }
}

/** The source columns in which two rows differ, blank alike whether empty or missing. */
function sourceDifferences(kept: FieldValues, skipped: FieldValues): NonNullable<SkippedRow['differences']> {
  const out: NonNullable<SkippedRow['differences']> = [];
  for (const column of new Set([...Object.keys(kept), ...Object.keys(skipped)])) {
    const a: CellValue = kept[column] ?? null;
    const b: CellValue = skipped[column] ?? null;
    if (a !== b) out.push({ column, kept: a, skipped: b });
  }
  return out;
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
function flagMissing(db: Db, category: Category, seen: Map<string, number>): number {
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
