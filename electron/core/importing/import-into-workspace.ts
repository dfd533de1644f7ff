import { basename } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { getSetting } from '../db/settings-table';
import { cancelled } from '../jobs/errors';
import type { Category } from '../../../shared/domain';
import {
  importRequestSchema,
  type ComplianceAtAGlance,
  type ImportRequest,
  type ImportRequestParsed as ParsedImportRequest,
  type ImportSummary,
  type PresetInfo,
} from '../../../shared/contract/import';
import { pickSheets, readSpreadsheet, type ParsedFile, type ReadFileOptions } from './reading/read-file';
import { fileSha256 } from './reading/file-hash';
import { takeInspected } from './reading/parsed-file-cache';
import { readInThread, ReadThreadFailed, ReadThreadOutOfMemory, RowsReleased, SECOND_READ_LIMITS } from './reading/read-thread';
import { importFailure } from './import-failure';
import { detectFileFormat } from './reading/file-format';
import { planImport } from './import-plan';
import { ImportWrite, type ImportWriteOptions } from './writing/import-write';
import { StreamedSheetWrite } from './writing/streamed-sheet-write';
import { checkAfterImport } from './check-after-import';
import { invalidateComplianceIndex, TIME_ZONE_SETTING } from '../compliance';
import { isValidTimeZone } from '../../../shared/values/dates';
import { releaseMemory } from './release-memory';

export interface ImportHooks {
  /** Presets matched automatically against each sheet's headers. */
  presets?: PresetInfo[];
  onProgress?(done: number, total: number, message: string): void;
  /** Polled between batches (reading and writing); true stops the import and rolls everything back. */
  isCancelled?(): boolean;
  /** Rows per sheet beyond which the import stops (tests lower it). */
  maxRows?: number;
  /** Run the compliance check after storing (default true). */
  check?: boolean;
  /** The reading thread's memory limits (tests lower them, to see the file read on the import's own thread instead). */
  readingThreadLimits?: ResourceLimits;
  /** The second read's limits when the reading thread ran out of memory (SECOND_READ_LIMITS unless given). */
  secondReadLimits?: ResourceLimits;
}

/** Progress is reported in per-mille of the whole import: reading, then writing, then checking. */
const READ_SHARE = 600;
const WRITE_SHARE = 300;
const TOTAL = 1000;

/**
 * Imports an ATS export into the workspace. A one-sheet file is stored while it is read (an
 * .xlsx read on a reading thread, a text file a chunk at a time here: StreamedSheetWrite); a
 * file the wizard read, or one that cannot be stored so, is read completely first and then
 * written. Either way every sheet is written in one transaction in large synchronous batches,
 * so a failure or a cancel leaves the workspace exactly as it was. Each record is checked as it is written, its row stored once with its
 * result; the cross-record rules (references, duplicate keys) are then settled in the same
 * transaction, rewriting only the records whose outcome they change. When stored results of
 * other records cannot be trusted (never checked, another rule pack or time zone) a full check
 * runs after the commit instead.
 */
export async function importIntoWorkspace(db: Db, input: ImportRequest, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const started = performance.now();
  const request = importRequestSchema.parse(input);
  const progress = hooks.onProgress ?? (() => {});
  const stored = await readAndStore(db, request, hooks, progress);
  const storedAt = performance.now();
  let checked = stored.settled;
  if (hooks.check !== false && !checked) {
    // The parsed rows are unreachable from here on: let the check reuse their memory.
    await releaseMemory();
    checked = checkAfterImport(db, (done, total, message) =>
      progress(READ_SHARE + WRITE_SHARE + Math.round(((TOTAL - READ_SHARE - WRITE_SHARE) * done) / Math.max(1, total)), TOTAL, message),
    );
  }
  const done = performance.now();
  progress(TOTAL, TOTAL, 'Imported');
  return {
    file: stored.file,
    sheets: stored.sheets,
    ignored: stored.ignored,
    compliance: complianceAtAGlance(db, [...new Set(stored.sheets.map((s) => s.category))]),
    checked,
    durationMs: Math.round(done - started),
    phases: {
      readMs: Math.round(stored.readAt - started),
      storeMs: Math.round(storedAt - stored.readAt),
      checkMs: Math.round(done - storedAt),
      storedWhileReading: stored.storedWhileReading,
    },
  };
}

