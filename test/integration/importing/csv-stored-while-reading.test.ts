import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectFile } from '../../../electron/core/importing/inspect-file';
import { importIntoWorkspace, type ImportHooks } from '../../../electron/core/importing/import-into-workspace';
import { readSpreadsheet } from '../../../electron/core/importing/reading/read-file';
import { readCsv } from '../../../electron/core/importing/reading/csv-reader';
import { PackedRow } from '../../../electron/core/importing/reading/parsed-sheet';
import { StreamedSheetWrite } from '../../../electron/core/importing/writing/streamed-sheet-write';
import { importRequestSchema } from '../../../shared/contract/import';
import type { Db } from '../../../electron/core/db/connection';
import type { ImportRequest, ImportSummary } from '../../../shared/contract/import';
import { JOB_HEADERS, jobRow, snapshot, workspacesPerTest } from './support';
import { tempDir } from '../../support/temp';

// A text file is read a chunk at a time on the import's own thread, its rows stored as they come
// (csv-reader.ts, streamed-sheet-write.ts). Each test compares with the same import from a whole
// read: the wizard's kept inspection read, which is never streamed.

const ROWS = 3_000;

function csvCell(v: unknown): string {
  const s = v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A jobs export past the point (~2,000 rows) at which rows start being stored while reading; `line` may change a line's text. */
function jobsCsv(path: string, line: (i: number, text: string) => string = (_i, t) => t, rows = ROWS): string {
  const lines = ['Jobs export, March', '', JOB_HEADERS.map(csvCell).join(',')];
  for (let i = 1; i <= rows; i++) {
    const overrides: Record<string, unknown> = {};
    if (i % 7 === 0) overrides['Job Description'] = 'Too short';
    if (i === 2_400) overrides['Job ID'] = 'J-17';
    if (i === 2_450) overrides['Job ID'] = null;
    lines.push(line(i, jobRow(i, overrides).map(csvCell).join(',')));
  }
  lines.push(`Total,${rows}`);
  writeFileSync(path, lines.join('\r\n') + '\r\n');
  return path;
}

function stored(db: Db): unknown {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    records: all(`SELECT key, sheet_id, source_row, status, error_count, warning_count, info_count, check_key, check_parent,
      check_candidate, missing_from_source, values_json, original_json, source_json FROM records_wide ORDER BY id`),
    issues: all('SELECT r.key, i.rule, i.field, i.severity, i.message, i.fix_json FROM record_issues i JOIN records r ON r.id = i.record_id ORDER BY i.rowid'),
    sheets: all('SELECT file_id, name, category, header_row, headers_json, mapping_json, options_json, row_count FROM source_sheets ORDER BY id'),
    files: all('SELECT path, name, sha256, size FROM source_files ORDER BY id'),
  };
}

function summaryOf(s: ImportSummary): unknown {
  const { durationMs: _d, phases: _p, ...rest } = s;
  return rest;
}

