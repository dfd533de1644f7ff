import type { CellValue } from '../../../../shared/domain';

/** A cell as read: Date for date cells (converted per target field later), otherwise a plain value. */
export type RawCell = CellValue | Date;

export interface RawRow {
  /** 1-based row number in the sheet (the record number in a CSV file). */
  row: number;
  /** 0-based columns; missing cells are null. */
  cells: RawCell[];
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
