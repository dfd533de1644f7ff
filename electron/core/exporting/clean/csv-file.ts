import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { ContractFailure } from '../../../../shared/contract/define';
import { dateText } from '../../importing/reading/raw-cell-text';
import { csvSafeText } from '../formula-safety';
import type { CleanValue } from './date-output';

const BOM = '\uFEFF';

/**
 * A CSV file as Excel opens it right: UTF-8 with a byte-order mark, CRLF line ends, fields
 * quoted when they hold the delimiter, a quote or a line break, and formula-like text marked
 * as text. Honours back-pressure so a large export never piles up in memory.
 */
export class CsvFile {
  private readonly out: WriteStream;
  private failure: Error | null = null;
  private readonly needsQuotes: RegExp;

  constructor(
    private readonly path: string,
    private readonly delimiter = ',',
  ) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
    this.out.on('error', (err) => (this.failure = err));
    // The delimiters on offer (, ; | tab) are all literal inside a character class.
    this.needsQuotes = new RegExp(`["\\r\\n${delimiter === '\t' ? '\\t' : delimiter}]|^\\s|\\s$`);
    this.out.write(BOM);
  }

  async row(values: CleanValue[]): Promise<void> {
    this.check();
    const line = values.map((v) => this.field(v)).join(this.delimiter) + '\r\n';
    if (!this.out.write(line)) await once(this.out, 'drain');
  }

  private field(value: CleanValue): string {
    if (value === null || value === undefined) return '';
    let text: string;
    // A date cell as the importer keeps its text: wall-clock time, date only at midnight.
    if (value instanceof Date) text = dateText(value);
    else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
    else if (typeof value === 'boolean') text = value ? 'TRUE' : 'FALSE';
    // A NUL (stored by a version that did not clean imports of it) ends the text for many readers of the file.
    else text = csvSafeText(value.includes('\u0000') ? value.replaceAll('\u0000', '') : value);
    return this.needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }

  check(): void {
    if (this.failure) {
      const code = (this.failure as { code?: string }).code;
      throw code === 'ENOSPC'
        ? new ContractFailure('DISK_FULL', 'The disk is full: free some space and export again.')
        : new ContractFailure('WRITE_FAILED', `Could not write "${this.path}": ${this.failure.message}`);
    }
  }

  async close(): Promise<void> {
    this.check();
    this.out.end();
    await once(this.out, 'finish');
    this.check();
  }

  abort(): void {
    this.out.destroy();
  }
}
