import type { Delimiter, FileInspection, ImportRequest, ImportSummary, PresetInfo, SheetPlan, SheetReview, TextEncoding } from '../../../shared/contract/import';
import type { Category } from '../../../shared/domain';
import { reviewSheet } from './review-sheet';
import { inspectedOrRead } from './reading/parsed-file-cache';
import { defineJob } from '../jobs/job-types';
import { importIntoWorkspace } from './import-into-workspace';
import { inspectFile } from './inspect-file';

/** One job kind, two uses: reading a file for the wizard, and importing it. Both read whole files, so both run off the UI thread. */
export type ImportJobInput =
  | { mode: 'inspect'; path: string; encoding?: TextEncoding; delimiter?: Delimiter; presets: PresetInfo[] }
  | { mode: 'import'; request: ImportRequest; presets: PresetInfo[] }
  | { mode: 'review'; path: string; encoding?: TextEncoding; delimiter?: Delimiter; sheet: SheetPlan & { category: Category }; presets: PresetInfo[] };

export type ImportJobOutput = FileInspection | ImportSummary | SheetReview;

export const importJob = defineJob<ImportJobInput, ImportJobOutput>('import', (input, ctx) => {
  const hooks = { presets: input.presets, onProgress: ctx.progress, isCancelled: ctx.isCancelled };
  if (input.mode === 'inspect') {
    return inspectFile(input.path, { encoding: input.encoding, delimiter: input.delimiter }, hooks);
  }
  if (input.mode === 'review') {
    return inspectedOrRead(input.path, { encoding: input.encoding, delimiter: input.delimiter }).then((file) =>
      reviewSheet(ctx.db, file, input.sheet, input.presets, ctx.isCancelled),
    );
  }
  return importIntoWorkspace(ctx.db, input.request, hooks);
});
