import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';
import { JOB_HEADERS, jobRow, records, writeWorkbook } from './support';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the import command', () => {
  let dir: string;
  let db: string;
  let workbook: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    dir = tempDir('rscw-cli-import-');
    db = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    workbook = await writeWorkbook(join(dir, 'export.xlsx'), (wb) => {
      const jobs = wb.addWorksheet('Jobs');
      jobs.addRow(JOB_HEADERS);
      for (let i = 1; i <= 4; i++) jobs.addRow(jobRow(i));
      const cands = wb.addWorksheet('People');
      cands.addRow(['Candidate ID', 'First Name', 'Last Name', 'Email', 'Created At', 'Last Updated']);
      cands.addRow(['C1', 'Ann', 'Lee', 'ann@example.org', new Date(0), new Date(1000)]);
      wb.addWorksheet('Notes').addRow(['Anything', 'else']);
    });
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('imports every detected sheet and prints exactly the summary keys with --json', async () => {
    const r = await cli(['import', workbook, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sheets: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(['sheets']);
    expect(out.sheets).toHaveLength(2);
    for (const s of out.sheets) {
      expect(Object.keys(s)).toEqual(['sheet', 'category', 'rows', 'skipped', 'mapping', 'added', 'updated', 'unchanged', 'missing', 'skippedRows', 'valueMappings']);
    }
    expect(out.sheets[0]).toEqual({
      sheet: 'Jobs',
      category: 'jobs',
      rows: 4,
      skipped: 0,
      mapping: {
        'Job ID': 'externalJobPostingId',
        'Job Title': 'title',
        'Job Description': 'description',
        Location: 'location',
        Status: 'state',
        'Apply URL': 'companyApplyUrl',
        'Posted Date': 'listedAt',
      },
      added: 4,
      updated: 0,
      unchanged: 0,
      missing: 0,
      skippedRows: [],
      valueMappings: { state: { Open: 'LISTED' } },
    });
    expect(out.sheets[1]).toMatchObject({ sheet: 'People', category: 'candidates', rows: 1, added: 1 });
    const again = JSON.parse((await cli(['import', workbook, '--db', db, '--json'])).stdout) as { sheets: { unchanged: number }[] };
    expect(again.sheets.map((s) => s.unchanged)).toEqual([4, 1]);
  });

  it('imports only the chosen sheet, as the chosen category', async () => {
    const r = await cli(['import', workbook, '--sheet', 'People', '--category', 'candidates', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sheets: { sheet: string; category: string }[] };
    expect(out.sheets.map((s) => [s.sheet, s.category])).toEqual([['People', 'candidates']]);
    const w = openWorkspaceDb(db);
    expect(records(w, 'jobs')).toHaveLength(0);
    w.close();
  });

  it('applies a mapping preset given with --mapping', async () => {
    const csv = join(dir, 'reqs.csv');
    writeFileSync(csv, 'Ref,Name,Open?\nR1,Engineer,Y\nR2,Designer,N\n');
    const preset = join(dir, 'acme.json');
    writeFileSync(
      preset,
      JSON.stringify({
        format: 'rsc-workbench/mapping-preset',
        version: 1,
        name: 'ACME requisitions',
        category: 'jobs',
        headers: ['Ref', 'Name', 'Open?'],
        mapping: { Ref: 'externalJobPostingId', Name: 'title', 'Open?': 'state' },
        valueMappings: { state: { Y: 'LISTED', N: 'CLOSED' } },
      }),
    );
    const r = await cli(['import', csv, '--mapping', preset, '--db', db, '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { sheets: { mapping: Record<string, string>; added: number }[] };
    expect(out.sheets[0]).toMatchObject({ added: 2, mapping: { Ref: 'externalJobPostingId', Name: 'title', 'Open?': 'state' } });
    const w = openWorkspaceDb(db);
    expect(records(w, 'jobs').map((x) => x.values.state)).toEqual(['LISTED', 'CLOSED']);
    w.close();
  });

  it('prints a readable summary without --json', async () => {
    const r = await cli(['import', workbook, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported export\.xlsx:/);
    expect(r.stdout).toMatch(/Jobs → Jobs: 4 rows, 4 added, 0 updated, 0 unchanged, 0 skipped, 0 missing from the file/);
    expect(r.stdout).toMatch(/Notes: not imported \(category not detected\)/);
  });

  it('fails with exit code 1 and a one-line reason for a bad file', async () => {
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(600).fill(0)]));
    const r = await cli(['import', xls, '--db', db, '--json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('rscw: old.xls is an Excel 97–2003 workbook (.xls), which cannot be read: open it in Excel and save it as .xlsx (Excel Workbook)\n');
  });

  it('rejects an unknown category', async () => {
    const r = await cli(['import', workbook, '--category', 'people', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--category must be one of: jobs, candidates, applications, stages/);
  });
});
