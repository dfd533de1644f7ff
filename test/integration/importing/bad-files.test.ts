import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, truncateSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import type { ImportRequest } from '../../../shared/contract/import';
import { cfbFile, JOB_HEADERS, jobRow, snapshot, testWorkspace, writeSheets, writeWorkbook, zipOf, type TestWorkspace } from './support';

/**
 * Every bad file fails with one line (reason: suggestion) and leaves the workspace exactly as it
 * was: here a workspace that already holds an earlier import.
 */
describe('files that cannot be imported', () => {
  let w: TestWorkspace;
  let good: string;

  beforeAll(async () => {
    w = testWorkspace('rscw-bad-');
    good = await writeSheets(join(w.dir, 'good.xlsx'), { Jobs: [JOB_HEADERS, ...Array.from({ length: 30 }, (_, i) => jobRow(i + 1))] });
    await importIntoWorkspace(w.db, { path: good });
  });

  async function expectFailure(request: ImportRequest, code: string, message: RegExp, maxRows?: number) {
    const before = snapshot(w.db);
    const err = (await importIntoWorkspace(w.db, request, { maxRows }).then(
      () => null,
      (e: unknown) => e,
    )) as { code?: string; message?: string } | null;
    expect(err, 'the import should have failed').not.toBeNull();
    expect(err?.code).toBe(code);
    expect(err?.message).toMatch(message);
    expect(err?.message?.split('\n')).toHaveLength(1);
    expect(snapshot(w.db)).toBe(before);
  }

  function file(name: string, content: Buffer | string): string {
    const path = join(w.dir, name);
    writeFileSync(path, content);
    return path;
  }

  it('rejects a file that does not exist', async () => {
    await expectFailure({ path: join(w.dir, 'nope.xlsx') }, 'FILE_NOT_FOUND', /nope\.xlsx does not exist: check the path/);
  });

  it('rejects an empty file', async () => {
    await expectFailure({ path: file('empty.csv', '') }, 'FILE_EMPTY', /^empty\.csv is empty \(0 bytes\): export the data from the ATS again$/);
  });

  it('rejects a text file with nothing but a BOM and blank lines', async () => {
    await expectFailure({ path: file('blank.csv', '\uFEFF\r\n\r\n  \r\n') }, 'NO_DATA', /blank\.csv contains no rows/);
  });

  it('rejects a workbook whose sheets are all empty', async () => {
    const path = await writeWorkbook(join(w.dir, 'nothing.xlsx'), (wb) => {
      wb.addWorksheet('Sheet1');
    });
    await expectFailure({ path }, 'NO_DATA', /nothing\.xlsx is empty: check that the export contains data/);
  });

  it('rejects an .xlsx that is not a zip at all', async () => {
    await expectFailure({ path: file('garbage.xlsx', Buffer.from('this is not a workbook '.repeat(100))) }, 'CORRUPT_FILE', /garbage\.xlsx is not a valid \.xlsx file.*: open it in Excel and save it again/);
  });

  it('rejects a truncated workbook', async () => {
    const bytes = readFileSync(good);
    await expectFailure({ path: file('truncated.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))) }, 'CORRUPT_FILE', /truncated\.xlsx is damaged and cannot be read as an Excel workbook .*: open it in Excel and save it again as \.xlsx/);
  });

  it('rejects a zip archive that is not a workbook', async () => {
    await expectFailure({ path: file('archive.xlsx', zipOf({ 'readme.txt': 'hello' })) }, 'CORRUPT_FILE', /archive\.xlsx is a zip archive but not an Excel workbook/);
  });

  it('rejects a password-protected workbook', async () => {
    await expectFailure({ path: file('secret.xlsx', cfbFile(true)) }, 'PASSWORD_PROTECTED', /secret\.xlsx is password-protected: open it in Excel, remove the password/);
  });

  it('rejects an Excel 97–2003 .xls with the fix', async () => {
    await expectFailure({ path: file('old.xls', cfbFile(false)) }, 'UNSUPPORTED_FORMAT', /old\.xls is an Excel 97–2003 workbook \(\.xls\), which cannot be read: open it in Excel and save it as \.xlsx/);
  });

  it('rejects an Apple Numbers file with the fix', async () => {
    await expectFailure({ path: file('jobs.numbers', zipOf({ 'Index/Document.iwa': 'x' })) }, 'UNSUPPORTED_FORMAT', /jobs\.numbers is an Apple Numbers file.*Export To › Excel/);
  });

  it('rejects a web page saved as .xls', async () => {
    await expectFailure({ path: file('report.xls', '<html><body><table><tr><td>Job ID</td></tr></table></body></html>') }, 'UNSUPPORTED_FORMAT', /report\.xls is a web page \(HTML\)/);
  });

  it('rejects a binary file that is no spreadsheet', async () => {
    await expectFailure({ path: file('photo.csv', Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7) % 256))) }, 'UNSUPPORTED_FORMAT', /photo\.csv is neither a spreadsheet nor a text \(CSV\) file/);
  });

  it('rejects a csv with a quote that is never closed', async () => {
    await expectFailure({ path: file('broken.csv', 'Job ID,Job Title\n1,"Engineer\n2,Designer\n') }, 'CORRUPT_FILE', /broken\.csv has a quoted field that is never closed/);
  });

  it('rejects a file over 500 MB', async () => {
    const path = join(w.dir, 'huge.csv');
    closeSync(openSync(path, 'w'));
    truncateSync(path, 501 * 1024 * 1024); // sparse: no disk space used
    await expectFailure({ path }, 'FILE_TOO_LARGE', /huge\.csv is 501 MB, more than the 500 MB limit: split the export/);
  });

  it('rejects a sheet with more rows than the limit, xlsx and csv alike', async () => {
    const rows = [JOB_HEADERS, ...Array.from({ length: 12 }, (_, i) => jobRow(100 + i))];
    const xlsx = await writeSheets(join(w.dir, 'long.xlsx'), { Jobs: rows });
    await expectFailure({ path: xlsx }, 'TOO_MANY_ROWS', /Sheet "Jobs" has more than 10 rows, the limit per sheet: split the export/, 10);
    const csv = file('long.csv', rows.map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : String(c))).join(',')).join('\n'));
    await expectFailure({ path: csv }, 'TOO_MANY_ROWS', /long\.csv has more than 10 rows/, 10);
  });

  it('rejects a sheet whose key field has no column', async () => {
    const path = await writeSheets(join(w.dir, 'nokey.xlsx'), { Jobs: [['Job Title', 'Apply URL', 'Status'], ['Engineer', 'https://x.example', 'Open']] });
    await expectFailure({ path, category: 'jobs' }, 'KEY_NOT_MAPPED', /Sheet "Jobs" \(jobs\) has no column mapped to the key field externalJobPostingId/);
  });

  it('rejects a sheet name the file does not have', async () => {
    await expectFailure({ path: good, sheets: [{ sheet: 'Candidates' }] }, 'SHEET_NOT_FOUND', /good\.xlsx has no sheet named "Candidates" \(it has "Jobs"\)/);
  });

  it('rejects a file where no sheet can be told apart', async () => {
    const path = await writeSheets(join(w.dir, 'budget.xlsx'), { Budget: [['Region', 'Quarter', 'Revenue'], ['EU', 'Q1', 100]] });
    await expectFailure({ path }, 'NO_CATEGORY', /Cannot tell which kind of records budget\.xlsx holds: choose the sheet and its category/);
  });

  it('rejects a mapping to a field that does not exist', async () => {
    await expectFailure({ path: good, sheets: [{ sheet: 'Jobs', category: 'jobs', mapping: { 'Job Title': 'jobTitle' } }] }, 'BAD_MAPPING', /"jobTitle" \(mapped from "Job Title"\) is not an RSC field of jobs/);
  });
});

