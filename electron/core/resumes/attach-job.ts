import { defineJob } from '../jobs/job-types';
import { ContractFailure } from '../../../shared/contract/define';
import type { ResumeMatchReport } from '../../../shared/contract/resumes';
import { attachFolder, type AttachInput } from './attach-resumes';

/** The 'resumes' job: reads and fingerprints the folder's matched files (up to 10 MB each) off the UI thread. */
export const resumesJob = defineJob<AttachInput, ResumeMatchReport>('resumes', (input, ctx) => {
  if (input.pattern && input.column) throw new ContractFailure('INVALID_INPUT', 'Match by a pattern or by a column, not both.');
  try {
    return attachFolder(ctx.db, input, Date.now(), (done, total) => {
      ctx.throwIfCancelled();
      ctx.progress(done, total, 'Checking resume files');
    });
  } catch (err) {
    if (err instanceof ContractFailure) throw err;
    throw new ContractFailure('RESUMES_ATTACH', (err as Error).message);
  }
});
