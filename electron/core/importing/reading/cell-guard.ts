import type { ContractFailure } from '../../../../shared/contract/define';
import { importFailure } from '../import-failure';
import { cellName, type ParsedSheet } from './parsed-sheet';

/**
 * No RSC field holds more than 25,000 characters (a job's description); a cell of megabytes is a damaged or hostile
 * export, and every copy of it (packed rows, records, exports) would cost as much again.
 */
export const MAX_CELL_CHARS = 16 * 1024 * 1024;
const MAX_CELL_MB = MAX_CELL_CHARS / 1024 / 1024;

/** V8 cannot make a string longer than 2^29 − 24 characters: a cell past it fails its read with a RangeError. */
const STRING_LIMIT_MB = 512;

export const NUL_REMOVED = 'NUL characters (invisible bytes a damaged export leaves) were removed from this cell.';

export function cellTooLarge(fileName: string, sheet: Pick<ParsedSheet, 'name' | 'columnNames'>, row: number, column: number): ContractFailure {
  const where = sheet.columnNames === 'letters' ? `sheet "${sheet.name}", cell ${cellName(sheet, row, column)}` : cellName(sheet, row, column);
  return importFailure(
    'FILE_TOO_LARGE',
    `${fileName} has a cell larger than ${MAX_CELL_MB} MB (${where})`,
    'no RSC field holds that much text: shorten or remove it in the file, and import again',
  );
}

/**
 * A cell of text larger than a string can be: the read failed with "Invalid string length", which would otherwise
 * be reported as a damaged file.
 */
export function stringLimitFailure(err: unknown, fileName: string): ContractFailure | null {
  if (!(err instanceof RangeError) || !/invalid string length/i.test(err.message)) return null;
  return importFailure(
    'FILE_TOO_LARGE',
    `${fileName} has a cell larger than ${STRING_LIMIT_MB} MB, more text than a cell can hold`,
    'no RSC field holds that much text: shorten or remove it in the file, and import again',
  );
}

/** The text without NUL characters, the cell noted in the sheet's issues when there were any. */
export function withoutNul(text: string, sheet: ParsedSheet, row: number, column: number): string {
  if (!text.includes('\u0000')) return text;
  sheet.issues.push({ row, column, message: NUL_REMOVED });
  return text.replaceAll('\u0000', '');
}
