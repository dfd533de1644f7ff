import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { tempDir } from '../../support/temp';
import { seedWorkspace } from '../records/support/workspace-fixture';
import { valueOf } from './support/seeded';

const child = fileURLToPath(new URL('./support/edit-then-ack.ts', import.meta.url));

describe('an acknowledged edit', () => {
  it('is still there after the process is killed right after acknowledging it', async () => {
    const file = join(tempDir('rscw-kill-edit-'), 'w.rscw');
    const seed = openWorkspaceDb(file);
    seedWorkspace(seed, { candidates: 500 });
    seed.close();

    const proc = spawn(process.execPath, ['--import', 'tsx', child, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d) => {
        out += String(d);
        if (out.includes('ACK\n')) {
          proc.kill('SIGKILL');
          resolve();
        }
      });
      proc.once('exit', (code) => reject(new Error(`child exited before ACK (code ${code})`)));
    });
    const signal = await new Promise((r) => proc.once('exit', (_code, sig) => r(sig)));
    expect(signal).toBe('SIGKILL');

    const db = openWorkspaceDb(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(valueOf(db, 'C1', 'lastName')).toBe('Saved before the kill');
      expect(valueOf(db, 'C499', 'firstName')).toBe('JON');
      const ops = db.prepare('SELECT kind, record_count, undone FROM operations ORDER BY id').all();
      expect(ops).toEqual([
        { kind: 'edit', record_count: 1, undone: 0 },
        { kind: 'transform', record_count: 500, undone: 0 },
      ]);
      expect(db.prepare('SELECT count(*) FROM edits').pluck().get()).toBe(501);
    } finally {
      db.close();
    }
  });
});
