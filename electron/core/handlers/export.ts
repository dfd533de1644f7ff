import { basename, isAbsolute, extname } from 'node:path';
import { exportMethods, type ExportResult } from '../../../shared/contract/export';
import type { ExportJobInput } from '../exporting/export-job';
import { ContractFailure } from '../../../shared/contract/define';
import { defineHandlers } from './define';
import type { BackendContext } from '../context';
import { assertWritableTarget } from '../exporting/safe-target';
import { cleanFormat, csvPaths } from '../exporting/clean/write-clean';
import { CATEGORIES } from '../../../shared/domain';

function absolute(path: string): string {
  if (!isAbsolute(path)) throw new ContractFailure('BAD_PATH', `"${path}" is not an absolute path: choose where to save the file.`);
  return path;
}

function run(ctx: BackendContext, input: ExportJobInput, title: string): Promise<ExportResult> {
  return ctx.jobs.run<ExportResult>('export', input, { title, workspacePath: ctx.workspace().path });
}

// Targets are checked here too, so a locked file is refused at once rather than after the job queue.
export const exportHandlers = defineHandlers(exportMethods, {
  'export:audit': (input, ctx) => {
    const path = absolute(input.path);
    if (extname(path).toLowerCase() !== '.xlsx') {
      throw new ContractFailure('BAD_PATH', `The audit workbook is an .xlsx file: "${path}" has another extension.`);
    }
    assertWritableTarget(path);
    return run(ctx, { kind: 'audit', ...input, path }, `Exporting the audit to ${basename(path)}`);
  },
  'export:clean': (input, ctx) => {
    const path = absolute(input.path);
    const format = cleanFormat({ path, format: input.format });
    if (format === 'csv') {
      const wanted = input.category ?? input.filter?.category ?? [...CATEGORIES];
      for (const target of csvPaths(path, Array.isArray(wanted) ? wanted : [wanted])) assertWritableTarget(target);
    } else assertWritableTarget(path);
    return run(ctx, { kind: 'clean', ...input, path, format }, `Exporting cleaned data to ${basename(path)}`);
  },
});
