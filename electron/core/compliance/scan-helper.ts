import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { workerEntry } from '../jobs/worker-entry';
import {
  SIGNAL_HELPER_CHUNKS, SIGNAL_POSTED, SIGNAL_STOP, claimChunk, initialSignal, type EncodedChunk, type ScanChunks, type ScanWorkerData,
  type ScanWorkerMessage,
} from './scan-protocol';

/** Longest wait for the helper's next message before the check gives up on it. */
const STALL_MS = 120_000;

/**
 * A full check's second thread (scan-worker.ts). The check and the helper take chunks of the
 * records from one counter (scan-protocol.ts); the check scans the ones it takes and settles
 * every chunk, its own and the helper's, in id order as they become ready (take()). The check is
 * synchronous (one transaction, called from jobs, the CLI and edits alike), so it takes the
 * helper's chunks with receiveMessageOnPort, and Atomics.wait while it has nothing else to do,
 * not with events.
 *
 * The helper reads through its own connection what the check's connection sees only if nobody
 * commits in between: the caller must hold the write lock (BEGIN IMMEDIATE) before starting it,
 * and have written nothing yet.
 */
export class ScanHelper {
  private readonly signal = initialSignal();
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private readonly arrived = new Map<number, EncodedChunk>();
  private lastMessageAt = performance.now();

  private constructor(file: string, private readonly chunks: ScanChunks, context: { timeZone: string; now: number }) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: ScanWorkerData = { file, chunks, ...context, port: channel.port2, signal: this.signal.buffer as SharedArrayBuffer };
    const { url, workerData } = workerEntry('check-scan', { ...data });
    this.worker = new Worker(url, { workerData, transferList: [channel.port2] });
    // Its errors come as messages (the check's thread is busy, events would wait); this only
    // keeps a crash from being reported as an unhandled 'error' event.
    this.worker.on('error', () => {});
    this.worker.unref();
  }

  /** Null when the workspace is not a file another connection can open. */
  static start(db: Db, chunks: ScanChunks, context: { timeZone: string; now: number }): ScanHelper | null {
    if (db.memory || db.name === '' || db.name === ':memory:') return null;
    return new ScanHelper(db.name, chunks, context);
  }

  /** Blocks until the helper has taken its first chunk (tests: a share of even a small workspace). */
  waitUntilStarted(): void {
    // Any message (a failure) also ends the wait: take() reports it.
    while (Atomics.load(this.signal, SIGNAL_HELPER_CHUNKS) === 0 && Atomics.load(this.signal, SIGNAL_POSTED) === 0) {
      this.checkStall();
      Atomics.wait(this.signal, SIGNAL_HELPER_CHUNKS, 0, 100);
    }
  }

  /** Whether the helper scanned any chunk (it may start too late to, on a small workspace). */
  tookChunks(): boolean {
    return Atomics.load(this.signal, SIGNAL_HELPER_CHUNKS) > 0;
  }

  /** The check's next chunk, or null when every chunk is taken. */
  claim(): number | null {
    return claimChunk(this.signal, this.chunks);
  }

  /** The helper's chunk `index` if it has arrived (it is then handed over once). Throws when the helper failed. */
  take(index: number): EncodedChunk | undefined {
    for (let received = receiveMessageOnPort(this.port); received; received = receiveMessageOnPort(this.port)) {
      this.lastMessageAt = performance.now();
      const message = received.message as ScanWorkerMessage;
      if (message.type === 'failed') throw new Error(`The check's second thread failed: ${message.message}`);
      if (message.type === 'records') this.arrived.set(message.index, message.chunk);
    }
    const chunk = this.arrived.get(index);
    this.arrived.delete(index);
    return chunk;
  }

  /** The helper's chunk `index`, waiting for it. Throws when the helper failed or went silent. */
  waitFor(index: number): EncodedChunk {
    for (;;) {
      // Read the count before looking: a message posted after this read also bumps the count,
      // so the wait returns at once instead of missing it.
      const posted = Atomics.load(this.signal, SIGNAL_POSTED);
      const chunk = this.take(index);
      if (chunk) return chunk;
      this.checkStall();
      Atomics.wait(this.signal, SIGNAL_POSTED, posted, 1000);
    }
  }

  private checkStall(): void {
    if (performance.now() - this.lastMessageAt > STALL_MS) throw new Error("The check's second thread stopped answering.");
  }

  /** Ends the helper (finished, failed or no longer wanted). */
  stop(): void {
    Atomics.store(this.signal, SIGNAL_STOP, 1);
    this.port.close();
    void this.worker.terminate();
  }
}
