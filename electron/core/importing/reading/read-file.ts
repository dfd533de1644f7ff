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
    const absent = options.sheets?.find((s) => !names.includes(s));
    if (absent !== undefined) {
      throw importFailure('SHEET_NOT_FOUND', `${format.name} has no sheet named "${absent}" (it has ${names.map((n) => `"${n}"`).join(', ')})`, 'check the sheet name');
    }
    if (sheets.every((s) => s.rows.length === 0)) {
      const which = options.sheets ? `The chosen sheets of ${format.name} are` : `${format.name} is`;
      throw importFailure('NO_DATA', `${which} empty`, 'check that the export contains data, or choose another sheet');
    }
    return { path, name: format.name, size: format.size, kind: 'xlsx', text: null, sheets };
  }
  const { sheet, format: text } = await readCsv(path, format.name, options);
  if (sheet.rows.length === 0) throw importFailure('NO_DATA', `${format.name} contains no rows`, 'export the data from the ATS again');
  return { path, name: format.name, size: format.size, kind: 'csv', text, sheets: [sheet] };
}
