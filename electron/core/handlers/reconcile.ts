import { reconcileMethods, type EraseSummary, type ReconcileSummary } from '../../../shared/contract/reconcile';
import { defineHandlers } from './define';
import type { BackendContext } from '../context';
import { jobInput } from './sync';
import type { EraseJobInput, ReconcileJobInput } from '../reconciling/reconcile-job';
import { driftList, reconcileOverview, unmatchedCandidates } from '../reconciling/overview';
import { markForErasure, unmarkForErasure } from '../reconciling/erase-targets';

/** Credentials and settings exactly as a sync gets them (the CLI's, or the stored ones). */
function withCredentials<T extends ReconcileJobInput | EraseJobInput>(input: T, ctx: BackendContext): T {
  const { credentials, settings } = jobInput({ credentials: input.credentials, settings: input.settings }, ctx);
  return { ...input, credentials: credentials ?? null, ...(settings ? { settings } : {}) };
}

export const reconcileHandlers = defineHandlers(reconcileMethods, {
  'reconcile:start': async (input, ctx) => {
    const session = ctx.workspace();
    try {
      return await ctx.jobs.run<ReconcileSummary>('reconcile', withCredentials(input, ctx), {
        title: 'Reading matches back from LinkedIn',
        workspacePath: session.path,
      });
    } finally {
      ctx.emit('data:changed', { categories: ['candidates'], reason: 'reconcile' });
    }
  },
  'reconcile:overview': (_input, ctx) => reconcileOverview(ctx.workspace().db),
  'reconcile:unmatched': (input, ctx) => unmatchedCandidates(ctx.workspace().db, input),
  'reconcile:drift': (input, ctx) => driftList(ctx.workspace().db, input),
  'erase:plan': (input, ctx) =>
    ctx.jobs.run<EraseSummary>('erase', { ...withCredentials(input, ctx), dryRun: true, credentials: null }, {
      title: 'Planning the erase (dry run)',
      workspacePath: ctx.workspace().path,
    }),
  'erase:start': async ({ confirm: _confirm, ...input }, ctx) => {
    const session = ctx.workspace();
    try {
      return await ctx.jobs.run<EraseSummary>('erase', withCredentials({ ...input, dryRun: false }, ctx), {
        title: 'Erasing at LinkedIn',
        workspacePath: session.path,
      });
    } finally {
      ctx.emit('data:changed', { categories: input.categories ?? ['candidates', 'applications', 'stages'], reason: 'erase' });
    }
  },
  'erase:mark': ({ category, keys }, ctx) => {
    const marked = markForErasure(ctx.workspace().db, category, keys, Date.now());
    ctx.emit('data:changed', { categories: [category], reason: 'erase' });
    return { marked };
  },
  'erase:unmark': ({ category, keys }, ctx) => {
    const unmarked = unmarkForErasure(ctx.workspace().db, category, keys);
    ctx.emit('data:changed', { categories: [category], reason: 'erase' });
    return { unmarked };
  },
});
