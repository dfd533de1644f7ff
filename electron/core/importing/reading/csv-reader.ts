import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { Delimiter, TextEncoding, TextFormat } from '../../../../shared/contract/import';
import { ContractFailure } from '../../../../shared/contract/define';
import { importFailure } from '../import-failure';
import { MAX_ROWS_PER_SHEET } from '../limits';
import { decodeText, detectEncoding } from './text-encoding';
import { sniffDelimiter } from './delimiter-sniffing';
import type { ParsedSheet, RawCell } from './parsed-sheet';
import type { ReadHooks } from './read-hooks';

export interface CsvReadOptions extends ReadHooks {
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  maxRows?: number;
}

export interface CsvReadResult {
  sheet: ParsedSheet;
  format: TextFormat;
}

const CHUNK_CHARS = 1024 * 1024;
const CANCEL_CHECK_ROWS = 4096;

/**
 * Reads a CSV/TSV/TXT export with csv-parse: encoding and delimiter detected unless the
 * consultant chose them, quoted fields may hold delimiters and line breaks. The file is one
 * "sheet" named after the file.
 */
export async function readCsv(path: string, name: string, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const bytes = readFileSync(path);
  const detected = detectEncoding(bytes);
  const encoding = options.encoding ?? detected.encoding;
  const text = decodeText(bytes, encoding);
  if (text.trim() === '') throw importFailure('NO_DATA', `${name} contains no rows`, 'export the data from the ATS again');
  const delimiter = options.delimiter ?? sniffDelimiter(text);
  const format: TextFormat = { encoding, bom: detected.bom && encoding === detected.encoding, delimiter };
  const sheetName = name.replace(/\.(csv|tsv|txt|tab)$/i, '') || name;
  const sheet: ParsedSheet = { name: sheetName, rows: [], links: [], issues: [], columnNames: 'numbers' };
  const maxRows = options.maxRows ?? MAX_ROWS_PER_SHEET;
  const parser = parse({
    delimiter,
    quote: '"',
    escape: '"',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const source = Readable.from(chunks(text), { objectMode: false });
  source.pipe(parser);
  let record = 0;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      record++;
      const cells = toCells(fields);
      if (cells) {
        sheet.rows.push({ row: record, cells });
        if (sheet.rows.length > maxRows) {
          throw importFailure(
            'TOO_MANY_ROWS',
            `${name} has more than ${maxRows.toLocaleString('en-US')} rows, the limit per file`,
            'split the export into smaller files (e.g. by date range) and import them one after another',
          );
        }
      }
      if (record % CANCEL_CHECK_ROWS === 0) {
        options.throwIfCancelled?.();
        options.onRows?.(sheetName, record, null);
      }
    }
  } catch (err) {
    source.destroy();
    parser.destroy();
    if (err instanceof ContractFailure) throw err;
    throw csvFailure(err, name, delimiter);
  }
  options.onRows?.(sheetName, record, record);
  return { sheet, format };
}

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

function toCells(fields: string[]): RawCell[] | null {
  const cells: RawCell[] = new Array<RawCell>(fields.length);
  let any = false;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i];
    if (f === '') cells[i] = null;
    else {
      cells[i] = f;
      if (!any && f.trim() !== '') any = true;
    }
  }
  return any ? cells : null;
}

function csvFailure(err: unknown, name: string, delimiter: Delimiter): ContractFailure {
  const shown = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  if (err instanceof CsvError) {
    const line = (err as CsvError & { lines?: number }).lines;
    const where = line ? ` near line ${line}` : '';
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
      return importFailure(
        'CORRUPT_FILE',
        `${name} has a quoted field that is never closed${where}`,
        'fix the quote (") in that line or export the file again',
      );
    }
    return importFailure('CORRUPT_FILE', `${name} cannot be read as ${shown}-separated text${where} (${err.message})`, 'choose another delimiter or encoding, or export the file again');
  }
  const text = err instanceof Error ? err.message : String(err);
  return importFailure('CORRUPT_FILE', `${name} cannot be read (${text})`, 'export the file from the ATS again');
}
