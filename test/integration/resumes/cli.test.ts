import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { PNG, pdf, seedApplications, writeFiles } from './helpers';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the resumes attach command', () => {
  let dir: string;
  let file: string;
  let folder: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rscw-cli-resumes-'));
    file = join(dir, 'w.rscw');
    folder = join(dir, 'cvs');
    mkdirSync(folder);
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    const db = openWorkspaceDb(file);
    seedApplications(db, 3);
    db.close();
    writeFiles(folder, { 'A000000.pdf': pdf('0'), 'A000001.pdf': PNG, 'stray.txt': 'hello' });
  });

  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the match report as JSON', async () => {
    const { code, stdout } = await cli(['resumes', 'attach', folder, '--pattern', '{applicationId}.pdf', '--db', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { matched: { file: string }[]; rejected: { file: string }[]; unmatched: string[]; withoutFile: { count: number } };
    expect(report.matched.map((m) => m.file)).toEqual(['A000000.pdf']);
    expect(report.rejected.map((m) => m.file)).toEqual(['A000001.pdf']);
    expect(report.unmatched).toEqual(['stray.txt']);
    expect(report.withoutFile.count).toBe(2);
  });

  it('summarizes in words without --json, and refuses a pattern and a column together', async () => {
    const text = await cli(['resumes', 'attach', folder, '--pattern', '{applicationId}.pdf', '--db', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 files');
    expect(text.stdout).toContain('1 matched');
    expect(text.stdout).toContain('A000001.pdf: Not a PDF');
    const both = await cli(['resumes', 'attach', folder, '--pattern', 'x{applicationId}', '--column', 'CV', '--db', file]);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('not both');
  });
});
