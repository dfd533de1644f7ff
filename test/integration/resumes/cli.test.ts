import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
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

  it('takes a .zip of resumes, unpacks it beside the workspace, and keeps every entry inside it', async () => {
    const zip = new JSZip();
    zip.file('cvs/A000000.pdf', pdf('zero'));
    zip.file('A000002 resume.pdf', pdf('two'));
    zip.file('../escape/A000001.pdf', pdf('one'));
    const archive = join(dir, 'resumes.zip');
    writeFileSync(archive, await zip.generateAsync({ type: 'nodebuffer' }));
    const { code, stdout } = await cli(['resumes', 'attach', archive, '--db', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      folder: string;
      matched: { file: string; applications: string[] }[];
      rejected: { file: string; applications: string[]; reason: string }[];
    };
    expect(report.matched.map((m) => m.applications[0]).sort()).toEqual(['A000000', 'A000002']);
    // The entry named "../escape/…" is not unpacked at all, and says so.
    expect(report.rejected).toEqual([
      { file: '../escape/A000001.pdf', applications: ['A000001'], reason: 'Its path leads outside the archive: not unpacked.' },
    ]);
    expect(report.folder.startsWith(`${file}-resumes`)).toBe(true);
    expect(existsSync(join(dir, 'escape'))).toBe(false);
    // The unpacked files stay: the sync reads them when it uploads.
    expect(existsSync(join(report.folder, 'cvs', 'A000000.pdf'))).toBe(true);
  });

  it('refuses a file that is not a zip archive with a one-line reason', async () => {
    const fake = join(dir, 'resumes.zip');
    writeFileSync(fake, 'not a zip');
    const { code, stderr } = await cli(['resumes', 'attach', fake, '--db', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('is not a readable zip archive');
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