describe('a cancelled import', () => {
  it('leaves the workspace unchanged when cancelled while reading', async () => {
    const w = testWorkspace();
    const path = join(w.dir, 'jobs.csv');
    writeFileSync(path, [JOB_HEADERS.join(','), ...Array.from({ length: 12_000 }, (_, i) => `J${i},Engineer,desc,"Berlin, Germany",Open,https://x.example/${i},2025-01-01`)].join('\n'));
    const before = snapshot(w.db);
    const err = await importIntoWorkspace(w.db, { path }, { isCancelled: () => true }).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('CANCELLED');
    expect(snapshot(w.db)).toBe(before);
  });

  it('rolls back everything already written when cancelled while storing', async () => {
    const w = testWorkspace();
    await importIntoWorkspace(w.db, { path: await writeSheets(join(w.dir, 'first.xlsx'), { Jobs: [JOB_HEADERS, jobRow(1)] }) });
    const path = join(w.dir, 'jobs.csv');
    writeFileSync(path, [JOB_HEADERS.join(','), ...Array.from({ length: 12_000 }, (_, i) => `J${i},Engineer,desc,"Berlin, Germany",Open,https://x.example/${i},2025-01-01`)].join('\n'));
    const before = snapshot(w.db);
    let storing = 0;
    const err = await importIntoWorkspace(
      w.db,
      { path },
      {
        onProgress: (_d, _t, message) => {
          if (message.startsWith('Storing')) storing++;
        },
        // Cancel after the first batch of 5,000 records was written inside the transaction.
        isCancelled: () => storing >= 1,
      },
    ).catch((e: { code?: string }) => e);
    expect((err as { code?: string }).code).toBe('CANCELLED');
    expect(storing).toBeGreaterThanOrEqual(1);
    expect(snapshot(w.db)).toBe(before);
  });
});
