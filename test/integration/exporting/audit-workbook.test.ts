import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import type { ExportResult } from '../../../shared/contract/export';
import { setColumnFormat } from '../../../electron/core/compliance';
import { buildExportWorkspace, insertRecord, J1_LISTED_AT, J4_LISTED_AT, SECRET_CLIENT, SECRET_TOKEN, type ExportWorkspace } from './export-workspace';
import { allText, cellAt, fillOf, headers, noteOf, readWorkbook, rowOf, sheet, table } from './read-workbook';
import { zipEntries } from './zip-entries';

const RED = 'FFFFC7CE';
const YELLOW = 'FFFFEB9C';
const LAVENDER = 'FFE4DFEC';
const GREEN = 'FFC6EFCE';

let ws: ExportWorkspace;
let result: ExportResult;
let wb: ExcelJS.Workbook;

beforeAll(async () => {
  ws = buildExportWorkspace();
  const path = join(ws.dir, 'audit.xlsx');
  result = await writeAuditWorkbook(ws.db, ws.path, { path });
  wb = await readWorkbook(path);
});
afterAll(() => ws.db.close());

describe('the audit workbook', () => {
  it('has Summary, one sheet per category with records, Edits, Excluded, Skipped rows, Sync log and Sync bodies, in that order', () => {
    const names = ['Summary', 'Jobs', 'Candidates', 'Edits', 'Excluded', 'Skipped rows', 'Sync log', 'Sync bodies'];
    expect(wb.worksheets.map((w) => w.name)).toEqual(names);
    expect(result.sheets).toEqual(names);
    expect(result.files).toEqual([result.path]);
    expect(result.notesOmitted).toBe(0);
    // 6 records + 3 edits + 1 exclusion + 3 exchanges twice
    expect(result.rows).toBe(6 + 3 + 1 + 3 * 2);
    expect(result.bytes).toBeGreaterThan(1000);
  });

  it('summarises the workspace, its sources, the rule pack, the counts and the failing rules', () => {
    const s = table(sheet(wb, 'Summary'));
    const value = (label: string) => s.find((r) => r[0] === label)?.[1];
    expect(value('Workspace')).toBe('Acme audit');
    expect(value('Workspace file')).toBe(ws.path);
    expect(String(value('Generated at'))).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d Europe\/Paris \(UTC[+-]\d\d:\d\d\)$/);
    expect(value('Rule pack version')).toBe(RULE_PACK_VERSION);
    expect(value('Scope')).toBe('All records');

    const source = s.find((r) => r[0] === 'acme-jobs.xlsx')!;
    expect(source.slice(0, 4)).toEqual(['acme-jobs.xlsx', 'Open roles', 'jobs', 4]);
    expect(source[5]).toBe('a'.repeat(64));
    // 2025-01-10 08:00 UTC is 09:00 in Paris: dates show the workspace's wall-clock time.
    expect((source[4] as Date).toISOString()).toBe('2025-01-10T09:00:00.000Z');

    expect(s.find((r) => r[0] === 'Jobs')).toEqual(['Jobs', 4, 2, 1, 0, 0, 1, 1, 1]);
    expect(s.find((r) => r[0] === 'Candidates')).toEqual(['Candidates', 2, 1, 0, 1, 0, 0, 0, 0]);
    expect(s.find((r) => r[0] === 'Total')).toEqual(['Total', 6, 3, 1, 1, 0, 1, 1, 1]);

    const rules = s.filter((r) => r[1] === 'title-required' || r[1] === 'description-min-length' || r[1] === 'name-looks-like-formula');
    expect(rules.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['title-required', 'error', 1],
      ['description-min-length', 'warning', 1],
      ['name-looks-like-formula', 'warning', 1],
    ]);
  });

  it('writes every record with key, status, readable issues, sync status and LinkedIn answer, then every field', () => {
    const jobs = sheet(wb, 'Jobs');
    expect(headers(jobs).slice(0, 8)).toEqual([
      'Key', 'Status', 'Excluded', 'Issues', 'Sync status', "LinkedIn's answer", 'LinkedIn URN', 'Synced at',
    ]);
    expect(headers(jobs).slice(8)).toEqual([
      'integrationContext', 'externalJobPostingId', 'title', 'description', 'location', 'countryCode', 'postalCode',
      'state', 'companyApplyUrl', 'listedAt', 'listedAt (date, Europe/Paris)',
    ]);
    const j2 = rowOf(jobs, 'J-2');
    expect(cellAt(jobs, j2, 'Status').value).toBe('Errors');
    expect(cellAt(jobs, j2, 'Issues').value).toBe(
      'Error in title: Title is required: add the job title. [title-required]; ' +
        'Warning in description: Description is shorter than 100 characters. [description-min-length]',
    );
    expect(cellAt(jobs, j2, 'Sync status').value).toBe('Failed');
    expect(cellAt(jobs, j2, "LinkedIn's answer").value).toBe('ERROR :: /title :: field is required but not found');
    expect(fillOf(cellAt(jobs, j2, 'Status'))).toBe(RED);

    const j1 = rowOf(jobs, 'J-1');
    expect(cellAt(jobs, j1, 'Sync status').value).toBe('Synced');
    expect(fillOf(cellAt(jobs, j1, 'Sync status'))).toBe(GREEN);
    expect(cellAt(jobs, j1, 'LinkedIn URN').value).toBe('urn:li:jobPosting:111');
    expect(cellAt(jobs, rowOf(jobs, 'J-3'), 'Excluded').value).toBe('Yes: Duplicate of J-1');
  });

  it('fills failing cells by severity with the rule messages as notes', () => {
    const jobs = sheet(wb, 'Jobs');
    const j2 = rowOf(jobs, 'J-2');
    const title = cellAt(jobs, j2, 'title');
    expect(title.value).toBeNull();
    expect(fillOf(title)).toBe(RED);
    expect(noteOf(title)).toBe('Error (title-required): Title is required: add the job title.');
    const description = cellAt(jobs, j2, 'description');
    expect(fillOf(description)).toBe(YELLOW);
    expect(noteOf(description)).toBe('Warning (description-min-length): Description is shorter than 100 characters.');
    const clean = cellAt(jobs, rowOf(jobs, 'J-1'), 'title');
    expect(clean.value).toBe('Data Engineer');
    expect(fillOf(clean)).toBeUndefined();
    expect(noteOf(clean)).toBeUndefined();
  });

  it('marks edited cells, with the original value in the note', () => {
    const jobs = sheet(wb, 'Jobs');
    const location = cellAt(jobs, rowOf(jobs, 'J-2'), 'location');
    expect(location.value).toBe('Paris, FR');
    expect(fillOf(location)).toBe(LAVENDER);
    expect(location.font?.italic).toBe(true);
    expect(noteOf(location)).toBe('Edited. Original value: paris');
    const listed = cellAt(jobs, rowOf(jobs, 'J-4'), 'listedAt');
    expect(listed.value).toBe(J4_LISTED_AT);
    expect(noteOf(listed)).toBe('Edited. Original value: 2024-12-31');
  });

  it('shows dates as dates in the workspace zone next to their epoch ms', () => {
    const jobs = sheet(wb, 'Jobs');
    const j1 = rowOf(jobs, 'J-1');
    const ms = cellAt(jobs, j1, 'listedAt');
    expect(ms.value).toBe(J1_LISTED_AT);
    expect(ms.numFmt).toBe('0');
    const date = cellAt(jobs, j1, 'listedAt (date, Europe/Paris)');
    // 09:30 UTC is 10:30 in Paris in January.
    expect((date.value as Date).toISOString()).toBe('2025-01-01T10:30:00.000Z');
    expect(date.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect((cellAt(jobs, rowOf(jobs, 'J-4'), 'listedAt (date, Europe/Paris)').value as Date).toISOString()).toBe(
      '2025-01-03T00:00:00.000Z',
    );
  });

  it('freezes the header row and the key, with an auto-filter and sensible widths', () => {
    const jobs = sheet(wb, 'Jobs');
    expect(jobs.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(jobs.autoFilter).toBe('A1:S1');
    const widths = jobs.columns.map((c) => c.width ?? 0);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...widths)).toBeLessThanOrEqual(80);
    expect(jobs.getColumn(headers(jobs).indexOf('description') + 1).width).toBe(50);
    expect(jobs.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('lists every operation and changed cell in Edits', () => {
    expect(table(sheet(wb, 'Edits')).map((r) => r.slice(0, 9))).toEqual([
      ['Operation', 'Kind', 'Description', 'Undone', 'Category', 'Record', 'Field', 'Before', 'After'],
      [1, 'edit', 'Edited location of J-2', null, 'Jobs', 'J-2', 'location', 'paris', 'Paris, FR'],
      [2, 'exclude', 'Excluded J-3 from the sync', null, 'Jobs', 'J-3', '(excluded from sync)', false, 'Duplicate of J-1'],
      [3, 'bulk-edit', 'Converted dates to epoch ms', null, 'Jobs', 'J-4', 'listedAt', '2024-12-31', J4_LISTED_AT],
    ]);
    const when = table(sheet(wb, 'Edits'))[1];
    expect((when[9] as Date).toISOString()).toBe('2025-01-20T15:00:00.000Z');
    expect(when[10]).toBe(Date.UTC(2025, 0, 20, 14, 0));
  });

  it('lists excluded records with their reason', () => {
    const rows = table(sheet(wb, 'Excluded'));
    expect(rows.map((r) => r.slice(0, 4))).toEqual([
      ['Category', 'Record', 'Status', 'Reason'],
      ['Jobs', 'J-3', 'Compliant', 'Duplicate of J-1'],
    ]);
    expect((rows[1][4] as Date).toISOString()).toBe('2025-01-20T15:01:00.000Z');
  });

  it("logs every exchange with its status, duration, attempt, record keys and LinkedIn's message", () => {
    const log = table(sheet(wb, 'Sync log'));
    expect(log[0]).toEqual([
      'Exchange', 'Run', 'Time', 'Time (epoch ms)', 'Category', 'Method', 'Endpoint', 'Status', 'Duration (ms)',
      'Attempt', 'Records', 'Record keys', "LinkedIn's message",
    ]);
    expect(log[2].slice(4)).toEqual([
      'Jobs', 'POST', 'https://api.linkedin.com/rest/simpleJobPostings', 200, 420, 1, 2, 'J-1, J-2',
      '#2: ERROR :: /title :: field is required but not found',
    ]);
    expect(log[3].slice(7)).toEqual(['No response', 30000, 2, 2, 'C-1, C-2', 'No answer within 30 s (timed out)']);
    expect(fillOf(cellAt(sheet(wb, 'Sync log'), 4, 'Status'))).toBe(RED);
    expect(log[1][6]).toBe('https://www.linkedin.com/oauth/v2/accessToken?grant_type=client_credentials&client_secret=[redacted]');
  });

  it('keeps full bodies in their own sheet, with secrets redacted', () => {
    const bodies = table(sheet(wb, 'Sync bodies'));
    expect(bodies[2][4]).toBe('Authorization: [redacted]\nX-Restli-Method: BATCH_CREATE');
    expect(bodies[2][8]).toContain('field is required but not found');
    expect(bodies[1][8]).toBe('{"access_token":"[redacted]","expires_in":1800}');
  });

  it('never carries a secret, in any cell or anywhere in the file', () => {
    expect(allText(wb)).not.toMatch(new RegExp(`${SECRET_TOKEN}|${SECRET_CLIENT}`));
    for (const [name, xml] of zipEntries(result.path)) {
      expect(xml, name).not.toContain(SECRET_TOKEN);
      expect(xml, name).not.toContain(SECRET_CLIENT);
    }
  });

  it('leaves no temporary file beside the workbook', () => {
    expect(readdirSync(ws.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('audit options', () => {
  it('leaves the bodies out when asked, and says so in the Summary', async () => {
    const path = join(ws.dir, 'no-bodies.xlsx');
    const r = await writeAuditWorkbook(ws.db, ws.path, { path, includeBodies: false });
    expect(r.sheets).not.toContain('Sync bodies');
    const summary = table(sheet(await readWorkbook(path), 'Summary'));
    expect(summary.find((row) => row[0] === 'Sync bodies')?.[1]).toBe('Left out of this workbook (exported without bodies).');
  });

  it('stops writing notes past the limit, keeps the fills, and says so in the Summary', async () => {
    const path = join(ws.dir, 'few-notes.xlsx');
    const r = await writeAuditWorkbook(ws.db, ws.path, { path, maxNotes: 1 });
    // Flagged cells: J-2 title, description, location; J-4 listedAt; C-1 firstName.
    expect(r.notesOmitted).toBe(4);
    const book = await readWorkbook(path);
    const jobs = sheet(book, 'Jobs');
    const j2 = rowOf(jobs, 'J-2');
    expect(noteOf(cellAt(jobs, j2, 'title'))).toBeDefined();
    expect(noteOf(cellAt(jobs, j2, 'description'))).toBeUndefined();
    expect(fillOf(cellAt(jobs, j2, 'description'))).toBe(YELLOW);
    const summary = table(sheet(book, 'Summary'));
    expect(summary.find((row) => row[0] === 'Cell notes')?.[1]).toMatch(/^Up to 1 flagged cells carry a note/);
  });

  it('exports a filtered view: only that category, only matching records, and only their edits and exchanges', async () => {
    const path = join(ws.dir, 'errors.xlsx');
    const r = await writeAuditWorkbook(ws.db, ws.path, { path, filter: { category: 'jobs', status: 'error' } });
    expect(r.sheets).toEqual(['Summary', 'Jobs', 'Edits', 'Excluded', 'Skipped rows', 'Sync log', 'Sync bodies']);
    const book = await readWorkbook(path);
    expect(table(sheet(book, 'Jobs')).slice(1).map((row) => row[0])).toEqual(['J-2']);
    expect(table(sheet(book, 'Edits')).slice(1).map((row) => row[5])).toEqual(['J-2']);
    expect(table(sheet(book, 'Excluded'))).toHaveLength(1);
    expect(table(sheet(book, 'Sync log')).slice(1).map((row) => row[0])).toEqual([2]);
    const summary = table(sheet(book, 'Summary'));
    expect(summary.find((row) => row[0] === 'Scope')?.[1]).toBe('Filtered view: category jobs, status error');
    expect(summary.find((row) => row[0] === 'Jobs')).toEqual(['Jobs', 1, 0, 1, 0, 0, 0, 0, 1]);
  });

  it('writes a filtered view with no match as an empty category sheet', async () => {
    const path = join(ws.dir, 'nothing.xlsx');
    const r = await writeAuditWorkbook(ws.db, ws.path, { path, filter: { category: 'stages' } });
    expect(r.sheets).toContain('Application stages');
    const stages = sheet(await readWorkbook(path), 'Application stages');
    expect(headers(stages)).toContain('stageId');
    expect(stages.rowCount).toBe(1);
  });

  it('reads dates with the column format the consultant chose, and leaves ambiguous ones undated without it', async () => {
    insertRecord(ws.db, {
      category: 'jobs', key: 'J-6', sheet: null, row: null, source: {},
      original: { externalJobPostingId: 'J-6', title: 'Chef', listedAt: '03/04/2025' },
    });
    try {
      const dateOf = async (name: string) => {
        const path = join(ws.dir, name);
        await writeAuditWorkbook(ws.db, ws.path, { path });
        const jobs = sheet(await readWorkbook(path), 'Jobs');
        return cellAt(jobs, rowOf(jobs, 'J-6'), 'listedAt (date, Europe/Paris)').value as Date | null;
      };
      expect(await dateOf('ambiguous.xlsx')).toBeNull();
      setColumnFormat(ws.db, 'jobs', 'listedAt', 'dd/MM/yyyy');
      expect((await dateOf('chosen.xlsx'))?.toISOString()).toBe('2025-04-03T00:00:00.000Z');
    } finally {
      setColumnFormat(ws.db, 'jobs', 'listedAt', null);
      ws.db.prepare("DELETE FROM records WHERE key = 'J-6'").run();
    }
  });

  it('refuses a file name that is not .xlsx', async () => {
    await expect(writeAuditWorkbook(ws.db, ws.path, { path: join(ws.dir, 'audit.csv') })).rejects.toMatchObject({
      code: 'BAD_PATH',
    });
    expect(existsSync(join(ws.dir, 'audit.csv'))).toBe(false);
  });
});
