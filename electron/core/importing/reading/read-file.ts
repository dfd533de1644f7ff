import { extname } from 'node:path';
import type { Delimiter, TextEncoding, TextFormat } from '../../../../shared/contract/import';
import { importFailure } from '../import-failure';
import { stringLimitFailure } from './cell-guard';
import { detectFileFormat } from './file-format';
import { readCsv } from './csv-reader';
import { readXlsx, type SheetEnd } from './xlsx-reader';
import type { ParsedSheet } from './parsed-sheet';
import type { ReadHooks } from './read-hooks';

export interface ParsedFile {
  path: string;
  name: string;
  size: number;
  kind: 'xlsx' | 'csv';
  text: TextFormat | null;
  sheets: ParsedSheet[];
}

export interface ReadFileOptions extends ReadHooks {
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  /** Only these sheets of a workbook are read. */
  sheets?: string[];
  maxRows?: number;
}

/** Reads any supported export into sheets of rows; unsupported and damaged files fail with a reason and a fix. */
export async function readSpreadsheet(path: string, options: ReadFileOptions = {}): Promise<ParsedFile> {
  const read = await readSheets(path, options);
  return checkedFile(read.file, read.names, options.sheets);
}

export interface SheetsRead {
  /** The sheets as read, before checkedFile. */
  file: ParsedFile;
  /** Every sheet's name (a CSV file's one). */
  names: string[];
  /** With `passRows`: each sheet's row count, and what of a workbook's sheet is left to apply to its rows (applySheetEnd). */
  passed: { rows: number; end: SheetEnd | null }[];
}

/** readSpreadsheet's reading, without its checks of what was read. */
export async function readSheets(path: string, options: ReadFileOptions = {}): Promise<SheetsRead> {
  const format = detectFileFormat(path);
  if (format.kind === 'xlsx') {
    if (extname(format.name).toLowerCase() === '.numbers') {
      throw importFailure('UNSUPPORTED_FORMAT', `${format.name} is an Apple Numbers file`, 'in Numbers choose File › Export To › Excel…');
    }
    const { sheets, names, passed } = await readXlsx(path, format.name, options);
    return { file: { path, name: format.name, size: format.size, kind: 'xlsx', text: null, sheets }, names, passed };
  }
  let csv: Awaited<ReturnType<typeof readCsv>>;
  try {
    csv = await readCsv(path, format.name, options);
  } catch (err) {
    throw stringLimitFailure(err, format.name) ?? err;
  }
  const { sheet, format: text, rows } = csv;
  return {
    file: { path, name: format.name, size: format.size, kind: 'csv', text, sheets: [sheet] },
    names: [sheet.name],
    passed: options.passRows ? [{ rows, end: null }] : [],
  };
}

/** Fails for a file with nothing to import, or without a chosen sheet. */
export function checkedFile(file: ParsedFile, names: string[], chosen: string[] | undefined): ParsedFile {
  if (file.kind === 'xlsx') return checkedSheets(file, names, chosen);
  if (file.sheets[0].rows.length === 0) throw importFailure('NO_DATA', `${file.name} contains no rows`, 'export the data from the ATS again');
  return file;
}

/**
 * The chosen sheets of a workbook read whole (a read the wizard kept), with the errors a read of
 * just those sheets gives.
 */
export function pickSheets(file: ParsedFile, chosen: string[] | undefined): ParsedFile {
  if (file.kind !== 'xlsx' || chosen === undefined) return file;
  const names = file.sheets.map((s) => s.name);
  return checkedSheets({ ...file, sheets: file.sheets.filter((s) => chosen.includes(s.name)) }, names, chosen);
}

function checkedSheets(file: ParsedFile, names: string[], chosen: string[] | undefined): ParsedFile {
  const absent = chosen?.find((s) => !names.includes(s));
  if (absent !== undefined) {
    throw importFailure('SHEET_NOT_FOUND', `${file.name} has no sheet named "${absent}" (it has ${names.map((n) => `"${n}"`).join(', ')})`, 'check the sheet name');
  }
  if (file.sheets.every((s) => s.rows.length === 0)) {
    const which = chosen ? `The chosen sheets of ${file.name} are` : `${file.name} is`;
    throw importFailure('NO_DATA', `${which} empty`, 'check that the export contains data, or choose another sheet');
  }
  return file;
}
