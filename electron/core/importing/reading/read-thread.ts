import { Worker, type ResourceLimits } from 'node:worker_threads';
import { ContractFailure, type ContractError } from '../../../../shared/contract/define';
import { workerEntry } from '../../jobs/worker-entry';
import { PackedRow, packedCells, type CellIssue, type CellLink, type ParsedSheet, type RawCell, type RawRow } from './parsed-sheet';
import { checkedFile, type ParsedFile, type ReadFileOptions } from './read-file';
import { applySheetEnd, type SheetEnd } from './xlsx-reader';
import type { PassedSheet, ReadHooks } from './read-hooks';

/**
 * Reading a file on a thread of its own while the importing thread stores what has arrived. An
 * .xlsx is mostly parsing XML (exceljs, one thread), so on two cores the import's storing can
 * run beside it instead of after it. The reading thread packs rows as an arena does (RowArena)
 * into batches of ~1,000 whose bytes move to this thread, and keeps none; this side's sheet
 * grows by each batch as it comes. What a sheet's end changes (merged cells and hyperlinks
 * follow the rows in the XML) is applied here once it has come, so the file this resolves to is
 * the file readSpreadsheet returns; rows it changes are no longer packed.
 */

const ROWS_PER_BATCH = 1000;
const BATCH_BYTES = 2 * 1024 * 1024;

/** Rows packed for one message: their JSON in one buffer, moved to the other thread (not copied), and each row's place in it. */
export interface RowBatch {
  bytes: ArrayBuffer;
  /** Per row: its number, width, 1 if it has dates, and its start and end in `bytes`. */
  places: Int32Array<ArrayBuffer>;
}

/** Packs rows into batches on the reading thread. */
export class RowBatcher {
  private scratch = Buffer.allocUnsafeSlow(BATCH_BYTES);
  private offset = 0;
  private places: number[] = [];

  /** Adds a row (its cells as read); true when the batch is full. */
  add(row: number, cells: RawCell[]): boolean {
    const { json, hasDates } = packedCells(cells);
    // Worst case 3 bytes per UTF-16 unit.
    if (this.offset + json.length * 3 > this.scratch.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.scratch.length, this.offset + json.length * 3));
      this.scratch.copy(bigger, 0, 0, this.offset);
      this.scratch = bigger;
    }
    const start = this.offset;
    this.offset += this.scratch.write(json, start, 'utf8');
    this.places.push(row, cells.length, hasDates ? 1 : 0, start, this.offset);
    return this.places.length >= 5 * ROWS_PER_BATCH || this.offset > BATCH_BYTES / 2;
  }

  /** The rows added since the last take, if any. */
  take(): RowBatch | null {
    if (this.places.length === 0) return null;
    const bytes = new ArrayBuffer(this.offset);
    this.scratch.copy(new Uint8Array(bytes));
    const batch = { bytes, places: Int32Array.from(this.places) };
    this.offset = 0;
    this.places = [];
    return batch;
  }
}

/** The rows of a batch, packed in its bytes. */
function unbatch(batch: RowBatch, into: RawRow[]): void {
  const chunk = Buffer.from(batch.bytes);
  const p = batch.places;
  for (let i = 0; i < p.length; i += 5) into.push(new PackedRow(p[i], p[i + 1], p[i + 2] === 1, chunk, p[i + 3], p[i + 4]));
}

/**
 * exceljs allocates objects for every XML event and cell, nearly all of which die at once. With
 * V8's default young generation for a worker they were collected so often that many were
 * promoted first: reading the 100,000 × 30 workbook on this thread took ~1.7 s of garbage
 * collection and ~8 s in all; with 128 MB ~6 s (96 MB was not enough). The old generation is
 * bounded, or V8 lets it grow with what was promoted (~420 MB at the import's peak instead of
 * ~385); it needs room above what it holds, or collection takes over (a 160 MB bound made the
 * read 50 s). A file that needs more fails the reading thread, and the import reads it on its own.
 */
export const READER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 128, maxOldGenerationSizeMb: 256 };

/** What the reading thread is given. */
export interface ReadThreadData {
  path: string;
  options: Pick<ReadFileOptions, 'encoding' | 'delimiter' | 'sheets' | 'maxRows'>;
  /** Int32 slot: 1 once the import is cancelled. */
  cancel: SharedArrayBuffer;
}

interface SheetRead {
  name: string;
  columnNames: ParsedSheet['columnNames'];
  links: CellLink[];
  issues: CellIssue[];
  /** Rows the thread passed on. */
  rows: number;
  end: SheetEnd | null;
}

/** What the reading thread posts. */
export type ReadThreadMessage =
  | { type: 'sheet'; sheet: PassedSheet }
  | { type: 'rows'; batch: RowBatch }
  | { type: 'progress'; sheet: string; rows: number; expected: number | null }
  | { type: 'done'; file: Omit<ParsedFile, 'sheets'> & { sheets: SheetRead[] }; names: string[] }
  | { type: 'failed'; failure: ContractError | null; message: string };

/** The reading thread could not do its work (it could not start, or ran out of memory): read on this thread instead. */
export class ReadThreadFailed extends Error {}

