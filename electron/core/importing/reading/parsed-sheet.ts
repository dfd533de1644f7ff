import type { CellValue } from '../../../../shared/domain';

/** A cell as read: Date for date cells (converted per target field later), otherwise a plain value. */
export type RawCell = CellValue | Date;

export interface RawRow {
  /** 1-based row number in the sheet (the record number in a CSV file). */
  row: number;
  /** 0-based columns; missing cells are null. */
  cells: RawCell[];
  /** The number of cells, when known without unpacking them. */
  width?: number;
}

/**
 * Rows waiting to be imported live outside the JavaScript heap, as UTF-8 JSON in large byte
 * chunks. Kept as arrays on the heap, 100k rows are millions of small objects, and the garbage
 * collector lets a heap grow to a multiple of what it holds: a parser's garbage then pushes
 * peak memory far past the data itself.
 */
export class RowArena {
  private chunk = Buffer.allocUnsafe(0);
  private offset = 0;

  pack(row: number, cells: RawCell[]): PackedRow {
    const { json, hasDates } = packedCells(cells);
    // Worst case 3 bytes per UTF-16 unit; a row never straddles two chunks.
    if (this.offset + json.length * 3 > this.chunk.length) {
      this.chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, json.length * 3));
      this.offset = 0;
    }
    const start = this.offset;
    this.offset += this.chunk.write(json, start, 'utf8');
    return new PackedRow(row, cells.length, hasDates, this.chunk, start, this.offset);
  }
}

/** A row's cells as packed (JSON, date cells tagged), for an arena or for a batch sent to another thread. */
export function packedCells(cells: RawCell[]): { json: string; hasDates: boolean } {
  let hasDates = false;
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c instanceof Date) {
      cells[i] = `${DATE_TAG}${c.getTime()}`;
      hasDates = true;
    }
  }
  return { json: JSON.stringify(cells), hasDates };
}

const CHUNK_BYTES = 4 * 1024 * 1024;
/** Marks a date cell in packed JSON: a NUL cannot occur in spreadsheet text (XML forbids it). */
const DATE_TAG = '\u0000D';

export class PackedRow implements RawRow {
  constructor(
    readonly row: number,
    readonly width: number,
    private readonly hasDates: boolean,
    private readonly chunk: Buffer,
    private readonly start: number,
    private readonly end: number,
  ) {}

  get cells(): RawCell[] {
    const cells = JSON.parse(this.chunk.toString('utf8', this.start, this.end)) as RawCell[];
    if (this.hasDates) {
      for (let i = 0; i < cells.length; i++) {
        const c = cells[i];
        if (typeof c === 'string' && c.startsWith(DATE_TAG)) cells[i] = new Date(Number(c.slice(DATE_TAG.length)));
      }
    }
    return cells;
  }
}

export function widthOf(row: RawRow): number {
  return row.width ?? row.cells.length;
}

/** A cell-level problem found while reading (an error value, a formula without a result). */
export interface CellIssue {
  row: number;
  column: number;
  message: string;
}

/** A hyperlink whose text means something on its own ("Jane Doe" → profile URL): both are kept. */
export interface CellLink {
  row: number;
  column: number;
  url: string;
}

export interface ParsedSheet {
  name: string;
  /** Non-blank rows in sheet order. Blank rows are dropped here: they are never records. */
  rows: RawRow[];
  links: CellLink[];
  issues: CellIssue[];
  /** 'letters' for spreadsheets (C, AB), 'numbers' for text files (3, 28): how a column is named to a person. */
  columnNames: 'letters' | 'numbers';
}

export function isBlankCell(cell: RawCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function isBlankRow(cells: RawCell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlankCell(cells[i])) return false;
  return true;
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(column: number): string {
  let n = column + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 0, AA → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

export function cellName(sheet: Pick<ParsedSheet, 'columnNames'>, row: number, column: number): string {
  return sheet.columnNames === 'letters' ? `${columnLetter(column)}${row}` : `row ${row}, column ${column + 1}`;
}
