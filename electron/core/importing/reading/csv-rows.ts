import type { Delimiter } from '../../../../shared/contract/import';
import { importFailure } from '../import-failure';
import { RowArena, type ParsedSheet } from './parsed-sheet';
import { cellTooLarge, MAX_CELL_CHARS, withoutNul } from './cell-guard';
import type { PassedSheet, ReadHooks } from './read-hooks';

const CANCEL_CHECK_ROWS = 4096;
/** Rows kept between two calls of onRowsArrived, which stores them and lets them go (StreamedSheetWrite). */
const ARRIVED_ROWS = 1024;

/**
 * Where a CSV parser puts the records it reads: blank ones dropped, the rest packed into the
 * sheet, with the row limit, cancel and progress every few thousand records. Whichever parser
 * reads the file (csv-reader.ts), the sheet comes out the same.
 */
export class CsvRowSink {
  /** Records read so far: the next one's number in the file, less one. */
  records = 0;
  /** Non-blank records (kept in the sheet, or passed on). */
  rows = 0;
  private readonly arena = new RowArena();

  constructor(
    readonly sheet: ParsedSheet,
    private readonly fileName: string,
    private readonly maxRows: number,
    private readonly hooks: ReadHooks,
    /**
     * Whether the file holds a NUL byte: then cells are cleaned of them. Set as each chunk of text
     * reaches the parser (sawText), before any record of it is added.
     */
    private hasNul = false,
  ) {
    this.passed = { name: sheet.name, columnNames: sheet.columnNames, linked: false, only: true };
    hooks.passRows?.sheet(this.passed);
  }

  private readonly passed: PassedSheet;

  /** Share of the file's bytes read so far (0 when unknown): progress reports the rows it makes the whole file. */
  private share = 0;

  /** A chunk of the file's text is about to be parsed; `share`: of the file's bytes read with it. */
  sawText(text: string, share = 0): void {
    if (!this.hasNul && text.includes('\u0000')) this.hasNul = true;
    this.share = share;
  }

  add(fields: string[]): void {
    this.records++;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f.length > MAX_CELL_CHARS) throw cellTooLarge(this.fileName, this.sheet, this.records, i);
      if (this.hasNul) fields[i] = withoutNul(f, this.sheet, this.records, i);
    }
    const cells = toCells(fields);
    if (cells) {
      if (this.hooks.passRows) this.hooks.passRows.row(this.records, cells);
      else this.sheet.rows.push(this.arena.pack(this.records, cells));
      if (++this.rows > this.maxRows) {
        throw importFailure(
          'TOO_MANY_ROWS',
          `${this.fileName} has more than ${this.maxRows.toLocaleString('en-US')} rows, the limit per file`,
          'split the export into smaller files (e.g. by date range) and import them one after another',
        );
      }
    }
    if (this.hooks.onRowsArrived && this.rows % ARRIVED_ROWS === 0 && this.rows > 0 && cells) this.hooks.onRowsArrived(this.sheet, this.passed);
    if (this.records % CANCEL_CHECK_ROWS === 0) {
      this.hooks.throwIfCancelled?.();
      // An estimate from the bytes read (a little low: the share counts text not parsed yet), for a progress bar.
      const expected = this.share > 0 ? Math.max(this.records, Math.round(this.records / this.share)) : null;
      this.hooks.onRows?.(this.sheet.name, this.records, expected);
    }
  }

  finish(): void {
    this.hooks.onRowsArrived?.(this.sheet, this.passed);
    this.hooks.onRows?.(this.sheet.name, this.records, this.records);
  }
}

/** The record's fields with empty ones as null (in place: parsers hand over a fresh array), or null for a blank record. */
function toCells(fields: string[]): (string | null)[] | null {
  const cells = fields as (string | null)[];
  let any = false;
  for (let i = 0; i < cells.length; i++) {
    const f = cells[i];
    if (f === '') cells[i] = null;
    else if (!any && f !== null && f.trim() !== '') any = true;
  }
  return any ? cells : null;
}

export function delimiterName(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}
