import { basename } from 'node:path';
import type { Db } from '../../db/connection';
import type { ImportRequestParsed, PresetInfo, SheetImportSummary } from '../../../../shared/contract/import';
import { HEADER_SEARCH_ROWS } from '../limits';
import { DISTINCT_SAMPLE_ROWS, planImport, type SheetImportPlan } from '../import-plan';
import { PackedRow, widthOf, type ParsedSheet, type RawRow } from '../reading/parsed-sheet';
import { ReleasedRow } from '../reading/read-thread';
import type { ParsedFile } from '../reading/read-file';
import type { PassedSheet } from '../reading/read-hooks';
import { ImportWrite, type ImportWriteOptions, type SheetWrite } from './import-write';

/** Enough rows to find the header and take the sample the mapping is suggested from (import-plan.ts). */
const PLAN_AFTER_ROWS = HEADER_SEARCH_ROWS + DISTINCT_SAMPLE_ROWS + 2;

/**
 * Stores a one-sheet file's records while a reading thread is still reading it (read-thread.ts),
 * or while this thread reads a text file (csv-reader.ts).
 * Once the first few thousand rows are in, the sheet is planned from them as it would be from
 * the whole file (header row, category, mapping), the import's transaction begins and every row
 * but the last (which may be a total row) is written as it arrives. When the read ends, the plan
 * of the whole file must be the plan the rows were written with, and no written row may have
 * changed at the sheet's end (merged cells), nor a wider row have added a column; otherwise, and
 * for a file of several sheets, everything is rolled back and the whole file is stored as before.
 * A sheet with hyperlinks (which its end applies to cells), or of a workbook whose other sheets
 * are read too, is not stored while read at all. Rows
 * are let go once stored (release), so that fallback reads the file again. The records, summary
 * and stored rows are the same either way.
 */
export class StreamedSheetWrite {
  private state: 'waiting' | 'writing' | 'done' | 'abandoned' = 'waiting';
  /** Index of the next row to release (see release). */
  private releasedUpTo = 0;
  private released = 0;
  private sheet: ParsedSheet | null = null;
  private plan: SheetImportPlan | null = null;
  private write: ImportWrite | null = null;
  private sheetWrite: SheetWrite | null = null;

  constructor(
    private readonly db: Db,
    private readonly request: ImportRequestParsed,
    private readonly presets: PresetInfo[],
    private readonly options: ImportWriteOptions,
    /**
     * A text file read on this thread: its released rows share one object per width. Nothing reads the number of a
     * text file's released row (no sheet end to apply, no hyperlinks), and a million rows' objects are ~40 MB.
     */
    private readonly textFile = false,
  ) {}

  private readonly sharedReleased = new Map<number, ReleasedRow>();

  /** Rows are being stored as they are read. */
  get storing(): boolean {
    return this.state === 'writing';
  }

  /**
   * More rows of `sheet` were read. A sheet with hyperlinks (its end changes rows) or one of
   * several is stored once the file is read.
   */
  arrived(sheet: ParsedSheet, passed: PassedSheet): void {
    if (this.state !== 'waiting' && this.state !== 'writing') return;
    if (passed.linked || !passed.only) return this.abandon();
    // A CSV file read again (by the tolerant parser, or in another encoding): its rows come again as a new sheet.
    if (this.sheet !== null && sheet !== this.sheet) this.restart();
    this.sheet = sheet;
    if (this.state === 'waiting' && !this.begin(sheet)) return;
    // The last row waits: it may be a total row, which is not a record.
    this.sheetWrite!.writeUpTo(sheet.rows.length - 1);
    this.release(sheet);
  }

