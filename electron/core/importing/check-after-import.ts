import type { Db } from '../db/connection';
import { checkAll } from '../compliance';

/**
 * The import's last step: the compliance engine's full check, so the summary can say at a
 * glance how many records are ready. Runs after the import committed and is not cancellable:
 * cancelling here would leave stored records reported as "nothing changed".
 */
export function checkAfterImport(db: Db, onProgress: (done: number, total: number, message: string) => void): boolean {
  checkAll(db, { onProgress });
  return true;
}
