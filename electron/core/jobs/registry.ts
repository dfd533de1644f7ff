// Every job kind the runner can execute, in a worker thread or inline. Register a job with one line:
//   import { importJob } from '../importing/import-job';   …   importJob,
import type { JobDefinition } from './job-types';
import type { JobKind } from '../../../shared/contract/jobs';
import { checkJob } from '../compliance/check-job';
import { exportJob } from '../exporting/export-job';
import { syncJob } from '../syncing/sync-job';
import { bulkEditJob } from '../editing/bulk-edit-job';
import { importJob } from '../importing/import-job';
import { resumesJob } from '../resumes/attach-job';
import { eraseJob, reconcileJob } from '../reconciling/reconcile-job';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds jobs of many input/output types
type AnyJob = JobDefinition<any, any>;

const ALL_JOBS: AnyJob[] = [checkJob, syncJob, exportJob, bulkEditJob, importJob, resumesJob, reconcileJob, eraseJob];

export const JOBS: Partial<Record<JobKind, AnyJob>> = Object.fromEntries(ALL_JOBS.map((j) => [j.kind, j]));