  /**
   * The file has been read whole and planned: writes the rest and commits, returning the outcome;
   * or rolls back and returns 'whole' when the file as read is to be stored as before, or
   * 'read-again' when rows it needs for that were released.
   */
  finish(
    file: ParsedFile,
    plans: SheetImportPlan[],
    sha256: string,
    beforeSettling: () => void,
  ): { summaries: SheetImportSummary[]; settled: boolean } | 'whole' | 'read-again' {
    const final = plans.length === 1 ? plans[0] : null;
    if (this.state !== 'writing' || !final || !this.writtenAsPlanned(final)) {
      this.abandon();
      return this.released > 0 ? 'read-again' : 'whole';
    }
    this.sheetWrite!.finish(final.table, file.text);
    const outcome = this.write!.end(file, sha256, beforeSettling);
    this.db.exec('COMMIT');
    this.state = 'done';
    return outcome;
  }

  /** Rolls back what was written (a failure, a cancel, or a file this cannot stream). */
  abandon(): void {
    if (this.state === 'writing' && this.db.inTransaction) this.db.exec('ROLLBACK');
    if (this.state !== 'done') this.state = 'abandoned';
    this.write = null;
    this.sheetWrite = null;
  }

  /** Rolls back what was written, to store a sheet read again from its start. */
  private restart(): void {
    if (this.state === 'writing' && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.state = 'waiting';
    this.sheet = null;
    this.plan = null;
    this.write = null;
    this.sheetWrite = null;
    this.releasedUpTo = 0;
    this.released = 0;
  }

  private begin(sheet: ParsedSheet): boolean {
    if (sheet.rows.length < PLAN_AFTER_ROWS) return false;
    let plans: SheetImportPlan[];
    try {
      const partial: ParsedFile = { path: this.request.path, name: basename(this.request.path), size: 0, kind: 'xlsx', text: null, sheets: [sheet] };
      plans = planImport(partial, this.request, this.presets).plans;
    } catch {
      // The whole file's plan says why (or finds the sheet fine after all).
      this.abandon();
      return false;
    }
    if (plans.length !== 1) {
      this.abandon();
      return false;
    }
    this.plan = plans[0];
    // The rows the whole file's plan reads again (header, sample) stay.
    this.releasedUpTo = this.plan.table.start + DISTINCT_SAMPLE_ROWS;
    this.db.exec('BEGIN');
    this.state = 'writing';
    this.write = new ImportWrite(this.db, { path: this.request.path, name: basename(this.request.path), size: 0 }, this.options);
    this.sheetWrite = this.write.sheet(this.plan, null);
    return true;
  }

  /**
   * Lets go of the cells of rows already stored, so that a large sheet is not held twice (rows
   * and records). Should the end of the sheet or its plan need them after all, the file is read
   * again (RowsReleased).
   */
  private release(sheet: ParsedSheet): void {
    const rows = sheet.rows;
    const upTo = this.sheetWrite!.next;
    for (let i = this.releasedUpTo; i < upTo; i++) rows[i] = this.releasedRow(rows[i]);
    this.released += Math.max(0, upTo - this.releasedUpTo);
    this.releasedUpTo = Math.max(this.releasedUpTo, upTo);
  }

  private releasedRow(row: RawRow): ReleasedRow {
    const width = widthOf(row);
    if (!this.textFile) return new ReleasedRow(row.row, width);
    let shared = this.sharedReleased.get(width);
    if (!shared) this.sharedReleased.set(width, (shared = new ReleasedRow(0, width)));
    return shared;
  }

  private writtenAsPlanned(final: SheetImportPlan): boolean {
    const plan = this.plan!;
    const written = this.sheetWrite!.next;
    if (final.table.sheet !== this.sheet || written > final.table.end) return false;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (
      final.category !== plan.category ||
      final.preset !== plan.preset ||
      final.table.headerRow !== plan.table.headerRow ||
      final.table.start !== plan.table.start ||
      !same(final.table.headers, plan.table.headers) ||
      !same(final.mapping, plan.mapping) ||
      !same(final.valueMappings, plan.valueMappings) ||
      final.table.linkCells.size > 0
    ) {
      return false;
    }
    // Rows the sheet's end changed are no longer packed (read-thread.ts); released rows it could not change.
    const rows = final.table.sheet.rows;
    for (let i = plan.table.start; i < written; i++) if (!(rows[i] instanceof PackedRow || rows[i] instanceof ReleasedRow)) return false;
    return true;
  }
}
