import { openWorkspaceDb } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { JobKind } from '../../../shared/contract/jobs';
import type { JobContext } from './job-types';
import { JOBS } from './registry';
import { cancelled } from './errors';
import { throttleProgress } from './progress-throttle';

export interface JobOutcome {
  result: unknown;
  /**
   * Copies what the job wrote from the write-ahead log into the workspace file, and closes the
   * job's connection: call it once the result is delivered. A commit would otherwise do it
   * itself (SQLite's auto-checkpoint), and for a 100,000-record edit that is ~0.35 s more the
   * user waits; after the result it costs only the next job's start. A PASSIVE checkpoint never
   * blocks the UI's connection, and one that commits meanwhile skips its own (busy) checkpoint.
   */
  settle(): void;
}

/** Runs one job body against its own connection; shared by the worker and the inline mode. */
export async function runJobBody(
  kind: JobKind,
  input: unknown,
  workspacePath: string,
  cancelFlag: Int32Array,
  onProgress: (done: number, total: number, message: string) => void,
): Promise<JobOutcome> {
  const job = JOBS[kind];
  if (!job) throw new ContractFailure('UNKNOWN_JOB', `No job of kind "${kind}" is registered.`);
  const db = openWorkspaceDb(workspacePath);
  db.pragma('wal_autocheckpoint = 0');
  const progress = throttleProgress(onProgress);
  const ctx: JobContext = {
    db,
    workspacePath,
    progress(done, total, message = '') {
      progress.report(done, total, message);
    },
    isCancelled: () => Atomics.load(cancelFlag, 0) === 1,
    throwIfCancelled() {
      if (Atomics.load(cancelFlag, 0) === 1) throw cancelled();
    },
  };
  let result: unknown;
  try {
    result = await job.body(input, ctx);
  } catch (err) {
    db.close();
    throw err;
  } finally {
    progress.dispose();
  }
  return {
    result,
    settle() {
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } finally {
        db.close();
      }
    },
  };
}
