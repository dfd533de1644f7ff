import { defineJob } from '../jobs/job-types';
import { ContractFailure } from '../../../shared/contract/define';
import type { EraseSummary, ReconcileSummary } from '../../../shared/contract/reconcile';
import type { SyncSettings } from '../../../shared/contract/sync';
import type { ClientCredentials } from '../syncing/token-provider';
import { runReconcile } from './reconcile-run';
import { runErase } from './erase-run';
import type { EraseSelection } from './erase-targets';

/** Plain data (it crosses into the worker thread). The secret lives only in memory here. */
export interface LinkedInJobInput {
  credentials?: ClientCredentials | null;
  settings?: Partial<SyncSettings>;
}

export interface ReconcileJobInput extends LinkedInJobInput {
  fileId?: number;
  listRecords?: boolean;
}

export interface EraseJobInput extends LinkedInJobInput, EraseSelection {
  dryRun?: boolean;
}

export const reconcileJob = defineJob<ReconcileJobInput, ReconcileSummary>('reconcile', async (input, ctx) => {
  const summary = await runReconcile(ctx.db, {
    ...input,
    isCancelled: () => ctx.isCancelled(),
    onProgress: (done, total) => ctx.progress(done, total, `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} candidates read`),
  });
  if (summary.status === 'cancelled') {
    throw new ContractFailure('CANCELLED', `Reconcile cancelled: ${summary.candidates.checked} candidates were read and kept.`, summary);
  }
  return summary;
});

export const eraseJob = defineJob<EraseJobInput, EraseSummary>('erase', async (input, ctx) => {
  const summary = await runErase(ctx.db, {
    ...input,
    isCancelled: () => ctx.isCancelled(),
    onProgress: (done, total) => ctx.progress(done, total, `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} records erased`),
  });
  if (summary.status === 'cancelled') {
    throw new ContractFailure('CANCELLED', `Erase cancelled: ${summary.deleted} records were deleted at LinkedIn and marked.`, summary);
  }
  return summary;
});
