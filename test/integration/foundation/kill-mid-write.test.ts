import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';

const writer = fileURLToPath(new URL('./support/endless-writer.ts', import.meta.url));

describe('the workspace database', () => {
  it('survives its writer being killed mid-write with the last committed transaction intact', async () => {
    const file = join(tempDir(), 'killed.rscw');
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let lastCommitted = 0;
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d) => {
        buffer += String(d);
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          const m = /^committed (\d+)$/.exec(line);
          if (m) lastCommitted = Number(m[1]);
        }
        // Kill while it is in the middle of its next, larger transaction.
        if (lastCommitted >= 25) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => (code === null ? resolve() : reject(new Error(`writer exited early: ${code}`))));
    });
    await new Promise((r) => child.once('exit', r));

    const db = openWorkspaceDb(file);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const batches = db
      .prepare("SELECT DISTINCT CAST(substr(key, 1, instr(key, '-') - 1) AS INTEGER) AS b FROM records ORDER BY b")
      .all() as { b: number }[];
    const highest = batches.at(-1)?.b ?? 0;
    expect(highest).toBeGreaterThanOrEqual(lastCommitted);
    // Every batch is all-or-nothing: each present batch has all of its 500 rows.
    const partial = db
      .prepare("SELECT count(*) AS n FROM (SELECT substr(key, 1, instr(key, '-') - 1) AS b, count(*) AS c FROM records GROUP BY b) WHERE c <> 500")
      .get() as { n: number };
    expect(partial.n).toBe(0);
    db.close();
  });
});
