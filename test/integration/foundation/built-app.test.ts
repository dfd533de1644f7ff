import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkerMessage, WorkerRequest } from '../../../electron/core/jobs/job-types';
import type { EditCommand } from '../../../electron/core/editing';
import type { EditTaskData } from '../../../electron/core/editing/bulk-task';
import { HELPER_BUSY, type HelperMessage, type HelperTaskMessage, type HelperThreadData } from '../../../electron/core/jobs/helper-thread';
import { openSeeded } from '../records/support/open-seeded';
import type { ImportJobInput } from '../../../electron/core/importing/import-job';
import type { ImportSummary } from '../../../shared/contract/import';
import { DESKTOP_CONTENT_SECURITY_POLICY } from '../../../electron/main/window-options';
import { JOB_HEADERS, jobRow, testWorkspace, writeSheets } from '../importing/support';

// The app as electron-vite builds it: the bundles the real app loads, not the sources the other
// tests run through tsx. The job worker, the helper thread and the import's reading thread beside
// it must load under Node's ESM loader (which, for one, refuses a JSON module imported without an
// import attribute) and find each other as built.
const root = new URL('../../..', import.meta.url).pathname;
const built = join(root, 'out', 'main');

beforeAll(() => {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'electron-vite'), ['build', '--logLevel', 'error'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 180_000);

/** Runs one job in the built job worker, as the runner does; resolves with its result. */
async function runBuiltJob(request: Omit<WorkerRequest, 'type' | 'cancelFlag'>): Promise<unknown> {
  const worker = new Worker(join(built, 'worker.js'));
  try {
    return await new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: WorkerMessage) => {
        if (m.type === 'done') resolve(m.result);
        if (m.type === 'failed') reject(new Error(JSON.stringify(m.error)));
      });
      worker.postMessage({ ...request, type: 'run', cancelFlag: new SharedArrayBuffer(4) } satisfies WorkerRequest);
    });
  } finally {
    await worker.terminate();
  }
}

describe('the built app', () => {
  it('runs a full check and a large bulk edit in its job worker, sharing each with the helper thread', async () => {
    // Past both thresholds (20,000 records) at which the work is shared.
    const { db, file } = openSeeded({ candidates: 21_000 });
    db.close();
    const check = (await runBuiltJob({ kind: 'check', input: {}, workspacePath: file })) as { checked: number; threads: number };
    expect(check).toMatchObject({ checked: 21_000, threads: 2 });
    const set: EditCommand = { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'set', field: 'lastName', value: 'Okafor' } };
    const edit = (await runBuiltJob({ kind: 'bulk-edit', input: set, workspacePath: file })) as { result: { changedRecords: number } };
    expect(edit.result.changedRecords).toBe(21_000);
  }, 120_000);

  it('imports a workbook in its job worker, its rows read on the reading thread and stored as they come', async () => {
    const w = testWorkspace('rscw-built-import-');
    w.db.close();
    const path = await writeSheets(join(w.dir, 'jobs.xlsx'), { Jobs: [JOB_HEADERS, ...Array.from({ length: 3_000 }, (_, i) => jobRow(i + 1))] });
    const input: ImportJobInput = { mode: 'import', request: { path }, presets: [] };
    const summary = (await runBuiltJob({ kind: 'import', input, workspacePath: w.path })) as ImportSummary;
    expect(summary.sheets[0]).toMatchObject({ category: 'jobs', added: 3_000 });
    expect(summary.phases.storedWhileReading).toBe(true);
  });

  it('has one helper thread serve a check\'s scan and then a bulk edit\'s planning', async () => {
    const { db, file } = openSeeded({ candidates: 3_000 });
    const first = db.prepare('SELECT min(id) FROM records').pluck().get() as number;
    db.close();
    const state = new Int32Array(new SharedArrayBuffer(4));
    const helper = new Worker(join(built, 'helper-worker.js'), { workerData: { state: state.buffer } satisfies HelperThreadData });
    const tasks: Omit<HelperTaskMessage, 'port' | 'signal' | 'file'>[] = [
      { task: 'check-scan', chunkCount: 2, data: { chunks: { firstId: first, width: 1_500, count: 2 }, timeZone: 'UTC', now: Date.now() } },
      {
        task: 'bulk-edit', chunkCount: 2,
        data: {
          kind: 'bulk', filter: { category: 'candidates' }, action: { kind: 'set', field: 'lastName', value: 'Okafor' },
          ids: Float64Array.from({ length: 3_000 }, (_, i) => first + i), chunkSize: 1_500, now: Date.now(),
        } satisfies EditTaskData,
      },
    ];
    try {
      const received: string[] = [];
      for (const task of tasks) {
        const { port1, port2 } = new MessageChannel();
        Atomics.store(state, 0, HELPER_BUSY);
        helper.postMessage({ ...task, file, port: port2, signal: new SharedArrayBuffer(16) } satisfies HelperTaskMessage, [port2]);
        await new Promise<void>((resolve, reject) => {
          helper.once('error', reject);
          port1.on('message', (m: HelperMessage<{ numbers?: Float64Array; ids?: number[] }>) => {
            if (m.type === 'failed') reject(new Error(m.message));
            if (m.type === 'chunk') received.push(`${task.task} ${m.index}: ${m.chunk.numbers ? m.chunk.numbers.length / 2 : m.chunk.ids!.length}`);
            if (m.type === 'done') resolve();
          });
        });
        port1.close();
        // Idle again once the task ended.
        expect(Atomics.wait(state, 0, HELPER_BUSY, 5_000)).not.toBe('timed-out');
      }
      expect(received.sort()).toEqual(['bulk-edit 0: 1500', 'bulk-edit 1: 1500', 'check-scan 0: 1500', 'check-scan 1: 1500']);
    } finally {
      await helper.terminate();
    }
  });

  it('gives its renderer the desktop CSP, not the web harness\'s (no inline styles, no ws://)', () => {
    const html = readFileSync(join(root, 'out', 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    expect(csp).toBe(DESKTOP_CONTENT_SECURITY_POLICY);
  });
});
