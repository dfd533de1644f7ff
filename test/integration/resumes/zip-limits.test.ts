// A .zip of resumes is hostile input: it is unpacked a bounded entry at a time, and what passes a limit never lands on disk.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { unzipResumes } from '../../../electron/core/resumes/unzip-folder';
import { buildZip, deflatedZeros } from '../../support/zip-writer';
import { pdf, seedApplications } from './helpers';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

interface Report {
  folder: string;
  matched: { file: string }[];
  rejected: { file: string; applications: string[]; reason: string }[];
}

describe('unpacking a .zip of resumes', () => {
  let dir: string;
  let file: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rscw-zip-limits-'));
    file = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    const db = openWorkspaceDb(file);
    seedApplications(db, 3);
    db.close();
  });

  afterEach(() => {
    process.env = { ...saved };
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an entry past 10 MB by its header without inflating it, and one that inflates past what its header says', async () => {
    const archive = join(dir, 'bomb.zip');
    writeFileSync(
      archive,
      buildZip([
        { name: 'A000000.pdf', data: pdf('zero') },
        // 3 GB declared; its data is not even deflate: inflating it at all would fail differently.
        { name: 'A000001.pdf', deflated: randomBytes(4096), declaredSize: 3 * 1024 ** 3 },
        // A 1 KB header over 64 MB of zeros.
        { name: 'A000002.pdf', deflated: deflatedZeros(64 * 1024 * 1024), declaredSize: 1024 },
        { name: 'photo.png', data: Buffer.from('not a resume') },
      ]),
    );
    const { code, stdout } = await cli(['resumes', 'attach', archive, '--db', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.matched.map((m) => m.file)).toEqual(['A000000.pdf']);
    const rejected = Object.fromEntries(report.rejected.map((r) => [r.file, r]));
    expect(rejected['A000001.pdf']).toEqual({
      file: 'A000001.pdf',
      applications: ['A000001'],
      reason: "3072 MB unpacked is over LinkedIn's 10 MB limit: not unpacked.",
    });
    expect(rejected['A000002.pdf'].reason).toBe('Larger once unpacked than the archive says (1 KB): not unpacked.');
    expect(rejected['photo.png'].reason).toBe('Not a .pdf, .doc, .docx or .txt file: not unpacked.');
    // Only the accepted resume is on disk: nothing refused was left behind.
    expect(readdirSync(report.folder).filter((n) => !n.startsWith('.'))).toEqual(['A000000.pdf']);
  });

  it('refuses an archive of too many entries whole, in one line, and unpacks nothing', async () => {
    const archive = join(dir, 'many.zip');
    writeFileSync(
      archive,
      buildZip(Array.from({ length: 20_001 }, (_, i) => ({ name: `cv-${i}.txt`, data: Buffer.from(`resume ${i}`), compress: false }))),
    );
    const { code, stderr } = await cli(['resumes', 'attach', archive, '--db', file]);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('"many.zip" holds 20,001 entries; at most 20,000 are unpacked.');
    const unpacked = join(`${file}-resumes`);
    expect(existsSync(unpacked) ? readdirSync(unpacked) : []).toEqual([]);
  });

  it('refuses an archive whose entries pass the total cap, and deletes what it had unpacked', async () => {
    const archive = join(dir, 'large.zip');
    const text = (i: number) => Buffer.alloc(600 * 1024, `resume ${i} `);
    writeFileSync(archive, buildZip([0, 1, 2].map((i) => ({ name: `A00000${i}.txt`, data: text(i) }))));
    const workspace = join(dir, 'direct.rscw');
    await expect(unzipResumes(archive, workspace, { limits: { totalBytes: 1024 * 1024 } })).rejects.toThrow(
      '"large.zip" unpacks to more than 1.0 MB of resumes; split it, or unpack it and attach the folder.',
    );
    expect(readdirSync(`${workspace}-resumes`)).toEqual([]);
    // Within the cap, the same archive unpacks whole.
    const ok = await unzipResumes(archive, workspace, { limits: { totalBytes: 2 * 1024 * 1024 } });
    expect(readdirSync(ok.folder).sort()).toEqual(['.complete', 'A000000.txt', 'A000001.txt', 'A000002.txt']);
    expect(ok.refused).toEqual([]);
  });
});
