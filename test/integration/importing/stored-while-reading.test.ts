import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { inspectFile } from '../../../electron/core/importing/inspect-file';
import { importIntoWorkspace, importsReadAgain, type ImportHooks } from '../../../electron/core/importing/import-into-workspace';
import { readInThread, ReadThreadFailed } from '../../../electron/core/importing/reading/read-thread';
import { readSpreadsheet } from '../../../electron/core/importing/reading/read-file';
import { openZip } from '../../../electron/core/importing/reading/zip-archive';
import type { Db } from '../../../electron/core/db/connection';
import type { ImportSummary } from '../../../shared/contract/import';
import { editField, JOB_HEADERS, jobRow, snapshot, workspacesPerTest, writeWorkbook, zipOf } from './support';
import { tempDir } from '../../support/temp';

// A workbook is read on a reading thread while its rows are stored (read-thread.ts,
// streamed-sheet-write.ts). Each test compares with the same import from a whole read: the
// wizard's kept inspection read, which is never streamed.

const ROWS = 3_000;

/** A jobs export past the point (~2,000 rows) at which rows start being stored while reading. */
async function jobsWorkbook(path: string, change: (ws: ExcelJS.Worksheet) => void = () => {}): Promise<string> {
  return writeWorkbook(path, (wb) => {
    const ws = wb.addWorksheet('Jobs');
    ws.addRow(['Jobs export, March']);
    ws.addRow([]);
    ws.addRow(JOB_HEADERS);
    for (let i = 1; i <= ROWS; i++) {
      // Some records fail a rule, one repeats a key, one has none.
      const overrides: Record<string, unknown> = {};
      if (i % 7 === 0) overrides['Job Description'] = 'Too short';
      if (i === 2_400) overrides['Job ID'] = 'J-17';
      if (i === 2_450) overrides['Job ID'] = null;
      ws.addRow(jobRow(i, overrides));
    }
    ws.addRow(['Total', ROWS]);
    change(ws);
  });
}

/** What an import stored, without ids of its own or times. */
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

