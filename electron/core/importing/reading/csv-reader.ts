import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { Delimiter, TextEncoding, TextFormat } from '../../../../shared/contract/import';
import { ContractFailure } from '../../../../shared/contract/define';
import { importFailure } from '../import-failure';
import { MAX_ROWS_PER_SHEET } from '../limits';
import { decodeText, detectEncoding } from './text-encoding';
import { sniffDelimiter } from './delimiter-sniffing';
import { RowArena, type ParsedSheet } from './parsed-sheet';
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

const CHUNK_BYTES = 1024 * 1024;
const SNIFF_BYTES = 64 * 1024;
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
  // csv-parse works on bytes and decodes each field as UTF-8: UTF-8 files go in as they are
  // (no decode and re-encode of the whole file); other encodings are converted once.
  const utf8 = encoding === 'utf-8' ? bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0) : Buffer.from(decodeText(bytes, encoding), 'utf8');
  const delimiter = options.delimiter ?? sniffDelimiter(utf8.subarray(0, SNIFF_BYTES).toString('utf8'));
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
  const source = Readable.from(chunks(utf8), { objectMode: false });
  source.pipe(parser);
  let record = 0;
  const arena = new RowArena();
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      record++;
      const cells = toCells(fields);
      if (cells) {
        sheet.rows.push(arena.pack(record, cells));
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

function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** The record's fields with empty ones as null (in place: csv-parse hands over a fresh array), or null for a blank record. */
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
