import type { Db } from '../db/connection';
import { ChunkHelper } from '../jobs/helper-thread';
import type { EncodedChunk, ScanChunks, ScanTaskData } from './scan-protocol';

/**
 * A full check's second thread (helper-thread.ts, running scan-task.ts). The check and the helper
 * take chunks of the records from one counter; the check scans the ones it takes and settles
 * every chunk, its own and the helper's, in id order as they become ready (take()).
 */
export class ScanHelper extends ChunkHelper<EncodedChunk> {
  /** Null when the workspace is not a file another connection can open. */
  static start(db: Db, chunks: ScanChunks, context: { timeZone: string; now: number }): ScanHelper | null {
    const file = ChunkHelper.fileOf(db);
    if (file === null) return null;
    const data: ScanTaskData = { chunks, ...context };
    return new ScanHelper('check-scan', file, chunks.count, data, "The check's second thread");
  }
}
