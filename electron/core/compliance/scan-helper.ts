import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { workerEntry } from '../jobs/worker-entry';
import { SIGNAL_POSTED, SIGNAL_STOP, type ScanWorkerData, type ScanWorkerMessage } from './scan-protocol';
import type { ScannedRecord } from './scan-record';

/** Longest wait for the helper's next message before the check gives up on it. */
const STALL_MS = 120_000;

/**
 * A full check's second thread: scans the records after `afterId` (scan-worker.ts) while the
 * check scans those up to it, so the rules run on both cores. The check is synchronous (one
 * transaction, called from jobs and the CLI alike), so it takes the helper's verdicts
 * synchronously too: receiveMessageOnPort, and Atomics.wait while none has arrived.
 *
 * The helper reads through its own connection what the check's connection sees only if nobody
 * commits in between: the caller must hold the write lock (BEGIN IMMEDIATE) before starting it,
 * and have written nothing yet.
 */
export class ScanHelper {
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private finished = false;

  private constructor(file: string, afterId: number, context: { timeZone: string; now: number }) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: ScanWorkerData = { file, afterId, ...context, port: channel.port2, signal: this.signal.buffer as SharedArrayBuffer };
    const { url, workerData } = workerEntry('check-scan', { ...data });
    this.worker = new Worker(url, { workerData, transferList: [channel.port2] });
    // Its errors come as messages (the check's thread is busy, events would wait); this only
    // keeps a crash from being reported as an unhandled 'error' event.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  /** Null when the workspace is not a file another connection can open. */
  static start(db: Db, afterId: number, context: { timeZone: string; now: number }): ScanHelper | null {
    if (db.memory || db.name === '' || db.name === ':memory:') return null;
    return new ScanHelper(db.name, afterId, context);
  }

  /** The helper's verdicts in id order, waiting for each chunk. Throws when the helper failed or went silent. */
  *results(): Generator<ScannedRecord> {
    let lastMessageAt = performance.now();
    while (!this.finished) {
      // Read the count before looking: a message posted after this read also bumps the count,
      // so the wait below returns at once instead of missing it.
      const posted = Atomics.load(this.signal, SIGNAL_POSTED);
      const received = receiveMessageOnPort(this.port);
      if (!received) {
        if (performance.now() - lastMessageAt > STALL_MS) throw new Error('The check\'s second thread stopped answering.');
        Atomics.wait(this.signal, SIGNAL_POSTED, posted, 1000);
        continue;
      }
      lastMessageAt = performance.now();
      const message = received.message as ScanWorkerMessage;
      if (message.type === 'failed') throw new Error(`The check's second thread failed: ${message.message}`);
      if (message.type === 'done') {
        this.finished = true;
        break;
      }
      yield* message.records;
    }
  }

  /** Ends the helper (finished, failed or no longer wanted). */
  stop(): void {
    Atomics.store(this.signal, SIGNAL_STOP, 1);
    this.port.close();
    void this.worker.terminate();
  }
}
