import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';
import { seedWorkspace } from '../records/support/workspace-fixture';
import { valueOf } from './support/seeded';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the editing commands', () => {
  let file: string;
  const saved = { ...process.env };

  beforeEach(() => {
    const dir = tempDir('rscw-cli-edit-');
    file = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    const db = openWorkspaceDb(file);
    seedWorkspace(db, { candidates: 40 });
    db.close();
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  function read<T>(fn: (db: ReturnType<typeof openWorkspaceDb>) => T): T {
    const db = openWorkspaceDb(file);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  }

  it('edit sets one field of one record and prints the re-checked status as JSON', async () => {
    const { code, stdout } = await cli(['edit', 'candidates', 'C17', 'lastName', 'Novak', '--db', file, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { changedCells: number; record: { key: string; issues: { field: string }[] } };
    expect(out.changedCells).toBe(1);
    expect(out.record.key).toBe('C17');
    expect(out.record.issues.some((i) => i.field === 'lastName')).toBe(false);
    expect(read((db) => valueOf(db, 'C17', 'lastName'))).toBe('Novak');
  });

  it('edit fails with a one-line reason for an unknown record', async () => {
    const { code, stderr } = await cli(['edit', 'candidates', 'nope', 'lastName', 'X', '--db', file]);
    expect(code).toBe(1);
    expect(stderr).toBe('rscw: There is no record candidates "nope" in this workspace.\n');
  });

  it("fix applies a rule's automatic fix everywhere it applies", async () => {
    const { code, stdout } = await cli(['fix', 'date-seconds', '--category', 'candidates', '--db', file, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { changedRecords: number; changedCells: number };
    expect(out).toMatchObject({ changedRecords: 8, changedCells: 16 });
    expect(read((db) => db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'date-seconds'").pluck().get())).toBe(0);
  });

  it('fix refuses an unknown rule and lists the fixable ones', async () => {
    const { code, stderr } = await cli(['fix', 'no-such-rule', '--db', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^rscw: unknown rule "no-such-rule". Rules with automatic fixes: .*date-seconds/);
  });

  it('exclude needs a reason and records it', async () => {
    expect((await cli(['exclude', 'candidates', 'C11', '--db', file])).code).toBe(1);
    const { code } = await cli(['exclude', 'candidates', 'C11', '--reason', 'No email in the ATS', '--db', file]);
    expect(code).toBe(0);
    expect(read((db) => db.prepare("SELECT excluded, exclude_reason FROM records WHERE key = 'C11'").get())).toEqual({
      excluded: 1,
      exclude_reason: 'No email in the ATS',
    });
  });

  it('history lists operations, and undo and redo walk them', async () => {
    await cli(['edit', 'candidates', 'C1', 'lastName', 'A', '--db', file]);
    await cli(['exclude', 'candidates', 'C2', '--reason', 'duplicate', '--db', file]);
    const history = JSON.parse((await cli(['history', '--db', file, '--json'])).stdout) as { total: number; entries: { kind: string; undone: boolean }[] };
    expect(history.total).toBe(2);
    expect(history.entries.map((e) => e.kind)).toEqual(['exclude', 'edit']);

    const undo = await cli(['undo', '--db', file]);
    expect(undo.stdout).toBe('Undid #2: Excluded: duplicate. (1 cell)\n');
    await cli(['undo', '--db', file]);
    expect(read((db) => valueOf(db, 'C1', 'lastName'))).toBe('Jones');
    expect((await cli(['undo', '--db', file])).stdout).toBe('Nothing to undo.\n');
    await cli(['redo', '--db', file]);
    expect(read((db) => valueOf(db, 'C1', 'lastName'))).toBe('A');
    const text = (await cli(['history', '--db', file])).stdout;
    expect(text).toMatch(/#2 .* Excluded: duplicate {2}\(1 cell in 1 record\) {2}\[undone\]/);
    expect(text).toMatch(/Redo: #2 Excluded: duplicate/);
  });
});