async function readAndStore(
  db: Db,
  request: ParsedImportRequest,
  hooks: ImportHooks,
  progress: (done: number, total: number, message: string) => void,
): Promise<Pick<ImportSummary, 'file' | 'sheets' | 'ignored'> & { readAt: number; settled: boolean; storedWhileReading: boolean }> {
  const throwIfCancelled = () => {
    if (hooks.isCancelled?.()) throw cancelled();
  };
  const hash = fileSha256(request.path);
  hash.catch(() => {}); // awaited below; reading reports a missing or unreadable file first
  progress(0, TOTAL, 'Reading the file');
  const zone = getSetting(db, TIME_ZONE_SETTING) ?? 'UTC';
  const timeZone = isValidTimeZone(zone) ? zone : 'UTC'; // as the compliance check reads it
  let written = 0;
  let totalRows = 0;
  const writeOptions: ImportWriteOptions = {
    timeZone,
    check: hooks.check !== false,
    afterBatch(sheet, rows) {
      written += rows;
      throwIfCancelled();
      // While the file is still being read (rows stored as they come), the read reports progress.
      if (totalRows > 0) progress(READ_SHARE + Math.round((WRITE_SHARE * written) / totalRows), TOTAL, `Storing ${sheet}`);
    },
  };
  // Rows stored while the file is read; null when they are not (or no longer: the file was read again).
  let streamed: StreamedSheetWrite | null = null;
  const readOptions: ReadFileOptions = {
    encoding: request.encoding,
    delimiter: request.delimiter,
    sheets: request.sheets?.map((s) => s.sheet),
    maxRows: hooks.maxRows,
    throwIfCancelled,
    onRows: (sheet, rows, expected) => {
      const share = expected ? Math.min(1, rows / expected) : 0.5;
      // Rows stored as they are read: the read is most of the import's time.
      if (streamed?.storing) {
        progress(Math.round((READ_SHARE + WRITE_SHARE) * share), TOTAL, `Reading and storing ${sheet}: ${rows.toLocaleString('en-US')} rows`);
      } else progress(Math.round(READ_SHARE * share), TOTAL, `Reading ${sheet}: ${rows.toLocaleString('en-US')} rows`);
    },
  };
  // The wizard's inspection read the whole file a moment ago: used as it is while the file is unchanged.
  const choice = { encoding: request.encoding, delimiter: request.delimiter };
  const inspected = hooks.maxRows === undefined ? await takeInspected(request.path, choice, hash) : null;
  let file: ParsedFile;
  if (inspected) file = pickSheets(inspected, readOptions.sheets);
  else if (!isWorkbook(request.path)) {
    // A text file is read here, a chunk at a time, its rows stored as they come and let go.
    const alongside = new StreamedSheetWrite(db, request, hooks.presets ?? [], writeOptions, true);
    streamed = alongside;
    try {
      file = await readSpreadsheet(request.path, { ...readOptions, onRowsArrived: (sheet, passed) => alongside.arrived(sheet, passed) });
    } catch (err) {
      alongside.abandon();
      throw err;
    }
  } else {
    const alongside = new StreamedSheetWrite(db, request, hooks.presets ?? [], writeOptions);
    streamed = alongside;
    const read = await readStoringMeanwhile(request.path, readOptions, alongside, hooks);
    file = read.file;
    if (read.readAgain) streamed = null;
  }
  const readAt = performance.now();
  try {
    throwIfCancelled();
    const sha = await hash;
    const beforeSettling = () => {
      throwIfCancelled();
      progress(READ_SHARE + WRITE_SHARE, TOTAL, 'Checking references and duplicate keys');
    };
    const store = (read: ParsedFile, meanwhile: StreamedSheetWrite | null) => {
      const { plans, ignored } = planImport(read, request, hooks.presets ?? []);
      totalRows = plans.reduce((n, p) => n + (p.table.end - p.table.start), 0);
      const streamedOutcome = meanwhile?.finish(read, plans, sha, beforeSettling) ?? 'whole';
      if (streamedOutcome === 'read-again') return null;
      const outcome = streamedOutcome !== 'whole' ? streamedOutcome : db.transaction(() => {
        const write = new ImportWrite(db, read, writeOptions);
        for (const plan of plans) write.sheet(plan, read.text).finish(plan.table, read.text);
        return write.end(read, sha, beforeSettling);
      })();
      return {
        file: { path: read.path, name: read.name, size: read.size, sha256: sha, kind: read.kind, text: read.text },
        sheets: outcome.summaries,
        ignored,
        readAt,
        settled: outcome.settled,
        storedWhileReading: streamedOutcome !== 'whole',
      };
    };
    let stored: ReturnType<typeof store> = null;
    try {
      stored = store(file, streamed);
    } catch (err) {
      if (!(err instanceof RowsReleased)) throw err;
    }
    if (stored) return stored;
    // What was stored while reading is rolled back, and its rows let go: the file is read again.
    streamed?.abandon();
    written = 0;
    readsAgain++;
    return store(await readSpreadsheet(request.path, readOptions), null)!;
  } finally {
    // Rolls back what was stored while reading unless finish() committed it.
    streamed?.abandon();
    // Rows were written past the engine's index of this connection (data_version does not see them).
    invalidateComplianceIndex(db);
  }
}

