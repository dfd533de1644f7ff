import type { Delimiter, FileInspection, ImportRequest, ImportSummary, PresetInfo, TextEncoding } from '../../../shared/contract/import';
import { defineJob } from '../jobs/job-types';
import { importIntoWorkspace } from './import-into-workspace';
import { inspectFile } from './inspect-file';

/** One job kind, two uses: reading a file for the wizard, and importing it. Both read whole files, so both run off the UI thread. */
export type ImportJobInput =
  | { mode: 'inspect'; path: string; encoding?: TextEncoding; delimiter?: Delimiter; presets: PresetInfo[] }
  | { mode: 'import'; request: ImportRequest; presets: PresetInfo[] };

export type ImportJobOutput = FileInspection | ImportSummary;

export const importJob = defineJob<ImportJobInput, ImportJobOutput>('import', (input, ctx) => {
  const hooks = { presets: input.presets, onProgress: ctx.progress, isCancelled: ctx.isCancelled };
  if (input.mode === 'inspect') {
    return inspectFile(input.path, { encoding: input.encoding, delimiter: input.delimiter }, hooks);
  }
  return importIntoWorkspace(ctx.db, input.request, hooks);
});
