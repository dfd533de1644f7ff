// Text files made to stall or poison an import: megabyte cells where headers are looked for, NUL bytes anywhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';
import { editField, JOB_HEADERS, jobRow, records, writeWorkbook } from './support';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const HEADER = 'Job ID,Job Title,Location';

/** Candidates, with `extra` rows after 400 plain ones (past the 8 KB a file's kind is judged by). */
function candidatesCsv(path: string, extra: string[]): string {
  const rows = ['Candidate ID,First Name,Last Name,Email,Notes'];
  for (let i = 1; i <= 400; i++) rows.push(`C-${i},N${i},L${i},n${i}@example.org,plain note ${i}`);
  writeFileSync(path, [...rows, ...extra].join('\n') + '\n');
  return path;
}

describe('hostile text files', () => {
  let dir: string;
  let db: string;
  const saved = { ...process.env };

  beforeEach(() => {
    dir = tempDir('rscw-hostile-text-');
    db = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  it('finds the header below a megabyte of capitals (header detection took minutes on it: this test would time out)', async () => {
    const path = join(dir, 'titled.csv');
    const title = `${'RSC'.repeat(350_000)}EXPORT`;
    writeFileSync(path, [title, HEADER, 'J-1,Engineer,"Berlin, Germany"', 'J-2,Designer,"Paris, France"'].join('\n'));
    const r = await cli(['import', path, '--db', db, '--category', 'jobs', '--json']);
    expect(r.stderr).not.toMatch(/rscw:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { sheets: { rows: number; added: number; mapping: Record<string, string> }[] };
    expect(out.sheets[0]).toMatchObject({ added: 2, mapping: { 'Job ID': 'externalJobPostingId', 'Job Title': 'title' } });
    const w = openWorkspaceDb(db);
    try {
      expect(records(w, 'jobs').map((r) => r.key)).toEqual(['J-1', 'J-2']);
    } finally {
      w.close();
    }
  });

  it('removes NUL bytes found anywhere in a text file, says so per cell, and never exports one', async () => {
    const path = candidatesCsv(join(dir, 'nul.csv'), ['C-999,Di\0,Xu,di@example.org,"Ok\0then"']);
    expect(readFileSync(path).indexOf(0)).toBeGreaterThan(8192);
    const r = await cli(['import', path, '--db', db, '--category', 'candidates']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('row 402, column 2 NUL characters (invisible bytes a damaged export leaves) were removed from this cell.');
    expect(r.stdout).toContain('row 402, column 5 NUL characters');
    const w = openWorkspaceDb(db);
    try {
      const stored = records(w, 'candidates').find((c) => c.key === 'C-999')!;
      expect(stored.values.firstName).toBe('Di');
      expect(JSON.stringify(stored)).not.toContain('\\u0000');
      // As a workspace an earlier version filled: a NUL already stored.
      editField(w, 'candidates', 'C-1', 'firstName', 'N\u00001');
    } finally {
      w.close();
    }
    const out = join(dir, 'out.csv');
    const e = await cli(['export', '--db', db, '--out', out, '--kind', 'clean', '--format', 'csv', '--category', 'candidates']);
    expect(e.code).toBe(0);
    const exported = readFileSync(out);
    expect(exported.indexOf(0)).toBe(-1);
    expect(exported.toString('utf8')).toContain('\r\nC-1,N1,L1,');
    expect(exported.toString('utf8')).toContain('\r\nC-999,Di,Xu,di@example.org,Okthen\r\n');
  });

  it('refuses a cell larger than 16 MB, naming it, in one line', async () => {
    const path = candidatesCsv(join(dir, 'huge.csv'), [`C-999,Di,Xu,di@example.org,${'x'.repeat(17 * 1024 * 1024)}`]);
    const r = await cli(['import', path, '--db', db, '--category', 'candidates']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'rscw: huge.csv has a cell larger than 16 MB (row 402, column 5): no RSC field holds that much text: shorten or remove it in the file, and import again',
    );

    const book = await writeWorkbook(join(dir, 'huge.xlsx'), (wb) => {
      const ws = wb.addWorksheet('Jobs');
      ws.addRow(JOB_HEADERS);
      ws.addRow(jobRow(1));
      ws.addRow(jobRow(2, { 'Job Description': 'y'.repeat(17 * 1024 * 1024) }));
    });
    const x = await cli(['import', book, '--db', db]);
    expect(x.code).toBe(1);
    expect(x.stderr).toContain('rscw: huge.xlsx has a cell larger than 16 MB (sheet "Jobs", cell C3)');
  });

  it('marks formula-like text as text in a CSV export when white space or a fullwidth sign comes first', async () => {
    const path = candidatesCsv(join(dir, 'formulas.csv'), [
      'C-901,Ann,Lee,ann@example.org," =HYPERLINK(""http://x"",""y"")"',
      'C-902,Bo,Li,bo@example.org,"\n=1+1"',
      'C-903,Cy,Wu,cy@example.org,＝1+1',
      'C-904,Di,Xu,di@example.org,\u3000＠SUM(A1)',
      'C-905,Ed,Yu,ed@example.org, -5',
    ]);
    expect((await cli(['import', path, '--db', db, '--category', 'candidates'])).code).toBe(0);
    const out = join(dir, 'formulas-out.csv');
    expect((await cli(['export', '--db', db, '--out', out, '--kind', 'clean', '--format', 'csv', '--category', 'candidates'])).code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('\r\nC-901,Ann,Lee,ann@example.org,"\' =HYPERLINK(""http://x"",""y"")"\r\n');
    expect(text).toContain('\r\nC-902,Bo,Li,bo@example.org,"\'\n=1+1"\r\n');
    expect(text).toContain("\r\nC-903,Cy,Wu,cy@example.org,'＝1+1\r\n");
    expect(text).toContain("\r\nC-904,Di,Xu,di@example.org,'\u3000＠SUM(A1)\r\n");
    // A number with a space before it is still a number.
    expect(text).toContain('\r\nC-905,Ed,Yu,ed@example.org," -5"\r\n');
  });
});
