import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCleanExport } from '../../../electron/core/exporting/clean/write-clean';
import { buildExportWorkspace, insertRecord, J1_LISTED_AT, J4_LISTED_AT, JOB_HEADERS, type ExportWorkspace } from './export-workspace';
import { cellAt, headers, readWorkbook, rowOf, sheet, table } from './read-workbook';

let ws: ExportWorkspace;
beforeAll(() => {
  ws = buildExportWorkspace();
});
afterAll(() => ws.db.close());

describe('cleaned data in the source layout', () => {
  it("writes each category in the customer's headers and order, with current values and unmapped columns", async () => {
    const path = join(ws.dir, 'clean.xlsx');
    const result = await writeCleanExport(ws.db, ws.path, { path });
    expect(result).toMatchObject({ path, files: [path], sheets: ['Jobs', 'Candidates', 'Notes'], rows: 6, notesOmitted: 0 });
    const book = await readWorkbook(path);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Jobs', 'Candidates', 'Notes']);
    const jobs = sheet(book, 'Jobs');
    expect(headers(jobs)).toEqual(JOB_HEADERS);
    expect(table(jobs).slice(1).map((r) => r[0])).toEqual(['J-1', 'J-2', 'J-3', 'J-4']);
    const j2 = rowOf(jobs, 'J-2');
    expect(cellAt(jobs, j2, 'City').value).toBe('Paris, FR');
    expect(cellAt(jobs, j2, 'Recruiter').value).toBe('Bob');
    expect(cellAt(jobs, j2, 'Job Title').value).toBeNull();
    expect(cellAt(jobs, rowOf(jobs, 'J-4'), 'Recruiter').value).toBe('Chloé');
    expect(jobs.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keeps unchanged dates as the source wrote them and writes edited ones in the same format', async () => {
    const path = join(ws.dir, 'dates.xlsx');
    await writeCleanExport(ws.db, ws.path, { path, dates: 'source' });
    const jobs = sheet(await readWorkbook(path), 'Jobs');
    const j1 = cellAt(jobs, rowOf(jobs, 'J-1'), 'Posted On');
    expect(j1.value).toBe(J1_LISTED_AT);
    expect(j1.numFmt).toBe('0');
    // Edited from "2024-12-31" to 2025-01-03 00:00 in Paris (epoch ms): written back as the source wrote dates.
    expect(cellAt(jobs, rowOf(jobs, 'J-4'), 'Posted On').value).toBe('2025-01-03');
  });

  it('writes dates as epoch milliseconds when asked', async () => {
    const path = join(ws.dir, 'epoch.xlsx');
    await writeCleanExport(ws.db, ws.path, { path, dates: 'epochMs' });
    const jobs = sheet(await readWorkbook(path), 'Jobs');
    expect(cellAt(jobs, rowOf(jobs, 'J-4'), 'Posted On').value).toBe(J4_LISTED_AT);
    expect(cellAt(jobs, rowOf(jobs, 'J-1'), 'Posted On').value).toBe(J1_LISTED_AT);
  });

  it('exports a filtered view of one category only', async () => {
    const path = join(ws.dir, 'errors.xlsx');
    const result = await writeCleanExport(ws.db, ws.path, { path, filter: { category: 'jobs', status: 'error' } });
    expect(result.rows).toBe(1);
    expect(table(sheet(await readWorkbook(path), 'Jobs')).slice(1).map((r) => r[0])).toEqual(['J-2']);
    await expect(
      writeCleanExport(ws.db, ws.path, { path, category: 'candidates', filter: { category: 'jobs' } }),
    ).rejects.toMatchObject({ code: 'BAD_FILTER' });
  });
});

describe('the notes of a cleaned workbook', () => {
  it('name the source file and sheet of every category sheet, and how the file was written', async () => {
    const path = join(ws.dir, 'notes.xlsx');
    await writeCleanExport(ws.db, ws.path, { path, layout: 'rsc', dates: 'epochMs' });
    const notes = table(sheet(await readWorkbook(path), 'Notes'));
    expect(notes[0]).toEqual(['Sheet', 'Category', 'Source file', 'Source sheet', 'Records']);
    expect(notes.slice(1, 3)).toEqual([
      ['Jobs', 'Jobs', 'acme-jobs.xlsx', 'Open roles', 4],
      ['Candidates', 'Candidates', 'candidates.csv', 'candidates', 2],
    ]);
    const value = (label: string) => notes.find((r) => r[0] === label)?.[1];
    expect(value('Workspace')).toBe('Acme audit');
    expect(value('Columns')).toBe('RSC fields, one column each');
    expect(value('Dates')).toBe('Epoch milliseconds');
    expect(String(value('Exported at'))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Europe\/Paris/);
  });
});

describe('cleaned data in the RSC layout', () => {
  it('writes one column per RSC field, named as the field', async () => {
    const path = join(ws.dir, 'rsc.xlsx');
    const result = await writeCleanExport(ws.db, ws.path, { path, layout: 'rsc', category: 'jobs' });
    expect(result.sheets).toEqual(['Jobs', 'Notes']);
    const jobs = sheet(await readWorkbook(path), 'Jobs');
    expect(headers(jobs)).toEqual([
      'integrationContext', 'externalJobPostingId', 'title', 'description', 'location', 'countryCode', 'postalCode',
      'state', 'companyApplyUrl', 'listedAt',
    ]);
    expect(cellAt(jobs, rowOf(jobs, 'J-2', 2), 'location').value).toBe('Paris, FR');
  });
});

describe('cleaned data as CSV', () => {
  it('writes one UTF-8 file with a byte-order mark per category beside the chosen name, in the source delimiter', async () => {
    const path = join(ws.dir, 'clean.csv');
    const result = await writeCleanExport(ws.db, ws.path, { path });
    expect(result.files).toEqual([join(ws.dir, 'clean-jobs.csv'), join(ws.dir, 'clean-candidates.csv')]);
    expect(result.path).toBe(result.files[0]);
    expect(result.sheets).toEqual(['jobs', 'candidates']);
    const jobs = readFileSync(result.files[0]);
    expect([...jobs.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = jobs.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(JOB_HEADERS.join(','));
    expect(lines[2]).toMatch(/^J-2,,"A long enough description/);
    expect(lines[2]).toMatch(/,"Paris, FR",FR,LISTED,https:\/\/jobs\.example\.com\/J-2,1735723800000,Bob$/);
    expect(lines[4]).toMatch(/,2025-01-03,Chloé$/);
    expect(lines[5]).toBe('');
    const candidates = readFileSync(result.files[1], 'utf8');
    expect(candidates.split('\r\n')[0]).toBe('\uFEFFCandidate ID;First;Last;Email;Created;Modified;Notes');
    expect(result.bytes).toBe(jobs.length + Buffer.byteLength(candidates));
  });

  it('writes exactly the chosen file for one category', async () => {
    const path = join(ws.dir, 'only-jobs.csv');
    const result = await writeCleanExport(ws.db, ws.path, { path, category: ['jobs'] });
    expect(result.files).toEqual([path]);
  });

  it('writes the headers alone for a category asked for by name that has no records', async () => {
    const path = join(ws.dir, 'stages.csv');
    const result = await writeCleanExport(ws.db, ws.path, { path, category: 'stages' });
    expect(result.rows).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe('\uFEFFatsJobApplicationId,stageId,atsCreatedAt,stage\r\n');
  });

  it('refuses a file name that does not match the format', async () => {
    await expect(writeCleanExport(ws.db, ws.path, { path: join(ws.dir, 'x.csv'), format: 'xlsx' })).rejects.toMatchObject({
      code: 'BAD_PATH',
    });
  });
});

describe('records and fields beyond the source columns', () => {
  it('adds a column for a field filled in the app, and fills it for records added without a source row', async () => {
    insertRecord(ws.db, {
      category: 'jobs', key: 'J-5', sheet: null, row: null, source: {},
      original: { externalJobPostingId: 'J-5', title: 'Added in the app', postalCode: '75001' },
    });
    try {
      const path = join(ws.dir, 'extra.xlsx');
      await writeCleanExport(ws.db, ws.path, { path, category: 'jobs' });
      const jobs = sheet(await readWorkbook(path), 'Jobs');
      expect(headers(jobs)).toEqual([...JOB_HEADERS, 'postalCode']);
      const j5 = rowOf(jobs, 'J-5');
      expect(j5).toBe(6);
      expect(cellAt(jobs, j5, 'Job Title').value).toBe('Added in the app');
      expect(cellAt(jobs, j5, 'postalCode').value).toBe('75001');
      expect(cellAt(jobs, j5, 'Recruiter').value).toBeNull();
    } finally {
      ws.db.prepare("DELETE FROM records WHERE key = 'J-5'").run();
    }
  });
});