/** The reading thread reached its memory limit. */
export class ReadThreadOutOfMemory extends ReadThreadFailed {}

/**
 * A second read of a file the reading thread could not hold: still bounded (a worker's heap that fills ends that
 * worker with an error; the process's own would end the process), with room for any file an import can take.
 */
export const SECOND_READ_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 128, maxOldGenerationSizeMb: 1536 };

/** A row the importing thread no longer needed (it is stored) was needed after all: read the file again. */
export class RowsReleased extends ReadThreadFailed {
  constructor() {
    super('rows already stored and released were needed again');
  }
}

/**
 * A row whose cells were let go once it was stored (StreamedSheetWrite), so that a large
 * sheet is not held in memory twice, as rows and as records. Its number and width remain.
 */
export class ReleasedRow implements RawRow {
  constructor(
    readonly row: number,
    readonly width: number,
  ) {}

  get cells(): RawCell[] {
    throw new RowsReleased();
  }
}

export interface ThreadedReadOptions extends ReadFileOptions, Pick<ReadHooks, 'onRows'> {
  /** Polled as rows arrive; true stops the reading thread, and the read fails as cancelled. */
  isCancelled?(): boolean;
  /**
   * Called after each batch of rows joins its sheet. A sheet read again (a CSV file its fast
   * parser gave up on) comes as a new sheet object. What this throws ends the read with that error.
   * `passed`: what the reading thread said of the sheet when it began.
   */
  onRowsArrived?(sheet: ParsedSheet, passed: PassedSheet): void;
  /** READER_LIMITS unless given. */
  resourceLimits?: ResourceLimits;
}

/**
 * Reads a file on a reading thread; resolves to what readSpreadsheet would, and fails with the
 * same failures (a damaged file, a missing sheet, cancel), or with ReadThreadFailed.
 */
export function readInThread(path: string, options: ThreadedReadOptions): Promise<ParsedFile> {
  const cancel = new Int32Array(new SharedArrayBuffer(4));
  const threadData: ReadThreadData = {
    path,
    options: { encoding: options.encoding, delimiter: options.delimiter, sheets: options.sheets, maxRows: options.maxRows },
    cancel: cancel.buffer as SharedArrayBuffer,
  };
  const { url, workerData } = workerEntry('reader', { ...threadData });
  const worker = new Worker(url, { workerData, resourceLimits: options.resourceLimits ?? READER_LIMITS });
  const sheets: ParsedSheet[] = [];
  let current: ParsedSheet | null = null;
  let passed: PassedSheet | null = null;

  return new Promise<ParsedFile>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, file?: ParsedFile) => {
      if (settled) return;
      settled = true;
      Atomics.store(cancel, 0, 1);
      void worker.terminate();
      if (err) reject(err);
      else resolve(file!);
    };
    worker.on('error', (err) => {
      const outOfMemory = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      finish(new (outOfMemory ? ReadThreadOutOfMemory : ReadThreadFailed)(`the reading thread failed: ${err.message}`));
    });
    // Messages posted just before the thread ended may still be on their way.
    worker.on('exit', () => setImmediate(() => finish(new ReadThreadFailed('the reading thread stopped before the end of the file'))));
    worker.on('message', (m: ReadThreadMessage) => {
      if (settled) return;
      try {
        if (options.isCancelled?.()) Atomics.store(cancel, 0, 1);
        switch (m.type) {
          case 'sheet': {
            passed = m.sheet;
            current = { name: passed.name, rows: [], links: [], issues: [], columnNames: passed.columnNames };
            const again = sheets.findIndex((s) => s.name === passed!.name);
            if (again >= 0) sheets[again] = current;
            else sheets.push(current);
            break;
          }
          case 'rows': {
            const sheet = current!;
            unbatch(m.batch, sheet.rows);
            options.onRowsArrived?.(sheet, passed!);
            break;
          }
          case 'progress':
            options.onRows?.(m.sheet, m.rows, m.expected);
            break;
          case 'done':
            finish(null, checkedFile(assemble(m.file, sheets), m.names, options.sheets));
            break;
          case 'failed':
            finish(m.failure ? new ContractFailure(m.failure.code, m.failure.message, m.failure.details) : new ReadThreadFailed(m.message));
            break;
        }
      } catch (err) {
        finish(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}

/** The file as the reading thread read it: each sheet's rows as they came, then what its end changes (merged cells, hyperlinks). */
function assemble(file: Omit<ParsedFile, 'sheets'> & { sheets: SheetRead[] }, streamed: ParsedSheet[]): ParsedFile {
  const sheets = file.sheets.map((read): ParsedSheet => {
    const sheet = streamed.find((s) => s.name === read.name) ?? { name: read.name, rows: [], links: [], issues: [], columnNames: read.columnNames };
    if (sheet.rows.length !== read.rows) throw new ReadThreadFailed(`sheet "${read.name}" arrived with ${sheet.rows.length} of its ${read.rows} rows`);
    sheet.links = read.links;
    sheet.issues = read.issues;
    if (read.end) applySheetEnd(sheet, read.end);
    return sheet;
  });
  return { ...file, sheets };
}
