import type { AuditExportInput, CleanExportInput, ExportResult } from '../../../shared/contract/export';
import { defineJob } from '../jobs/job-types';
import { writeAuditWorkbook } from './audit/write-audit';
import { writeCleanExport } from './clean/write-clean';

/** What the 'export' job runs: one of the two exports, its input as validated by the contract. */
export type ExportJobInput = ({ kind: 'audit' } & AuditExportInput) | ({ kind: 'clean' } & CleanExportInput);

/** Both exports run as the one 'export' job kind; the input says which. Exports only read the workspace. */
export const exportJob = defineJob<ExportJobInput, ExportResult>('export', (input, ctx) => {
  if (input.kind === 'audit') {
    const { kind: _kind, ...audit } = input;
    return writeAuditWorkbook(ctx.db, ctx.workspacePath, audit, ctx);
  }
  const { kind: _kind, ...clean } = input;
  return writeCleanExport(ctx.db, ctx.workspacePath, clean, ctx);
});
