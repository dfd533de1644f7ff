import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { testWorkspace } from './support';

const ROWS = 100_000;

describe('a 100,000-row export', () => {
  it('is imported completely, row for row', { timeout: 240_000 }, async () => {
    const w = testWorkspace();
    const file = join(w.dir, 'applications.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
    const ws = wb.addWorksheet('Applications');
    ws.addRow(['Application ID', 'Candidate ID', 'Job ID', 'First Name', 'Last Name', 'Email', 'Source', 'Applied At']).commit();
    for (let i = 0; i < ROWS; i++) {
      const row = ws.addRow([`A${i}`, `C${i % 40_000}`, 1000 + (i % 250), 'Ann', `Lee${i % 97}`, `a${i}@example.org`, i % 3 ? 'LinkedIn' : 'Referral', new Date(Date.UTC(2024, 0, 1) + i * 60_000)]);
      row.getCell(8).numFmt = 'yyyy-mm-dd hh:mm';
      row.commit();
    }
    ws.commit();
    await wb.commit();

    const summary = await importIntoWorkspace(w.db, { path: file }, { check: false });
    expect(summary.sheets).toHaveLength(1);
    expect(summary.sheets[0]).toMatchObject({ category: 'applications', rows: ROWS, added: ROWS, skipped: 0 });
    expect(w.db.prepare("SELECT count(*) AS n FROM records WHERE category = 'applications'").get()).toEqual({ n: ROWS });
    const last = w.db.prepare("SELECT source_row, values_json FROM records_wide WHERE key = ?").get(`A${ROWS - 1}`) as { source_row: number; values_json: string };
    expect(last.source_row).toBe(ROWS + 1);
    expect(JSON.parse(last.values_json)).toEqual({
      atsJobApplicationId: `A${ROWS - 1}`,
      atsCandidateId: `C${(ROWS - 1) % 40_000}`,
      atsJobPostingId: 1000 + ((ROWS - 1) % 250),
      firstName: 'Ann',
      lastName: `Lee${(ROWS - 1) % 97}`,
      candidateEmail: `a${ROWS - 1}@example.org`,
      source: (ROWS - 1) % 3 ? 'LinkedIn' : 'Referral',
      atsCreatedAt: Date.UTC(2024, 0, 1) + (ROWS - 1) * 60_000,
    });
  });
});
