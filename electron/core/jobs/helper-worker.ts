// Entry of the helper thread (helper-thread.ts), which serves one task after another, each sent
// as a message: it takes chunks of the task whenever it is free and posts each finished one. It
// never writes; the owning thread uses every chunk in its own transaction. Between tasks it
// waits, idle.
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspaceDb } from '../db/connection';
import { scanTask } from '../compliance/scan-task';
import { bulkEditTask } from '../editing/bulk-task';
import {
  HELPER_IDLE, SIGNAL_HELPER_CHUNKS, SIGNAL_POSTED, SIGNAL_STOP, claimChunk, type HelperMessage, type HelperTaskContext,
  type HelperTaskMessage, type HelperTaskName, type HelperThreadData,
} from './helper-thread';

const TASKS: Record<HelperTaskName, (ctx: HelperTaskContext<never>) => void> = {
  'check-scan': scanTask,
  'bulk-edit': bulkEditTask,
};

const state = new Int32Array((workerData as HelperThreadData).state);

parentPort!.on('message', (message: HelperTaskMessage) => {
  try {
    run(message);
  } finally {
    message.port.close();
    Atomics.store(state, 0, HELPER_IDLE);
    Atomics.notify(state, 0);
  }
});

function run(message: HelperTaskMessage): void {
  const signal = new Int32Array(message.signal);
  const post = (m: HelperMessage<unknown>, transfer: ArrayBuffer[] = []): void => {
    message.port.postMessage(m, transfer);
    // Posted first, counted second: the owner reads the count before it looks for a message.
    Atomics.add(signal, SIGNAL_POSTED, 1);
    Atomics.notify(signal, SIGNAL_POSTED);
  };
  try {
    const db = openWorkspaceDb(message.file, { readonly: true });
    try {
      const ctx: HelperTaskContext<unknown> = {
        db,
        data: message.data,
        claim() {
          const k = claimChunk(signal, message.chunkCount);
          if (k === null) return null;
          Atomics.add(signal, SIGNAL_HELPER_CHUNKS, 1);
          Atomics.notify(signal, SIGNAL_HELPER_CHUNKS);
          return Atomics.load(signal, SIGNAL_STOP) !== 0 ? null : k;
        },
        send: (index, chunk, transfer) => post({ type: 'chunk', index, chunk }, transfer),
      };
      // One read transaction for every chunk: the same snapshot throughout.
      db.transaction(() => TASKS[message.task](ctx as HelperTaskContext<never>))();
      post({ type: 'done' });
    } finally {
      db.close();
    }
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
}
