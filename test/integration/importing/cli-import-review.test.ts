import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { inspectFile } from '../../../electron/core/importing/inspect-file';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { tempDir } from '../../support/temp';
import { JOB_HEADERS, jobRow, record, writeWorkbook } from './support';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

interface SheetJson {
  sheet: string;
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skippedRows: { row: number; key?: string; reason: string; differences?: unknown[] }[];
  valueMappings: Record<string, Record<string, string>>;
}

const EPOCH_MS = Date.UTC(2025, 0, 15, 9, 30);

/**
 * Jobs as an ATS exports them: "Open"/"Filled" statuses, a key repeated (row 5 repeats row 4's
 * J-3 with another title, row 6 repeats it unchanged), a row with no key, a total row, and one
 * posted date that holds epoch milliseconds in a column formatted as dates.
 */
async function jobsWorkbook(path: string): Promise<string> {
  return writeWorkbook(path, (wb) => {
    const ws = wb.addWorksheet('Jobs');
    ws.addRow(JOB_HEADERS);
    ws.addRow(jobRow(1));
    ws.addRow(jobRow(2, { Status: 'Filled' }));
    ws.addRow(jobRow(3));
    ws.addRow(jobRow(3, { 'Job Title': 'Engineer 3 (copy)' }));
    ws.addRow(jobRow(3));
    ws.addRow(jobRow(4, { 'Job ID': null }));
    const epoch = ws.addRow(jobRow(5, { 'Posted Date': EPOCH_MS }));
    epoch.getCell(7).numFmt = 'yyyy-mm-dd hh:mm';
    ws.addRow(['Total', null, null, null, null, null, null]);
  });
}

describe('import --json reports what the import did not store and what it changed', () => {
  let dir: string;
  let db: string;
  let file: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    dir = tempDir('rscw-cli-review-');
    db = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    file = await jobsWorkbook(join(dir, 'jobs.xlsx'));
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('lists every skipped row with its row number, key and reason; a repeated key names the row kept and how they differ', async () => {
    const r = await cli(['import', file, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    const sheet = (JSON.parse(r.stdout) as { sheets: SheetJson[] }).sheets[0];
    expect(sheet).toMatchObject({ rows: 8, added: 4, skipped: 4 });
    expect(sheet.skippedRows).toEqual([
      {
        row: 5,
        key: 'J-3',
        reason: 'Duplicate key: row 4 has the same key and was kept',
        differences: [{ column: 'Job Title', kept: 'Engineer 3', skipped: 'Engineer 3 (copy)' }],
      },
      { row: 6, key: 'J-3', reason: 'Duplicate key: row 4 has the same key and was kept' },
      { row: 7, reason: 'No value for the key "Job ID" (externalJobPostingId)' },
      { row: 9, reason: 'Total row' },
    ]);
    const text = await cli(['import', file, '--db', join(dir, 'other.rscw')]);
    expect(text.stdout).toContain('row 5 (J-3): Duplicate key: row 4 has the same key and was kept — they differ in Job Title: kept "Engineer 3", skipped "Engineer 3 (copy)"');
    expect(text.stdout).toContain('row 6 (J-3): Duplicate key: row 4 has the same key and was kept (the rows are identical)');

    // Kept in the workspace with the import.
    const w = openWorkspaceDb(db);
    const options = JSON.parse((w.prepare('SELECT options_json FROM source_sheets').get() as { options_json: string }).options_json) as { skippedRows: unknown[] };
    expect(options.skippedRows).toEqual(sheet.skippedRows);
    w.close();
  });

  it('gives the value mappings applied, source value as found → value stored, and counts them in the text', async () => {
    const r = await cli(['import', file, '--db', db, '--json']);
    expect((JSON.parse(r.stdout) as { sheets: SheetJson[] }).sheets[0].valueMappings).toEqual({ state: { Open: 'LISTED', Filled: 'CLOSED' } });
    const text = await cli(['import', file, '--db', join(dir, 'other.rscw')]);
    expect(text.stdout).toContain('mapped state "Open" → "LISTED": 3 cells');
    expect(text.stdout).toContain('mapped state "Filled" → "CLOSED": 1 cell');
  });

  it('imports a date-formatted number past Excel’s date range as the number it holds, with a note', async () => {
    const r = await cli(['import', file, '--db', db, '--json']);
    expect(r.code).toBe(0);
    const w = openWorkspaceDb(db);
    expect(record(w, 'jobs', 'J-5').values.listedAt).toBe(EPOCH_MS);
    const issues = w.prepare("SELECT rule, field FROM record_issues i JOIN records r ON r.id = i.record_id WHERE r.key = 'J-5' AND i.field = 'listedAt'").all();
    expect(issues).toEqual([]);
    w.close();
    const text = await cli(['import', file, '--db', join(dir, 'other.rscw')]);
    expect(text.stdout).toContain(`G8 holds ${EPOCH_MS}, which is past Excel's date range (Excel shows ####): imported as the number, read as epoch or serial`);
  });

  it('reports every record unchanged when the same file is imported again, from the command line and from the wizard', async () => {
    await cli(['import', file, '--db', db, '--json']);
    const again = JSON.parse((await cli(['import', file, '--db', db, '--json'])).stdout) as { sheets: SheetJson[] };
    expect(again.sheets[0]).toMatchObject({ added: 0, updated: 0, unchanged: 4 });

    // The wizard: inspect, then import the sheet with the mapping and value mappings it shows.
    const w = openWorkspaceDb(db);
    try {
      for (let i = 0; i < 2; i++) {
        const inspection = await inspectFile(file);
        const s = inspection.sheets[0];
        const summary = await importIntoWorkspace(w, {
          path: file,
          sheets: [
            {
              sheet: s.sheet,
              category: s.category!,
              headerRow: s.headerRow,
              mapping: Object.fromEntries(s.mapping.map((m) => [m.header, m.field ?? ''])),
              valueMappings: Object.fromEntries(
                s.valueMappings.map((v) => [v.field, Object.fromEntries(v.values.filter((x) => x.target).map((x) => [x.source, x.target!]))]),
              ),
            },
          ],
        });
        expect(summary.sheets[0]).toMatchObject({ added: 0, updated: 0, unchanged: 4 });
      }
    } finally {
      w.close();
    }
  });
});
