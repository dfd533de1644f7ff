import { defineJob } from '../jobs/job-types';
import { runEditCommand, type EditCommand } from './commands';
import type { EditOutcome } from './commit';
import type { OperationResult, UndoResult } from '../../../shared/contract/records';

/** Large edits in a worker: same command, same single transaction, with progress and cancellation. */
export const bulkEditJob = defineJob<EditCommand, EditOutcome<OperationResult | UndoResult>>('bulk-edit', (command, ctx) =>
  runEditCommand(ctx.db, command, {
    progress: (done, total, message) => ctx.progress(done, total, message),
    throwIfCancelled: () => ctx.throwIfCancelled(),
  }),
);
