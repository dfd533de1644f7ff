import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import type { Delimiter } from '../../../../shared/contract/import';
import { ContractFailure } from '../../../../shared/contract/define';
import { importFailure } from '../import-failure';
import { delimiterName, type CsvRowSink } from './csv-rows';
import { NotUtf8After } from './csv-text';

const CHUNK_BYTES = 1024 * 1024;

/**
 * Reads UTF-8 CSV bytes with csv-parse, which keeps a quote inside a field that does not start
 * one as text (`"Big" Company` → `"Big" Company`) where Papa Parse loses the rest of the file.
 * Several times slower: only for files whose quotes the fast parser could not read.
 */
export async function parseCsvTolerant(text: AsyncIterable<string> | Buffer, delimiter: Delimiter, name: string, sink: CsvRowSink): Promise<void> {
  const parser = parse({
    delimiter,
    quote: '"',
    escape: '"',
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const source = Buffer.isBuffer(text) ? Readable.from(chunks(text), { objectMode: false }) : Readable.from(text, { objectMode: false });
  // pipe() does not pass on the source's failure (a file not UTF-8 after all): the parser ends with it.
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const fields of parser as AsyncIterable<string[]>) sink.add(fields);
  } catch (err) {
    source.destroy();
    parser.destroy();
    if (err instanceof ContractFailure || err instanceof NotUtf8After) throw err;
    throw csvFailure(err, name, delimiter);
  }
}

function* chunks(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
}

function csvFailure(err: unknown, name: string, delimiter: Delimiter): ContractFailure {
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
    return importFailure(
      'CORRUPT_FILE',
      `${name} cannot be read as ${delimiterName(delimiter)}-separated text${where} (${err.message})`,
      'choose another delimiter or encoding, or export the file again',
    );
  }
  const text = err instanceof Error ? err.message : String(err);
  return importFailure('CORRUPT_FILE', `${name} cannot be read (${text})`, 'export the file from the ATS again');
}