describe('a workbook stored while it is read', () => {
  const workspace = workspacesPerTest('rscw-streamed-');

  /** Imports `path` into a workspace as read on the reading thread, and into another from a whole read (new ones unless given). */
  async function importBothWays(path: string, hooks: ImportHooks = {}, streamed = workspace(), whole = workspace()) {
    const a = await importIntoWorkspace(streamed.db, { path }, hooks);
    await inspectFile(path);
    const b = await importIntoWorkspace(whole.db, { path }, hooks);
    expect(b.phases.storedWhileReading).toBe(false);
    expect(stored(streamed.db)).toEqual(stored(whole.db));
    expect(summaryOf(a)).toEqual(summaryOf(b));
    return { a, b, streamed, whole };
  }

  it('stores what a whole read stores: title rows, skipped rows, a total row, failed rules, a re-import with a fix', async () => {
    const dir = tempDir('rscw-streamed-file-');
    const { a, streamed, whole } = await importBothWays(await jobsWorkbook(join(dir, 'jobs.xlsx')));
    expect(a.phases.storedWhileReading).toBe(true);
    expect(a.sheets[0]).toMatchObject({ headerRow: 3, rows: ROWS + 1, added: ROWS - 2, skipped: 3 });
    expect(a.sheets[0].skippedReasons).toEqual({ 'Duplicate key': 1, 'No value for the key "Job ID" (externalJobPostingId)': 1, 'Total row': 1 });
    expect(a.compliance.jobs?.error).toBeGreaterThan(400);

    // The consultant fixes a description; the customer's next export changes other rows.
    for (const w of [streamed, whole]) editField(w.db, 'jobs', 'J-7', 'description', 'A description long enough for LinkedIn. '.repeat(4));
    const v2 = await jobsWorkbook(join(dir, 'jobs-april.xlsx'), (ws) => {
      ws.getCell('B100').value = 'Principal Engineer';
      ws.spliceRows(200, 1);
    });
    const second = await importBothWays(v2, {}, streamed, whole);
    expect(second.a.phases.storedWhileReading).toBe(true);
    expect(second.a.sheets[0]).toMatchObject({ updated: 1, missing: 1, keptEdits: 1 });
  });

  it('stores the whole read instead when the end of the sheet changes rows already stored, or adds a column', async () => {
    const dir = tempDir('rscw-streamed-file-');
    const changes: Record<string, (ws: ExcelJS.Worksheet) => void> = {
      // Merged cells and hyperlinks are stored after the rows in the sheet's XML.
      merged: (ws) => {
        ws.getCell('D2600').value = null;
        ws.mergeCells('D2599:D2600');
      },
      hyperlink: (ws) => {
        ws.getCell('F2700').value = { text: 'View', hyperlink: 'https://ats.example.com/jobs/2697' };
      },
      wider: (ws) => {
        ws.getCell('H2800').value = 'a note in a column without a header';
      },
    };
    for (const [name, change] of Object.entries(changes)) {
      const readsAgain = importsReadAgain();
      const { a } = await importBothWays(await jobsWorkbook(join(dir, `${name}.xlsx`), change));
      expect(a.phases.storedWhileReading, name).toBe(false);
      // Hyperlinks are known before the rows: nothing is stored, and the read is not done twice.
      expect(importsReadAgain() - readsAgain, name).toBe(name === 'hyperlink' ? 0 : 1);
    }
  });

  it('stores a workbook of several sheets once it is read, unless one sheet is chosen', async () => {
    const path = await writeWorkbook(join(tempDir('rscw-streamed-file-'), 'export.xlsx'), (wb) => {
      wb.addWorksheet('Jobs').addRows([JOB_HEADERS, ...Array.from({ length: ROWS }, (_, i) => jobRow(i + 1))]);
      wb.addWorksheet('Candidates').addRows([['Candidate ID', 'First Name', 'Last Name', 'Email'], ['C-1', 'Ann', 'Lee', 'ann@mail.example']]);
    });
    const readsAgain = importsReadAgain();
    const both = await importBothWays(path);
    expect(both.a.phases.storedWhileReading).toBe(false);
    // Known to be one of several before any row is stored: the read is not done twice.
    expect(importsReadAgain()).toBe(readsAgain);
    expect(both.a.sheets.map((s) => [s.category, s.added])).toEqual([['jobs', ROWS], ['candidates', 1]]);
    const chosen = await importIntoWorkspace(workspace().db, { path, sheets: [{ sheet: 'Jobs' }] });
    expect(chosen.phases.storedWhileReading).toBe(true);
  });

  it('leaves the workspace as it was when cancelled while storing, or when the sheet turns out damaged', async () => {
    const dir = tempDir('rscw-streamed-file-');
    const w = workspace();
    await importIntoWorkspace(w.db, { path: await jobsWorkbook(join(dir, 'first.xlsx')) });
    const before = snapshot(w.db);

    const path = join(dir, 'big.xlsx');
    await writeWorkbook(path, (wb) => {
      const ws = wb.addWorksheet('Jobs');
      ws.addRow(JOB_HEADERS);
      for (let i = 1; i <= 12_000; i++) ws.addRow(jobRow(10_000 + i));
    });
    let read = 0;
    const cancelling: ImportHooks = {
      onProgress: (_done, _total, message) => {
        const m = /Reading and storing Jobs: ([\d,]+) rows/.exec(message);
        if (m) read = Number(m[1].replace(/,/g, ''));
      },
      // Past the 5,000 rows after which the storing itself looks for a cancel.
      isCancelled: () => read >= 8_000,
    };
    await expect(importIntoWorkspace(w.db, { path }, cancelling)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(w.db.inTransaction).toBe(false);
    expect(snapshot(w.db)).toBe(before);

    const damaged = await withDamagedRow(await jobsWorkbook(join(dir, 'damaged.xlsx')), 2_900);
    await expect(importIntoWorkspace(w.db, { path: damaged })).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    expect(w.db.inTransaction).toBe(false);
    expect(snapshot(w.db)).toBe(before);
  });

  it('reads again, on a thread with more room, when the reading thread runs out of memory', async () => {
    const path = await jobsWorkbook(join(tempDir('rscw-streamed-file-'), 'jobs.xlsx'));
    const tiny = { maxOldGenerationSizeMb: 2, maxYoungGenerationSizeMb: 1 };
    await expect(readInThread(path, { resourceLimits: tiny })).rejects.toBeInstanceOf(ReadThreadFailed);
    const readsAgain = importsReadAgain();
    const { a } = await importBothWays(path, { readingThreadLimits: tiny });
    expect(a.phases.storedWhileReading).toBe(false);
    expect(importsReadAgain()).toBe(readsAgain + 1);
    expect(a.sheets[0].added).toBe(ROWS - 2);
  });

  it('resolves, for any file, to what a read on this thread returns', async () => {
    const dir = tempDir('rscw-streamed-file-');
    const csv = join(dir, 'jobs.csv');
    writeFileSync(csv, ['Job ID;Job Title', ...Array.from({ length: 2_500 }, (_, i) => `J-${i};"Engineer\n${i}"`)].join('\r\n'));
    const merged = await jobsWorkbook(join(dir, 'merged.xlsx'), (ws) => {
      ws.getCell('D2600').value = null;
      ws.mergeCells('D2599:D2600');
      ws.getCell('B2700').value = { text: 'Engineer 2697', hyperlink: 'https://ats.example.com/jobs/2697' };
    });
    for (const path of [csv, merged]) {
      const [threaded, here] = [await readInThread(path, {}), await readSpreadsheet(path)];
      const plain = (f: typeof here) => ({ ...f, sheets: f.sheets.map((s) => ({ ...s, rows: s.rows.map((r) => ({ row: r.row, cells: r.cells })) })) });
      expect(plain(threaded)).toEqual(plain(here));
    }
  });
});

/** The workbook with row `row` of its sheet made unreadable XML (a cell whose tags do not close). */
async function withDamagedRow(path: string, row: number): Promise<string> {
  const zip = await openZip(path);
  const parts: Record<string, string> = {};
  try {
    for (const name of zip.names()) parts[name] = await text(await zip.open(name));
  } finally {
    zip.close();
  }
  const sheet = Object.keys(parts).find((n) => n.startsWith('xl/worksheets/sheet'))!;
  parts[sheet] = parts[sheet].replace(`<row r="${row}"`, `<row r="${row}"><c r="A${row}"><v>1</c></row><row r="${row}"`);
  const damaged = path.replace(/\.xlsx$/, '-damaged.xlsx');
  writeFileSync(damaged, zipOf(parts));
  return damaged;
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
