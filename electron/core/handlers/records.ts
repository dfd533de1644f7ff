import { recordsMethods } from '../../../shared/contract/records';
import { defineHandlers } from './define';
import type { BackendContext } from '../context';
import { gridColumns } from '../records/columns';
import { countView, fetchPage } from '../records/page';
import { fetchFacets } from '../records/facets';
import { recordDetail } from '../records/detail';
import { workspaceSummary } from '../records/summary';
import {
  NO_PROGRESS, commandTitle, estimateRecords, historyPage, previewBulk, previewFixAll, runEditCommand,
  type EditCommand, type EditOutcome, type ResultOf,
} from '../editing';

/**
 * Above this many records an edit runs as a 'bulk-edit' job in a worker, with progress, so the
 * process serving the UI never blocks; below it, inline is faster than starting a worker.
 */
export const EDIT_JOB_THRESHOLD = 5000;

/** Runs an edit command (inline or as a job), then tells the UI which categories to refetch. */
async function edit<C extends EditCommand>(ctx: BackendContext, command: C): Promise<ResultOf<C>> {
  const session = ctx.workspace();
  const outcome =
    estimateRecords(session.db, command) > EDIT_JOB_THRESHOLD
      ? await ctx.jobs.run<EditOutcome<ResultOf<C>>>('bulk-edit', command, {
          title: commandTitle(command),
          workspacePath: session.path,
        })
      : runEditCommand(session.db, command, NO_PROGRESS);
  // A date format undone or redone changes how a whole column reads: every record is checked again.
  if (outcome.result.operation?.kind === 'date-format') {
    await ctx.jobs.run('check', {}, { title: 'Checking compliance', workspacePath: session.path });
  }
  if (outcome.categories.length > 0) ctx.emit('data:changed', { categories: outcome.categories, reason: command.type });
  return outcome.result;
}

export const recordsHandlers = defineHandlers(recordsMethods, {
  'records:columns': ({ category }, ctx) => gridColumns(ctx.workspace().db, category),
  'records:page': (input, ctx) => fetchPage(ctx.workspace().db, input),
  'records:count': ({ filter }, ctx) => countView(ctx.workspace().db, filter),
  'records:facets': ({ filter, valueFields, maxValues }, ctx) => fetchFacets(ctx.workspace().db, filter, { valueFields, maxValues }),
  'records:detail': (ref, ctx) => recordDetail(ctx.workspace().db, ref),
  'records:summary': ({ topRules }, ctx) => workspaceSummary(ctx.workspace().db, topRules),
  'records:history': ({ offset, limit }, ctx) => historyPage(ctx.workspace().db, offset, limit),
  'records:preview': ({ filter, action, limit }, ctx) => previewBulk(ctx.workspace().db, filter, action, limit),
  'records:previewFixAll': ({ limit, ...spec }, ctx) => previewFixAll(ctx.workspace().db, spec, limit),

  'records:edit': ({ changes, description }, ctx) => edit(ctx, { type: 'edit', changes, description }),
  'records:bulk': ({ filter, action }, ctx) => edit(ctx, { type: 'bulk', filter, action }),
  'records:applyFix': ({ recordId, rule, field }, ctx) => edit(ctx, { type: 'applyFix', recordId, rule, field }),
  'records:fixAll': ({ rule, category, field, filter }, ctx) => edit(ctx, { type: 'fixAll', rule, category, field, filter }),
  'records:exclude': ({ filter, reason }, ctx) => edit(ctx, { type: 'exclude', filter, reason }),
  'records:include': ({ filter }, ctx) => edit(ctx, { type: 'include', filter }),
  'records:undo': (_input, ctx) => edit(ctx, { type: 'undo' }),
  'records:redo': (_input, ctx) => edit(ctx, { type: 'redo' }),
  'records:revert': ({ operationId }, ctx) => edit(ctx, { type: 'revert', operationId }),
  'records:reapply': ({ operationId }, ctx) => edit(ctx, { type: 'reapply', operationId }),
});
