import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectFile } from '../../../electron/core/importing/inspect-file';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { inspectedReuses } from '../../../electron/core/importing/reading/parsed-file-cache';
import { records, workspacesPerTest, writeWorkbook } from './support';
import { tempDir } from '../../support/temp';

const CANDIDATES = ['Candidate ID', 'First Name', 'Last Name', 'Email', 'Created At', 'Last Updated'];

function candidateRows(n: number, tag: string): string[][] {
  return Array.from({ length: n }, (_, i) => [`C-${i}`, `${tag}${i}`, 'Lee', `c${i}@mail.example`, '2024-01-01', '2024-01-02']);
}

async function workbook(dir: string, tag: string): Promise<string> {
  return writeWorkbook(join(dir, 'export.xlsx'), (wb) => {
    wb.addWorksheet('Candidates').addRows([CANDIDATES, ...candidateRows(25, tag)]);
    wb.addWorksheet('Notes').addRows([['Note'], ['not an ATS sheet']]);
  });
}

describe("the import wizard's inspection read, used by the import that follows", () => {
  const workspace = workspacesPerTest('rscw-inspected-');

  it('imports from the inspected read what a fresh read imports, and reads the file only when it changed', async () => {
    const dir = tempDir('rscw-inspected-file-');
    const path = await workbook(dir, 'Ann');
    await inspectFile(path);
    const before = inspectedReuses();
    const reused = workspace();
    await importIntoWorkspace(reused.db, { path, sheets: [{ sheet: 'Candidates', category: 'candidates' }] });
    expect(inspectedReuses()).toBe(before + 1);
    const fresh = workspace();
    await importIntoWorkspace(fresh.db, { path, sheets: [{ sheet: 'Candidates', category: 'candidates' }] });
    expect(inspectedReuses()).toBe(before + 1);
    expect(records(reused.db, 'candidates')).toEqual(records(fresh.db, 'candidates'));
    expect(records(reused.db, 'candidates')).toHaveLength(25);

    // The customer re-exported the file between the inspection and the import: its new rows count.
    await inspectFile(path);
    await workbook(dir, 'Bea');
    const changed = workspace();
    await importIntoWorkspace(changed.db, { path, sheets: [{ sheet: 'Candidates', category: 'candidates' }] });
    expect(inspectedReuses()).toBe(before + 1);
    expect(records(changed.db, 'candidates')[3].values.firstName).toBe('Bea3');
  });

  it('gives the errors a read of the chosen sheets gives', async () => {
    const path = await workbook(tempDir('rscw-inspected-file-'), 'Ann');
    await inspectFile(path);
    await expect(importIntoWorkspace(workspace().db, { path, sheets: [{ sheet: 'Jobs', category: 'jobs' }] })).rejects.toThrow(
      'export.xlsx has no sheet named "Jobs" (it has "Candidates", "Notes")',
    );
  });

  it('uses a text file read with the encoding and delimiter the import asks for, and no other', async () => {
    const path = join(tempDir('rscw-inspected-file-'), 'candidates.csv');
    writeFileSync(path, [CANDIDATES, ...candidateRows(10, 'Ann')].map((r) => r.join(';')).join('\r\n'));
    const inspection = await inspectFile(path);
    expect(inspection.text).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
    const before = inspectedReuses();
    // As the wizard sends them back: the detected encoding and delimiter, explicitly.
    await importIntoWorkspace(workspace().db, { path, encoding: 'utf-8', delimiter: ';' });
    expect(inspectedReuses()).toBe(before + 1);

    // Read again with commas: each line is one column, whose records no category fits.
    await inspectFile(path);
    await expect(importIntoWorkspace(workspace().db, { path, delimiter: ',' })).rejects.toThrow('Cannot tell which kind of records candidates.csv holds');
    expect(inspectedReuses()).toBe(before + 1);
  });
});
