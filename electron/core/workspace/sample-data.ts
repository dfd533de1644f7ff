import type { BackendContext } from '../context';
import { ContractFailure } from '../../../shared/contract/define';
import { importHandlers } from '../handlers/import';

/** Imports the bundled sample ATS export through the ordinary import path (same job, same checks). */
export async function importSampleData(ctx: BackendContext, files: string[]): Promise<void> {
  if (files.length === 0) throw new ContractFailure('NO_SAMPLES', 'The sample spreadsheets are missing from resources/samples.');
  for (const path of files) await importHandlers['import:run']({ path }, ctx);
}
