import { extname } from 'node:path';
import type { Delimiter, TextEncoding, TextFormat } from '../../../../shared/contract/import';
import { importFailure } from '../import-failure';
import { detectFileFormat } from './file-format';
import { readCsv } from './csv-reader';
import { readXlsx } from './xlsx-reader';
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
  const format = detectFileFormat(path);
  if (format.kind === 'xlsx') {
    if (extname(format.name).toLowerCase() === '.numbers') {
      throw importFailure('UNSUPPORTED_FORMAT', `${format.name} is an Apple Numbers file`, 'in Numbers choose File › Export To › Excel…');
    }
    const { sheets, names } = await readXlsx(path, format.name, options);
    return checkedSheets({ path, name: format.name, size: format.size, kind: 'xlsx', text: null, sheets }, names, options.sheets);
  }
  const { sheet, format: text } = await readCsv(path, format.name, options);
  if (sheet.rows.length === 0) throw importFailure('NO_DATA', `${format.name} contains no rows`, 'export the data from the ATS again');
  return { path, name: format.name, size: format.size, kind: 'csv', text, sheets: [sheet] };
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
