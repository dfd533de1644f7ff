import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { ContractFailure } from '../../../shared/contract/define';

/**
 * A streamed .xlsx being written to `path`. Styles on (fills, formats), shared strings off:
 * inline strings need no table held in memory until the end, and write faster.
 */
export class XlsxFile {
  readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly file;
  private failure: Error | null = null;
  private readonly failed: Promise<never>;

  constructor(path: string, options: { styles?: boolean } = {}) {
    this.file = createWriteStream(path);
    // Without a listener, a full disk would crash the process; and commit() would wait forever.
    this.failed = new Promise<never>((_resolve, reject) => {
      this.file.on('error', (err) => {
        this.failure = writeFailure(path, err);
        reject(this.failure);
      });
    });
    this.failed.catch(() => undefined);
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: this.file,
      useStyles: options.styles ?? true,
      useSharedStrings: false,
    });
    this.workbook.creator = 'RSC Workbench';
  }

  /** Throws when the file can no longer be written; call between batches. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  async commit(): Promise<void> {
    this.check();
    await Promise.race([this.workbook.commit(), this.failed]);
  }

  /** Stops writing; the caller removes the temporary file. */
  abort(): void {
    this.file.destroy();
  }
}

function writeFailure(path: string, err: Error): ContractFailure {
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC') return new ContractFailure('DISK_FULL', 'The disk is full: free some space and export again.');
  return new ContractFailure('WRITE_FAILED', `Could not write "${path}": ${err.message}`);
}
