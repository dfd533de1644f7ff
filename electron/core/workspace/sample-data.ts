import type { BackendContext } from '../context';
import { ContractFailure } from '../../../shared/contract/define';

/**
 * Imports the bundled sample export. Wired to the import job once importing lands;
 * until then it says so rather than pretending.
 */
export async function importSampleData(_ctx: BackendContext, files: string[]): Promise<void> {
  if (files.length === 0) throw new ContractFailure('NO_SAMPLES', 'The sample spreadsheets are missing from resources/samples.');
  throw new ContractFailure('NOT_AVAILABLE', 'Importing is not available in this build yet.');
}
