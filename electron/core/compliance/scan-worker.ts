// Entry of a full check's helper thread: scans the records after a given id on its own read
// connection and sends each record's verdict (scan-record.ts) to the check, in chunks. It never
// writes; the check applies every result in its own transaction (see scan-helper.ts).
import { workerData } from 'node:worker_threads';
import { openWorkspaceDb } from '../db/connection';
import { CheckContexts } from './check-context';
import { SCAN_COLUMNS, scanRecord, type ScanRow, type ScannedRecord } from './scan-record';
import { SIGNAL_POSTED, SIGNAL_STOP, type ScanWorkerData, type ScanWorkerMessage } from './scan-protocol';

const CHUNK = 2_000;
const data = workerData as ScanWorkerData;
const signal = new Int32Array(data.signal);

function send(message: ScanWorkerMessage): void {
  data.port.postMessage(message);
  // Posted first, counted second: the check reads the count before it looks for a message.
  Atomics.add(signal, SIGNAL_POSTED, 1);
  Atomics.notify(signal, SIGNAL_POSTED);
}

try {
  const db = openWorkspaceDb(data.file, { readonly: true });
  try {
    const contexts = new CheckContexts(db, { timeZone: data.timeZone, now: data.now });
    const scan = db.prepare(`SELECT ${SCAN_COLUMNS} FROM records_wide WHERE id > ? ORDER BY id`).raw();
    let chunk: ScannedRecord[] = [];
    let scanned = 0;
    for (const row of scan.iterate(data.afterId) as IterableIterator<ScanRow>) {
      const record = scanRecord(row, contexts);
      if (record === null) continue;
      chunk.push(record);
      scanned++;
      if (chunk.length === CHUNK) {
        if (Atomics.load(signal, SIGNAL_STOP) !== 0) break;
        send({ type: 'records', records: chunk });
        chunk = [];
      }
    }
    if (chunk.length > 0) send({ type: 'records', records: chunk });
    send({ type: 'done', scanned });
  } finally {
    db.close();
  }
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
}
data.port.close();
