import { openWorkspaceDb } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { JobKind } from '../../../shared/contract/jobs';
import type { JobContext } from './job-types';
import { JOBS } from './registry';
import { cancelled } from './errors';

/** Runs one job body against its own connection; shared by the worker and the inline mode. */
export async function runJobBody(
  kind: JobKind,
  input: unknown,
  workspacePath: string,
  cancelFlag: Int32Array,
  onProgress: (done: number, total: number, message: string) => void,
): Promise<unknown> {
  const job = JOBS[kind];
  if (!job) throw new ContractFailure('UNKNOWN_JOB', `No job of kind "${kind}" is registered.`);
  const db = openWorkspaceDb(workspacePath);
  let lastReport = 0;
  const ctx: JobContext = {
    db,
    workspacePath,
    progress(done, total, message = '') {
      // Throttled: a job may report per row; the UI needs ~20 updates a second at most.
      const now = Date.now();
      if (now - lastReport < 50 && done < total) return;
      lastReport = now;
      onProgress(done, total, message);
    },
    isCancelled: () => Atomics.load(cancelFlag, 0) === 1,
    throwIfCancelled() {
      if (Atomics.load(cancelFlag, 0) === 1) throw cancelled();
    },
  };
  try {
    return await job.body(input, ctx);
  } finally {
    db.close();
  }
}