describe('a text file stored while it is read', () => {
  const workspace = workspacesPerTest('rscw-csv-streamed-');

  async function importBothWays(path: string, hooks: ImportHooks = {}, request: Omit<ImportRequest, 'path'> = {}) {
    const streamed = workspace();
    const whole = workspace();
    const a = await importIntoWorkspace(streamed.db, { path, ...request }, hooks);
    await inspectFile(path);
    const b = await importIntoWorkspace(whole.db, { path, ...request }, hooks);
    expect(b.phases.storedWhileReading).toBe(false);
    expect(stored(streamed.db)).toEqual(stored(whole.db));
    expect(summaryOf(a)).toEqual(summaryOf(b));
    return { a, b, streamed, whole };
  }

  it('stores what a whole read stores: title rows, skipped rows, a total row, failed rules', async () => {
    const dir = tempDir('rscw-csv-streamed-file-');
    const { a } = await importBothWays(jobsCsv(join(dir, 'jobs.csv')));
    expect(a.phases.storedWhileReading).toBe(true);
    expect(a.sheets[0]).toMatchObject({ headerRow: 3, rows: ROWS + 1, added: ROWS - 2, skipped: 3 });
    expect(a.sheets[0].skippedReasons).toEqual({ 'Duplicate key': 1, 'No value for the key "Job ID" (externalJobPostingId)': 1, 'Total row': 1 });
    expect(a.compliance.jobs?.error).toBeGreaterThan(400);
  });

  it('stores what a whole read stores with a chosen header row, near the start or far into the file', async () => {
    const dir = tempDir('rscw-csv-streamed-file-');
    const path = jobsCsv(join(dir, 'jobs.csv'));
    const chosen = await importBothWays(path, {}, { sheets: [{ sheet: 'jobs', headerRow: 3 }] });
    expect(chosen.a.phases.storedWhileReading).toBe(true);
    // Past the rows the plan is made from: the file is stored once read, as a whole read stores it.
    const far = await importBothWays(path, {}, { sheets: [{ sheet: 'jobs', headerRow: 2_600, category: 'jobs', mapping: { 'J-2597': 'externalJobPostingId' } }] });
    expect(far.a.phases.storedWhileReading).toBe(false);
    expect(far.a.sheets[0]).toMatchObject({ headerRow: 2_600, added: ROWS - 2_597 });
  });

  it('stores what a whole read stores when the file is read again: a stray quote, bytes not UTF-8, a NUL, all past its start', async () => {
    const dir = tempDir('rscw-csv-streamed-file-');
    // Papa Parse gives up on the quote at row 2,900, after rows were stored: csv-parse reads the file again.
    const quote = await importBothWays(jobsCsv(join(dir, 'quote.csv'), (i, t) => (i === 2_900 ? t.replace('Engineer 2900', 'The "Big" Engineer') : t)));
    expect(quote.a.phases.storedWhileReading).toBe(true);
    expect(quote.a.sheets[0].added).toBe(ROWS - 2);

    // A Windows-1252 "é" far past the first 64 KB: the whole file is Windows-1252, as a whole read detects.
    const path = jobsCsv(join(dir, 'latin.csv'), (i, t) => (i === 2_950 ? t.replace('Engineer 2950', 'Ingénieur 2950') : t));
    writeFileSync(path, Buffer.from(readFileSync(path, 'utf8'), 'latin1'));
    const latin = await importBothWays(path);
    expect(latin.a.phases.storedWhileReading).toBe(true);
    expect(latin.a.file.text?.encoding).toBe('windows-1252');
    expect(latin.streamed.db.prepare("SELECT count(*) AS n FROM records_wide WHERE values_json LIKE '%Ingénieur 2950%'").get()).toEqual({ n: 1 });

    const nul = await importBothWays(jobsCsv(join(dir, 'nul.csv'), (i, t) => (i === 2_800 ? t.replace('Engineer 2800', 'Engi\u0000neer 2800') : t)));
    expect(nul.a.phases.storedWhileReading).toBe(true);
    expect(nul.a.sheets[0].issueCount).toBe(1);
  });

  it('leaves the workspace as it was when cancelled while storing, or when the file turns out damaged', async () => {
    const dir = tempDir('rscw-csv-streamed-file-');
    const w = workspace();
    await importIntoWorkspace(w.db, { path: jobsCsv(join(dir, 'first.csv')) });
    const before = snapshot(w.db);
    let read = 0;
    const done: number[] = [];
    const cancelling: ImportHooks = {
      onProgress: (d, _total, message) => {
        const m = /Reading and storing .*: ([\d,]+) rows/.exec(message);
        if (m) read = Number(m[1].replace(/,/g, ''));
        if (m) done.push(d);
      },
      isCancelled: () => read >= 8_000,
    };
    const big = jobsCsv(join(dir, 'big.csv'), (_i, t) => t.replaceAll('J-', 'K-'), 12_000);
    await expect(importIntoWorkspace(w.db, { path: big }, cancelling)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(read).toBeGreaterThanOrEqual(8_000);
    // Progress follows the bytes read (of reading and storing, 900 per mille of the import), not a fixed half.
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done[0]).toBeLessThan(done.at(-1)!);
    expect(done.at(-1)).toBeGreaterThan(450);
    expect(w.db.inTransaction).toBe(false);
    expect(snapshot(w.db)).toBe(before);

    // A quoted field never closed, past the rows stored: the tolerant parser fails the file.
    const damaged = jobsCsv(join(dir, 'damaged.csv'), (i, t) => (i === ROWS ? `${t}\r\nJ-X,"never closed` : t));
    await expect(importIntoWorkspace(w.db, { path: damaged })).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    expect(w.db.inTransaction).toBe(false);
    expect(snapshot(w.db)).toBe(before);
  });

  it('never holds more than the planning sample and a batch of rows while storing', async () => {
    const dir = tempDir('rscw-csv-streamed-file-');
    const rows = 20_000;
    const path = jobsCsv(join(dir, 'held.csv'), (_i, t) => t, rows);
    const w = workspace();
    const streamed = new StreamedSheetWrite(w.db, importRequestSchema.parse({ path }), [], { timeZone: 'UTC', check: true, afterBatch: () => {} });
    let most = 0;
    let calls = 0;
    try {
      const file = await readSpreadsheet(path, {
        onRowsArrived: (sheet, passed) => {
          streamed.arrived(sheet, passed);
          calls++;
          let held = 0;
          for (const r of sheet.rows) if (r instanceof PackedRow) held++;
          most = Math.max(most, held);
        },
      });
      expect(file.sheets[0].rows.length).toBe(rows + 3); // title, header, rows, total
    } finally {
      streamed.abandon();
    }
    expect(calls).toBeGreaterThan(10);
    // Title, header, the 2,000 rows the plan reads again, and what arrived since the last store.
    expect(most).toBeLessThan(2_100 + 2 * 1_024);
  });

  it('reads a file of more than a million rows, where a million was the limit', async () => {
    const dir = tempDir('rscw-csv-streamed-file-');
    const path = join(dir, 'ids.csv');
    const lines = ['id'];
    for (let i = 1; i <= 1_000_001; i++) lines.push(String(i));
    writeFileSync(path, lines.join('\n') + '\n');
    let passed = 0;
    const read = await readCsv(path, 'ids.csv', { passRows: { sheet: () => {}, row: () => void passed++ } });
    expect(read.rows).toBe(1_000_002);
    expect(passed).toBe(1_000_002);
    // The guard against a runaway file stays, where a caller sets it.
    await expect(readCsv(path, 'ids.csv', { maxRows: 1_000, passRows: { sheet: () => {}, row: () => {} } })).rejects.toMatchObject({ code: 'TOO_MANY_ROWS' });
  });
});
