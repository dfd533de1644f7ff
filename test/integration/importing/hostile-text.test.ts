// Text files made to stall or poison an import: megabyte cells where headers are looked for, NUL bytes anywhere.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';
import { records } from './support';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const HEADER = 'Job ID,Job Title,Location';

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
});
