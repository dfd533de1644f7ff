import type { HelperTaskContext } from '../jobs/helper-thread';
import { CheckContexts } from './check-context';
import { SCAN_COLUMNS, scanRecord, type ScanRow, type ScannedRecord } from './scan-record';
import { chunkRange, encodeChunk, type EncodedChunk, type ScanTaskData } from './scan-protocol';

/**
 * A full check's part on the helper thread: scans the chunks of records it takes and sends each
 * record's verdict (scan-record.ts); the check settles and writes them (check-all.ts).
 */
export function scanTask(ctx: HelperTaskContext<EncodedChunk>): void {
  const data = ctx.data as ScanTaskData;
  const contexts = new CheckContexts(ctx.db, { timeZone: data.timeZone, now: data.now });
  const rows = ctx.db.prepare(`SELECT ${SCAN_COLUMNS} FROM records_wide WHERE id > ? AND id <= ? ORDER BY id`).raw();
  for (let k = ctx.claim(); k !== null; k = ctx.claim()) {
    const { afterId, lastId } = chunkRange(data.chunks, k);
    const records: ScannedRecord[] = [];
    for (const row of rows.iterate(afterId, lastId) as IterableIterator<ScanRow>) {
      const record = scanRecord(row, contexts);
      if (record !== null) records.push(record);
    }
    const chunk = encodeChunk(records);
    ctx.send(k, chunk, [chunk.numbers.buffer as ArrayBuffer]);
  }
}
