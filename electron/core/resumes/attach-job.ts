import { defineJob } from '../jobs/job-types';
import { ContractFailure } from '../../../shared/contract/define';
import type { ResumeMatchReport } from '../../../shared/contract/resumes';
import { attachFolder, type AttachInput } from './attach-resumes';
import { unzipResumes } from './unzip-folder';

/** The 'resumes' job: unpacks a .zip if given one, then reads and fingerprints the matched files (up to 10 MB each) off the UI thread. */
export const resumesJob = defineJob<AttachInput, ResumeMatchReport>('resumes', async (input, ctx) => {
  if (input.pattern && input.column) throw new ContractFailure('INVALID_INPUT', 'Match by a pattern or by a column, not both.');
  if (!input.folder === !input.files) throw new ContractFailure('INVALID_INPUT', 'Attach a folder (or .zip) or a list of files, one of the two.');
  try {
    const unzipped =
      input.folder && /\.zip$/i.test(input.folder)
        ? await unzipResumes(input.folder, ctx.workspacePath, { checkCancelled: () => ctx.throwIfCancelled() })
        : { folder: input.folder, refused: [] };
    return attachFolder(
      ctx.db,
      { ...input, ...(unzipped.folder ? { folder: unzipped.folder } : {}) },
      Date.now(),
      (done, total) => {
        ctx.throwIfCancelled();
        ctx.progress(done, total, 'Checking resume files');
      },
      unzipped.refused,
    );
  } catch (err) {
    if (err instanceof ContractFailure) throw err;
    throw new ContractFailure('RESUMES_ATTACH', (err as Error).message);
  }
});
