import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { record, records, testWorkspace, writeWorkbook } from './support';

const POSTED = new Date(Date.UTC(2025, 2, 14));

describe('importing an xlsx with every kind of cell', () => {
  async function build(path: string) {
    return writeWorkbook(path, (wb) => {
      const ws = wb.addWorksheet('Candidates');
      ws.addRow(['Candidate export — ACME'] );
      ws.mergeCells('A1:F1');
      ws.addRow([]);
      ws.addRow(['Candidate ID', 'First Name', 'Last Name', 'Email', 'Profile URL', 'Created At', 'Last Updated', 'Active', 'Score', 'Team', 'Recruiter']);
      const rows: unknown[][] = [
        // plain text + numbers, a date cell, a date-formatted serial
        [1001, 'Anna', 'Berg', 'anna@example.org', null, POSTED, 45730.5, true, 3.5, 'Berlin', 'Maya'],
        // rich text name, a formula result, an error value
        [1002, { richText: [{ text: 'Ben' }, { font: { bold: true }, text: 'jamin' }] }, 'Okafor', { formula: 'LOWER("BEN@EXAMPLE.ORG")', result: 'ben@example.org' }, null, POSTED, { error: '#N/A' }, false, { formula: '1+2', result: 3 }, null, 'Maya'],
        [1003, 'Chloé', 'Dubois', 'chloe@example.org', null, POSTED, POSTED, true, 1, null, 'Noah'],
      ];
      for (const r of rows) ws.addRow(r);
      ws.getCell('G4').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getCell('F4').numFmt = 'yyyy-mm-dd';
      // "View" links: the link target is the profile URL.
      ws.getCell('E4').value = { text: 'View', hyperlink: 'https://ats.example.com/c/1001' };
      ws.getCell('E5').value = { text: 'View', hyperlink: 'https://ats.example.com/c/1002' };
      ws.getCell('E6').value = { formula: 'HYPERLINK("https://ats.example.com/c/1003","View")', result: 'View' };
      // A name whose link means something else: both kept.
      ws.getCell('K4').value = { text: 'Maya', hyperlink: 'https://ats.example.com/users/maya' };
      // A team merged over two rows belongs to both.
      ws.mergeCells('J4:J5');
    });
  }

  it('reads text, numbers, dates, booleans, formulas, rich text, hyperlinks, errors and merged cells', async () => {
    const w = testWorkspace();
    const file = await build(join(w.dir, 'candidates.xlsx'));
    const summary = await importIntoWorkspace(w.db, { path: file });
    const s = summary.sheets[0];
    expect(s).toMatchObject({ sheet: 'Candidates', category: 'candidates', headerRow: 3, rows: 3, added: 3, skipped: 0 });
    expect(s.mapping).toMatchObject({
      'Candidate ID': 'atsCandidateId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'emailAddresses',
      'Profile URL': 'externalProfileUrl',
      'Created At': 'atsCreatedAt',
      'Last Updated': 'atsLastModifiedAt',
    });

    const anna = record(w.db, 'candidates', '1001');
    expect(anna.values.atsCandidateId).toBe(1001);
    expect(anna.values.atsCreatedAt).toBe(POSTED.getTime());
    // 45730.5 formatted as a date: 2025-03-14 12:00 in Excel's (zoneless) time, read as UTC.
    expect(anna.values.atsLastModifiedAt).toBe(Date.UTC(2025, 2, 14, 12));
    expect(anna.values.externalProfileUrl).toBe('https://ats.example.com/c/1001');
    expect(anna.source).toMatchObject({ 'Created At': '2025-03-14', 'Last Updated': '2025-03-14T12:00:00', Active: true, Score: 3.5 });
    expect(anna.source['Recruiter']).toBe('Maya');
    expect(anna.source['Recruiter (link)']).toBe('https://ats.example.com/users/maya');

    const ben = record(w.db, 'candidates', '1002');
    expect(ben.values.firstName).toBe('Benjamin');
    expect(ben.values.emailAddresses).toBe('ben@example.org');
    expect(ben.values.atsLastModifiedAt).toBeNull();
    expect(ben.source).toMatchObject({ Active: false, Score: 3, Team: 'Berlin' });
    expect(ben.values.externalProfileUrl).toBe('https://ats.example.com/c/1002');

    expect(record(w.db, 'candidates', '1003').values.externalProfileUrl).toBe('https://ats.example.com/c/1003');
    expect(record(w.db, 'candidates', '1003').source.Team).toBeUndefined();

    expect(s.issueCount).toBe(1);
    expect(s.issues[0]).toMatchObject({ row: 5, cell: 'G5' });
    expect(s.issues[0].message).toBe('G5 holds the error #N/A; imported as empty');
  });

  it('reads files from the streaming writer, whose shared strings follow the sheets, and inline strings', async () => {
    for (const useSharedStrings of [true, false]) {
      const w = testWorkspace();
      const file = join(w.dir, `jobs-${useSharedStrings}.xlsx`);
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings, useStyles: true });
      const ws = wb.addWorksheet('Open reqs');
      ws.addRow(['Requisition ID', 'Posting Title', 'Posted Date', 'Job Status']).commit();
      for (let i = 1; i <= 20; i++) {
        const row = ws.addRow([`R${i}`, `Role ${i}`, new Date(Date.UTC(2025, 0, i)), i % 2 ? 'Active' : 'Filled']);
        row.getCell(3).numFmt = 'dd/mm/yyyy';
        row.commit();
      }
      ws.commit();
      await wb.commit();
      const summary = await importIntoWorkspace(w.db, { path: file });
      expect(summary.sheets[0]).toMatchObject({ category: 'jobs', rows: 20, added: 20 });
      const r1 = record(w.db, 'jobs', 'R1');
      expect(r1.values).toMatchObject({ title: 'Role 1', listedAt: Date.UTC(2025, 0, 1), state: 'LISTED' });
      expect(r1.source['Job Status']).toBe('Active');
      expect(record(w.db, 'jobs', 'R2').values.state).toBe('CLOSED');
    }
  });

  it('imports every sheet whose category it can tell and leaves the others', async () => {
    const w = testWorkspace();
    const file = await writeWorkbook(join(w.dir, 'all.xlsx'), (wb) => {
      wb.addWorksheet('Read me').addRow(['This workbook was exported from the ATS.']);
      const jobs = wb.addWorksheet('Jobs');
      jobs.addRow(['Job ID', 'Job Title', 'Apply URL']);
      jobs.addRow(['1', 'Engineer', 'https://x.example/1']);
      const apps = wb.addWorksheet('Applications');
      apps.addRow(['Application ID', 'Candidate ID', 'Job ID', 'First Name', 'Last Name', 'Email', 'Source', 'Applied At']);
      apps.addRow(['A1', 'C1', '1', 'Ann', 'Lee', 'ann@example.org', 'Referral', POSTED]);
      apps.addRow(['A2', 'C2', '1', 'Bo', 'Kim', 'bo@example.org', 'LinkedIn', POSTED]);
    });
    const summary = await importIntoWorkspace(w.db, { path: file });
    expect(summary.sheets.map((s) => [s.sheet, s.category, s.added])).toEqual([
      ['Jobs', 'jobs', 1],
      ['Applications', 'applications', 2],
    ]);
    expect(summary.ignored).toEqual([{ sheet: 'Read me', reason: 'category not detected' }]);
    expect(records(w.db, 'applications').map((r) => r.key)).toEqual(['A1', 'A2']);
  });

  it('uses the chosen sheet, header row, category and mapping', async () => {
    const w = testWorkspace();
    const file = await writeWorkbook(join(w.dir, 'custom.xlsx'), (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['Ref', 'Name', 'Where']);
      ws.addRow(['x1', 'Tester', 'Oslo, Norway']);
      wb.addWorksheet('Other').addRow(['Job ID', 'Job Title']);
    });
    const summary = await importIntoWorkspace(w.db, {
      path: file,
      sheets: [{ sheet: 'Data', headerRow: 1, category: 'jobs', mapping: { Ref: 'externalJobPostingId', Name: 'title', Where: '' } }],
    });
    expect(summary.sheets).toHaveLength(1);
    expect(summary.sheets[0].mapping).toEqual({ Ref: 'externalJobPostingId', Name: 'title' });
    const r = record(w.db, 'jobs', 'x1');
    expect(r.values).toEqual({ externalJobPostingId: 'x1', title: 'Tester' });
    expect(r.source).toEqual({ Ref: 'x1', Name: 'Tester', Where: 'Oslo, Norway' });
  });

  it('records the source file and sheet with headers, mapping and options', async () => {
    const w = testWorkspace();
    const file = await writeWorkbook(join(w.dir, 'jobs.xlsx'), (wb) => {
      const ws = wb.addWorksheet('Jobs');
      ws.addRow(['Job ID', 'Job Title', 'Status', 'Job ID']);
      ws.addRow(['1', 'Engineer', 'Open', 'dup']);
    });
    const summary = await importIntoWorkspace(w.db, { path: file });
    const fileRow = w.db.prepare('SELECT name, sha256, size FROM source_files').get() as { name: string; sha256: string; size: number };
    expect(fileRow).toMatchObject({ name: 'jobs.xlsx', sha256: summary.file.sha256 });
    expect(fileRow.sha256).toMatch(/^[0-9a-f]{64}$/);
    const sheet = w.db.prepare('SELECT name, category, header_row, headers_json, mapping_json, options_json, row_count FROM source_sheets').get() as Record<string, string | number>;
    expect(sheet).toMatchObject({ name: 'Jobs', category: 'jobs', header_row: 1, row_count: 1 });
    expect(JSON.parse(sheet.headers_json as string)).toEqual(['Job ID', 'Job Title', 'Status', 'Job ID (2)']);
    expect(JSON.parse(sheet.mapping_json as string)).toEqual({ 'Job ID': 'externalJobPostingId', 'Job Title': 'title', Status: 'state' });
    expect(JSON.parse(sheet.options_json as string)).toMatchObject({ valueMappings: { state: { Open: 'LISTED' } } });
    expect(record(w.db, 'jobs', '1').source['Job ID (2)']).toBe('dup');
  });
});
