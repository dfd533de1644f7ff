import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { workspacesPerTest } from '../importing/support';
import { headers, readWorkbook, sheet, table } from './read-workbook';

describe("the audit's Skipped rows sheet", () => {
  const workspace = workspacesPerTest('rscw-skipped-audit-');

  it('lists every row an import did not store, with its key, the reason and how a repeated key differs', async () => {
    const w = workspace();
    const file = join(w.dir, 'jobs.csv');
    writeFileSync(file, 'Job ID,Job Title\nJ-1,A\n,B\nJ-1,C\nJ-2,D\nJ-2,D\n');
    await importIntoWorkspace(w.db, { path: file });
    const path = join(w.dir, 'audit.xlsx');
    const result = await writeAuditWorkbook(w.db, w.path, { path });
    expect(result.sheets).toContain('Skipped rows');
    const ws = sheet(await readWorkbook(path), 'Skipped rows');
    expect(headers(ws)).toEqual(['Imported at', 'File', 'Sheet', 'Category', 'Row', 'Key', 'Reason', 'How it differs from the row kept']);
    expect(table(ws).slice(1).map((r) => r.slice(1))).toEqual([
      ['jobs.csv', 'jobs', 'Jobs', 3, null, 'No value for the key "Job ID" (externalJobPostingId)'],
      ['jobs.csv', 'jobs', 'Jobs', 4, 'J-1', 'Duplicate key: row 2 has the same key and was kept', 'Job Title: kept "A", skipped "C"'],
      ['jobs.csv', 'jobs', 'Jobs', 6, 'J-2', 'Duplicate key: row 5 has the same key and was kept', 'identical'],
    ]);
  });
});
