import { readFileSync } from 'node:fs';
import type { Delimiter, TextEncoding, TextFormat } from '../../../../shared/contract/import';
import { MAX_ROWS_PER_SHEET } from '../limits';
import { decodeText, detectEncoding } from './text-encoding';
import { sniffDelimiter } from './delimiter-sniffing';
import type { ParsedSheet } from './parsed-sheet';
import type { ReadHooks } from './read-hooks';
import { CsvRowSink } from './csv-rows';
import { parseCsvFast } from './csv-parse-fast';
import { parseCsvTolerant } from './csv-parse-tolerant';

export interface CsvReadOptions extends ReadHooks {
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  maxRows?: number;
}

export interface CsvReadResult {
  sheet: ParsedSheet;
  format: TextFormat;
  /** Which parser read it: 'tolerant' when the fast one could not make sense of a quote. */
  parser: 'fast' | 'tolerant';
  /** Non-blank records read (with `passRows`, the sheet keeps none). */
  rows: number;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Reads a CSV/TSV/TXT export: encoding and delimiter detected unless the consultant chose them,
 * quoted fields may hold delimiters and line breaks. The file is one "sheet" named after the
 * file. Papa Parse reads it; a file with quotes it cannot make sense of is read again with
 * csv-parse, which keeps a stray quote as text and names the line of one never closed.
 */
export async function readCsv(path: string, name: string, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const bytes = readFileSync(path);
  const detected = detectEncoding(bytes);
  const encoding = options.encoding ?? detected.encoding;
  // UTF-8 files are parsed as they are; other encodings are converted once.
  const utf8 = encoding === 'utf-8' ? bytes.subarray(hasUtf8Bom(bytes) ? 3 : 0) : Buffer.from(decodeText(bytes, encoding), 'utf8');
  const delimiter = options.delimiter ?? sniffDelimiter(utf8.subarray(0, SNIFF_BYTES).toString('utf8'));
  const format: TextFormat = { encoding, bom: detected.bom && encoding === detected.encoding, delimiter };
  const sheetName = name.replace(/\.(csv|tsv|txt|tab)$/i, '') || name;
  const maxRows = options.maxRows ?? MAX_ROWS_PER_SHEET;
  // The whole file, not its first bytes: a NUL anywhere would be stored, and exported, as it is.
  const hasNul = utf8.includes(0);
  const sink = () =>
    new CsvRowSink({ name: sheetName, rows: [], links: [], issues: [], columnNames: 'numbers' }, name, maxRows, options, hasNul);
  let rows = sink();
  let parser: CsvReadResult['parser'] = 'fast';
  if ((await parseCsvFast(utf8, delimiter, name, rows)) === 'quotes') {
    rows = sink();
    parser = 'tolerant';
    await parseCsvTolerant(utf8, delimiter, name, rows);
  }
  rows.finish();
  return { sheet: rows.sheet, format, parser, rows: rows.rows };
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
