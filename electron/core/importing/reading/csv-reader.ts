import { statSync } from 'node:fs';
import type { Delimiter, TextEncoding, TextFormat } from '../../../../shared/contract/import';
import { MAX_ROWS_PER_TEXT_FILE } from '../limits';
import { decodeText, detectEncoding } from './text-encoding';
import { sniffDelimiter } from './delimiter-sniffing';
import type { ParsedSheet } from './parsed-sheet';
import type { ReadHooks } from './read-hooks';
import { CsvRowSink } from './csv-rows';
import { parseCsvFast } from './csv-parse-fast';
import { parseCsvTolerant } from './csv-parse-tolerant';
import { fileHead, fileText, NotUtf8After } from './csv-text';

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

/**
 * Reads a CSV/TSV/TXT export: encoding and delimiter detected unless the consultant chose them,
 * quoted fields may hold delimiters and line breaks. The file is one "sheet" named after the
 * file. Papa Parse reads it; a file with quotes it cannot make sense of is read again with
 * csv-parse, which keeps a stray quote as text and names the line of one never closed.
 *
 * The text comes from the file as it is parsed, never whole: the encoding and delimiter are told
 * from its first 64 KB. A file whose start is UTF-8 and whose rest is not is read again as
 * Windows-1252, as it would have been detected from its whole bytes. With `onRowsArrived` the
 * caller may store rows as they come and let them go.
 */
export async function readCsv(path: string, name: string, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const head = fileHead(path);
  const size = statSync(path).size;
  const detected = detectEncoding(head);
  let encoding = options.encoding ?? detected.encoding;
  const headText = encoding === 'utf-8' ? head.toString('utf8', hasUtf8Bom(head) ? 3 : 0) : decodeText(head, encoding);
  const delimiter = options.delimiter ?? sniffDelimiter(headText);
  const sheetName = name.replace(/\.(csv|tsv|txt|tab)$/i, '') || name;
  const maxRows = options.maxRows ?? MAX_ROWS_PER_TEXT_FILE;
  const sink = () => new CsvRowSink({ name: sheetName, rows: [], links: [], issues: [], columnNames: 'numbers' }, name, maxRows, options);
  // Only UTF-8 told from valid bytes (no BOM, not chosen) may turn out to be something else.
  let strict = options.encoding === undefined && encoding === 'utf-8' && !detected.bom;
  for (;;) {
    const text = (rows: CsvRowSink) => fileText(path, encoding, strict, (chunk, bytesRead) => rows.sawText(chunk, bytesRead / size));
    try {
      let rows = sink();
      let parser: CsvReadResult['parser'] = 'fast';
      if ((await parseCsvFast(text(rows), delimiter, name, rows)) === 'quotes') {
        rows = sink();
        parser = 'tolerant';
        await parseCsvTolerant(text(rows), delimiter, name, rows);
      }
      rows.finish();
      const format: TextFormat = { encoding, bom: detected.bom && encoding === detected.encoding, delimiter };
      return { sheet: rows.sheet, format, parser, rows: rows.rows };
    } catch (err) {
      if (!(err instanceof NotUtf8After)) throw err;
      encoding = 'windows-1252';
      strict = false;
    }
  }
}

function hasUtf8Bom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
