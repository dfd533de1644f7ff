import { defineJob } from '../jobs/job-types';
import type { CheckRunResult } from '../../../shared/contract/rules';
import { checkAll } from './check-all';

/** The full check as a job: its own connection, progress, and cancellation that changes nothing. */
export const checkJob = defineJob<Record<string, never>, CheckRunResult>('check', (_input, ctx) =>
  checkAll(ctx.db, { onProgress: (done, total, message) => ctx.progress(done, total, message), isCancelled: ctx.isCancelled }),
);
