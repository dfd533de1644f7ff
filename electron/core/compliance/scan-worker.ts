// Entry of a full check's helper thread, which serves one check after another, each sent as a
// message. Per check it takes the next chunk of records whenever it is free (scan-protocol.ts),
// scans it on its own read connection and sends each record's verdict (scan-record.ts). It never
// writes; the check applies every result in its own transaction, in id order (see
// scan-helper.ts). Between checks it waits, idle.
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspaceDb } from '../db/connection';
import { CheckContexts } from './check-context';
import { SCAN_COLUMNS, scanRecord, type ScanRow, type ScannedRecord } from './scan-record';
import {
  SCAN_HELPER_IDLE, SIGNAL_HELPER_CHUNKS, SIGNAL_POSTED, SIGNAL_STOP, chunkRange, claimChunk, encodeChunk, type ScanHelperThreadData,
  type ScanWorkerData, type ScanWorkerMessage,
} from './scan-protocol';

const state = new Int32Array((workerData as ScanHelperThreadData).state);

parentPort!.on('message', (data: ScanWorkerData) => {
  try {
    scan(data);
  } finally {
    data.port.close();
    Atomics.store(state, 0, SCAN_HELPER_IDLE);
    Atomics.notify(state, 0);
  }
});

function scan(data: ScanWorkerData): void {
  const signal = new Int32Array(data.signal);
  const send = (message: ScanWorkerMessage): void => {
    data.port.postMessage(message, message.type === 'records' ? [message.chunk.numbers.buffer as ArrayBuffer] : []);
    // Posted first, counted second: the check reads the count before it looks for a message.
    Atomics.add(signal, SIGNAL_POSTED, 1);
    Atomics.notify(signal, SIGNAL_POSTED);
  };
  try {
    const db = openWorkspaceDb(data.file, { readonly: true });
    try {
      const contexts = new CheckContexts(db, { timeZone: data.timeZone, now: data.now });
      const rows = db.prepare(`SELECT ${SCAN_COLUMNS} FROM records_wide WHERE id > ? AND id <= ? ORDER BY id`).raw();
      let scanned = 0;
      // One read transaction for every chunk: the same snapshot throughout.
      db.transaction(() => {
        for (let k = claimChunk(signal, data.chunks); k !== null; k = claimChunk(signal, data.chunks)) {
          Atomics.add(signal, SIGNAL_HELPER_CHUNKS, 1);
          Atomics.notify(signal, SIGNAL_HELPER_CHUNKS);
          if (Atomics.load(signal, SIGNAL_STOP) !== 0) break;
          const { afterId, lastId } = chunkRange(data.chunks, k);
          const records: ScannedRecord[] = [];
          for (const row of rows.iterate(afterId, lastId) as IterableIterator<ScanRow>) {
            const record = scanRecord(row, contexts);
            if (record !== null) records.push(record);
          }
          scanned += records.length;
          send({ type: 'records', index: k, chunk: encodeChunk(records) });
        }
      })();
      send({ type: 'done', scanned });
    } finally {
      db.close();
    }
  } catch (err) {
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}
