import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runJobBody } from '../../../electron/core/jobs/run-job-body';
import { JobRunner } from '../../../electron/core/jobs/runner';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import type { JobFinished, JobProgress } from '../../../shared/contract';
import { tempDir } from '../../support/temp';
import { recordInserter } from '../../support/record-rows';

function workspaceWith(records: number): string {
  const file = join(tempDir(), 'jobs.rscw');
  const db = openWorkspaceDb(file);
  const insert = recordInserter(db, ['key'], { category: 'jobs', original_json: '{}', values_json: '{}' });
  db.transaction(() => {
    for (let i = 0; i < records; i++) insert(`J${i}`);
  })();
  db.close();
  return file;
}

describe('the job runner', () => {
  it('runs a job in a worker thread and reports its progress and end', async () => {
    const file = workspaceWith(42);
    const progress: JobProgress[] = [];
    const finished: JobFinished[] = [];
    const runner = new JobRunner('worker', { started: () => undefined, progress: (p) => progress.push(p), finished: (f) => finished.push(f) });
    const result = await runner.run<{ checked: number }>('check', {}, { title: 'Checking', workspacePath: file });
    expect(result.checked).toBe(42);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.kind === 'check' && p.title === 'Checking')).toBe(true);
    expect(finished).toEqual([expect.objectContaining({ kind: 'check', ok: true, cancelled: false })]);
  });

  it('delivers a result before copying what the job wrote into the workspace file', async () => {
    const file = workspaceWith(20_000);
    const ui = openWorkspaceDb(file); // the app's own connection stays open, as it does
    try {
      const before = statSync(file).size;
      const outcome = await runJobBody('check', {}, file, new Int32Array(new SharedArrayBuffer(4)), () => undefined);
      expect((outcome.result as { checked: number }).checked).toBe(20_000);
      // Committed, and visible to the app, but still in the write-ahead log.
      expect(ui.prepare("SELECT count(*) FROM records WHERE status = 'unchecked'").pluck().get()).toBe(0);
      expect(statSync(file).size).toBe(before);
      outcome.settle();
      expect(statSync(file).size).toBeGreaterThan(before);
    } finally {
      ui.close();
    }
  });

  it('cancels a running job and leaves the workspace unchanged', async () => {
    const file = workspaceWith(150_000);
    let jobId = '';
    const runner = new JobRunner('worker', {
      started: (info) => (jobId = info.jobId),
      progress: () => runner.cancel(jobId),
      finished: () => undefined,
    });
    const outcome = await runner.run('check', {}, { title: 'Checking', workspacePath: file }).catch((e: unknown) => e);
    expect(outcome).toMatchObject({ code: 'CANCELLED' });
    const db = openWorkspaceDb(file);
    expect(db.prepare("SELECT count(*) AS n FROM records WHERE status <> 'unchecked'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('runs jobs one at a time, in order, and cancels a queued one before it starts', async () => {
    const file = workspaceWith(3);
    const order: string[] = [];
    const runner = new JobRunner('worker', { started: (i) => order.push(`start ${i.title}`), progress: () => undefined, finished: (f) => order.push(`end ${f.title}`) });
    const first = runner.run('check', {}, { title: 'A', workspacePath: file });
    const second = runner.run('check', {}, { title: 'B', workspacePath: file }).catch((e: unknown) => e);
    const queued = runner.list().find((j) => j.title === 'B')!;
    expect(queued.state).toBe('queued');
    expect(runner.cancel(queued.jobId)).toBe(true);
    await first;
    expect(await second).toMatchObject({ code: 'CANCELLED' });
    expect(order).toEqual(['start A', 'end A']);
  });
});
