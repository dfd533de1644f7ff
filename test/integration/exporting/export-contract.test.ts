import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/core/backend';
import { runCli } from '../../../electron/cli/main';
import type { ExportResult } from '../../../shared/contract/export';
import type { JobFinished, JobInfo } from '../../../shared/contract/jobs';
import { buildExportWorkspace, type ExportWorkspace } from './export-workspace';
import { readWorkbook, sheet, table } from './read-workbook';

let ws: ExportWorkspace;
const backends: Backend[] = [];

function backend(jobMode: 'inline' | 'worker'): Backend {
  const b = new Backend({
    transport: 'in-process',
    dataDir: join(ws.dir, 'data'),
    resourcesDir: join(ws.dir, 'resources'),
    jobMode,
    workspacePath: ws.path,
  });
  backends.push(b);
  return b;
}

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli([...argv, '--db', ws.path], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const savedDataDir = process.env.RSCW_DATA_DIR;
beforeAll(() => {
  ws = buildExportWorkspace();
  process.env.RSCW_DATA_DIR = join(ws.dir, 'cli-data');
});
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
});
afterAll(() => {
  ws.db.close();
  if (savedDataDir === undefined) delete process.env.RSCW_DATA_DIR;
  else process.env.RSCW_DATA_DIR = savedDataDir;
});

describe('export through the contract', () => {
  it('runs the audit as an export job with progress and returns what it wrote', async () => {
    const b = backend('inline');
    const started: JobInfo[] = [];
    const finished: JobFinished[] = [];
    b.subscribe((name, payload) => {
      if (name === 'job:started') started.push(payload as JobInfo);
      if (name === 'job:finished') finished.push(payload as JobFinished);
    });
    const path = join(ws.dir, 'contract-audit.xlsx');
    const result = await b.invoke('export:audit', { path, includeBodies: false });
    // 6 records, 3 edits, 1 exclusion, 3 exchanges
    expect(result).toMatchObject({ path, files: [path], rows: 13, notesOmitted: 0 });
    expect(result.sheets).toEqual(['Summary', 'Jobs', 'Candidates', 'Edits', 'Excluded', 'Skipped rows', 'Sync log']);
    expect(started).toEqual([expect.objectContaining({ kind: 'export', title: 'Exporting the audit to contract-audit.xlsx' })]);
    expect(finished).toEqual([expect.objectContaining({ kind: 'export', ok: true })]);
  });

  it('runs the cleaned export in a worker thread, like the app does', async () => {
    const path = join(ws.dir, 'worker.csv');
    const result = await backend('worker').invoke('export:clean', { path, category: 'jobs' });
    expect(result).toMatchObject({ path, files: [path], sheets: ['jobs'], rows: 4 });
  });

  it('exports a filtered view through the contract', async () => {
    const path = join(ws.dir, 'contract-filtered.xlsx');
    await backend('inline').invoke('export:audit', { path, filter: { category: 'jobs', search: 'nurse' } });
    expect(table(sheet(await readWorkbook(path), 'Jobs')).slice(1).map((r) => r[0])).toEqual(['J-4']);
  });

  it('refuses bad input before starting a job', async () => {
    const b = backend('inline');
    await expect(b.invoke('export:audit', { path: 'relative.xlsx' })).rejects.toMatchObject({ code: 'BAD_PATH' });
    await expect(b.invoke('export:clean', { path: join(ws.dir, 'x.xlsx'), format: 'csv' })).rejects.toMatchObject({
      code: 'BAD_PATH',
    });
    await expect(
      b.invoke('export:audit', { path: join(ws.dir, 'x.xlsx'), filter: { category: 'jobs', sort: 'title' } }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const locked = join(ws.dir, 'locked.xlsx');
    writeFileSync(locked, 'x');
    writeFileSync(join(ws.dir, '~$locked.xlsx'), '');
    await expect(b.invoke('export:audit', { path: locked })).rejects.toMatchObject({ code: 'TARGET_OPEN' });
  });
});

describe('the export command', () => {
  it('writes the audit workbook by default and says where', async () => {
    const out = join(ws.dir, 'cli-audit.xlsx');
    const { code, stdout, stderr } = await cli(['export', '--out', out]);
    expect(stderr).not.toMatch(/^rscw:/m);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      new RegExp(`^Audit workbook written: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(8 sheets: Summary, Jobs, Candidates, Edits, Excluded, Skipped rows, Sync log, Sync bodies; 16 rows, `),
    );
    expect(existsSync(out)).toBe(true);
  });

  it('prints the result as JSON with --json', async () => {
    const out = join(ws.dir, 'cli-clean.xlsx');
    const { code, stdout } = await cli(['export', '--out', out, '--kind', 'clean', '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as ExportResult;
    expect(result).toMatchObject({ path: out, sheets: ['Jobs', 'Candidates', 'Notes'], rows: 6 });
  });

  it('writes one CSV per category next to --out and lists them', async () => {
    const out = join(ws.dir, 'cli.csv');
    const { code, stdout } = await cli(['export', '--out', out, '--kind', 'clean', '--format', 'csv', '--category', 'jobs,candidates']);
    expect(code).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^Cleaned data written as 2 CSV files, one per category, next to the chosen name \(6 rows, /),
      `  ${join(ws.dir, 'cli-jobs.csv')}`,
      `  ${join(ws.dir, 'cli-candidates.csv')}`,
    ]);
  });

  it('exports a filtered audit of one category', async () => {
    const out = join(ws.dir, 'cli-errors.xlsx');
    const { code } = await cli(['export', '--out', out, '--category', 'jobs', '--status', 'error']);
    expect(code).toBe(0);
    expect(table(sheet(await readWorkbook(out), 'Jobs')).slice(1).map((r) => r[0])).toEqual(['J-2']);
  });

  it('explains a usage mistake on one line and fails', async () => {
    const missing = await cli(['export']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^rscw: --out is required/);
    const badCategory = await cli(['export', '--out', join(ws.dir, 'x.xlsx'), '--category', 'people']);
    expect(badCategory.stderr).toBe('rscw: unknown category "people": use jobs, candidates, applications, stages\n');
    const csvAudit = await cli(['export', '--out', join(ws.dir, 'x.csv'), '--format', 'csv']);
    expect(csvAudit.stderr).toBe('rscw: the audit is always an .xlsx workbook\n');
  });
});
