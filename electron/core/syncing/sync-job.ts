import { defineJob } from '../jobs/job-types';
import { ContractFailure } from '../../../shared/contract/define';
import type { SyncProgress, SyncSettings, SyncSummary } from '../../../shared/contract/sync';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../shared/domain';
import { runSync } from './sync-run';
import type { ClientCredentials } from './token-provider';

/** Plain data (it crosses into the worker thread). The secret lives only in memory here. */
export interface SyncJobInput {
  dryRun?: boolean;
  categories?: Category[];
  force?: boolean;
  retryFailed?: boolean;
  waitForTasks?: boolean;
  credentials?: ClientCredentials | null;
  settings?: Partial<SyncSettings>;
}

function progressLine(p: SyncProgress): string {
  const parts: string[] = [];
  if (p.phase === 'done') {
    const t = CATEGORIES.reduce(
      (sum, c) => ({ sent: sum.sent + p.categories[c].sent, succeeded: sum.succeeded + p.categories[c].succeeded, failed: sum.failed + p.categories[c].failed }),
      { sent: 0, succeeded: 0, failed: 0 },
    );
    parts.push(`Done: ${t.sent} sent, ${t.succeeded} succeeded, ${t.failed} failed`);
  } else if (p.category) {
    const c = p.categories[p.category];
    parts.push(`${CATEGORY_LABELS[p.category]}: ${c.sent} sent, ${c.succeeded} succeeded, ${c.failed} failed`);
  } else if (p.phase === 'waiting-for-tasks' || p.phase === 'polling-tasks') {
    parts.push(`Waiting for LinkedIn to process ${p.categories.jobs.pending} jobs`);
  }
  if (p.retried > 0) parts.push(`${p.retried} retried`);
  if (p.retry) parts.push(`${p.retry.reason}, retry ${p.retry.retry} of ${p.retry.of}`);
  if (p.rateLimit.state !== 'ok' && p.rateLimit.until) {
    const seconds = Math.max(0, Math.ceil((p.rateLimit.until - Date.now()) / 1000));
    parts.push(p.rateLimit.state === 'pacing' ? `pacing (${seconds} s)` : `rate limited, retrying in ${seconds} s`);
  }
  parts.push(`${p.requestsToday.toLocaleString('en-US')} / ${p.dailyBudget.toLocaleString('en-US')} requests today`);
  return parts.join(' · ');
}

export const syncJob = defineJob<SyncJobInput, SyncSummary>('sync', async (input, ctx) => {
  const categories = CATEGORIES.filter((c) => !input.categories || input.categories.includes(c));
  const { n: total } = ctx.db
    .prepare(
      `SELECT count(*) AS n FROM records WHERE status IN ('compliant', 'warning') AND excluded = 0
       AND id NOT IN (SELECT record_id FROM linkedin_erasures WHERE status = 'erased')
       AND category IN (${categories.map(() => '?').join(',')})`,
    )
    .get(...categories) as { n: number };
  const summary = await runSync(ctx.db, {
    ...input,
    isCancelled: () => ctx.isCancelled(),
    onProgress: (p) => {
      const done = CATEGORIES.reduce((sum, c) => {
        const k = p.categories[c];
        return sum + k.skipped + k.succeeded + k.failed + k.pending;
      }, 0);
      ctx.progress(Math.min(done, total), total, progressLine(p));
    },
  });
  if (summary.status === 'cancelled') {
    throw new ContractFailure(
      'CANCELLED',
      `Sync cancelled: ${summary.sent} records were sent and their results recorded. Sync again to continue where it stopped.`,
      summary,
    );
  }
  return summary;
});