/**
 * An .xlsx is read on a reading thread while its rows are stored (reading is most of its import).
 * A text file is read ~7× faster than it is stored: passing its rows between threads would cost
 * more than the overlap saves, so it is read on this thread, its rows stored between its chunks.
 */
function isWorkbook(path: string): boolean {
  try {
    return detectFileFormat(path).kind === 'xlsx';
  } catch {
    return false; // the read says what is wrong with the file
  }
}

/**
 * Reads the file on a reading thread, storing its rows as they arrive (StreamedSheetWrite), or
 * here as before when that thread cannot do its work (`readAgain`: then nothing is left stored).
 */
async function readStoringMeanwhile(
  path: string,
  options: ReadFileOptions,
  streamed: StreamedSheetWrite,
  hooks: ImportHooks,
): Promise<{ file: ParsedFile; readAgain: boolean }> {
  try {
    const file = await readInThread(path, {
      ...options,
      isCancelled: hooks.isCancelled,
      onRowsArrived: (sheet, passed) => streamed.arrived(sheet, passed),
      resourceLimits: hooks.readingThreadLimits,
    });
    return { file, readAgain: false };
  } catch (err) {
    streamed.abandon();
    if (!(err instanceof ReadThreadFailed)) throw err;
    readsAgain++;
    if (!(err instanceof ReadThreadOutOfMemory)) return { file: await readSpreadsheet(path, options), readAgain: true };
    return { file: await readWithMoreMemory(path, options, hooks), readAgain: true };
  }
}

/**
 * A file the reading thread could not hold is read again on a thread with more room, never on this one: a heap that
 * fills here ends the process (the CLI's with a stack trace), where a thread's ends the thread, and the import says so.
 */
async function readWithMoreMemory(path: string, options: ReadFileOptions, hooks: ImportHooks): Promise<ParsedFile> {
  const limits = hooks.secondReadLimits ?? SECOND_READ_LIMITS;
  try {
    return await readInThread(path, { ...options, isCancelled: hooks.isCancelled, resourceLimits: limits });
  } catch (err) {
    if (err instanceof ReadThreadOutOfMemory) {
      throw importFailure(
        'FILE_TOO_LARGE',
        `${basename(path)} needs more memory to read than an import may use (${limits.maxOldGenerationSizeMb ?? 0} MB)`,
        'split it into smaller files, or save it as .csv',
      );
    }
    if (err instanceof ReadThreadFailed) return readSpreadsheet(path, options);
    throw err;
  }
}

let readsAgain = 0;

/** How many imports have read their file a second time, on their own thread (for tests). */
export function importsReadAgain(): number {
  return readsAgain;
}

function complianceAtAGlance(db: Db, categories: Category[]): Partial<Record<Category, ComplianceAtAGlance>> {
  const out: Partial<Record<Category, ComplianceAtAGlance>> = {};
  const stmt = db.prepare('SELECT status, count(*) AS n FROM records WHERE category = ? AND excluded = 0 GROUP BY status');
  for (const c of categories) {
    const counts: ComplianceAtAGlance = { compliant: 0, warning: 0, error: 0, unchecked: 0 };
    for (const row of stmt.all(c) as { status: string; n: number }[]) {
      if (row.status in counts) counts[row.status as keyof ComplianceAtAGlance] += row.n;
    }
    out[c] = counts;
  }
  return out;
}
