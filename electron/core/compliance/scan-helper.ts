import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { workerEntry } from '../jobs/worker-entry';
import {
  SCAN_HELPER_BUSY, SIGNAL_HELPER_CHUNKS, SIGNAL_POSTED, SIGNAL_STOP, claimChunk, initialSignal, type EncodedChunk, type ScanChunks,
  type ScanHelperThreadData, type ScanWorkerData, type ScanWorkerMessage,
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
  private readonly arrived = new Map<number, EncodedChunk>();
  private lastMessageAt = performance.now();

  private constructor(
    file: string, private readonly chunks: ScanChunks, context: { timeZone: string; now: number }, private readonly thread: HelperThread,
  ) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: ScanWorkerData = { file, chunks, ...context, port: channel.port2, signal: this.signal.buffer as SharedArrayBuffer };
    Atomics.store(thread.state, 0, SCAN_HELPER_BUSY);
    thread.worker.postMessage(data, [channel.port2]);
  }

  /** Null when the workspace is not a file another connection can open. */
  static start(db: Db, chunks: ScanChunks, context: { timeZone: string; now: number }): ScanHelper | null {
    if (db.memory || db.name === '' || db.name === ':memory:') return null;
    return new ScanHelper(db.name, chunks, context, idleThread());
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

  /** Ends the helper's part in this check (finished, failed or no longer wanted); its thread waits for the next. */
  stop(): void {
    Atomics.store(this.signal, SIGNAL_STOP, 1);
    this.port.close();
  }
}

interface HelperThread {
  worker: Worker;
  /** SCAN_HELPER_IDLE or SCAN_HELPER_BUSY (scan-protocol.ts). */
  state: Int32Array;
}

/** This thread's helper, kept between checks. */
let kept: HelperThread | null = null;
/** How long a new check waits for the helper to end the last one's scan (stopped, it ends within a chunk). */
const IDLE_WAIT_MS = 200;

/** The helper thread kept for the next check, if any (tests). */
export function keptHelperThread(): Readonly<HelperThread> | null {
  return kept;
}

/** The kept helper once it is idle; a new one when there is none, it died, or it does not end its last scan. */
function idleThread(): HelperThread {
  if (kept && Atomics.wait(kept.state, 0, SCAN_HELPER_BUSY, IDLE_WAIT_MS) !== 'timed-out') return kept;
  if (kept) void kept.worker.terminate();
  const state = new Int32Array(new SharedArrayBuffer(4));
  const threadData: ScanHelperThreadData = { state: state.buffer as SharedArrayBuffer };
  const { url, workerData } = workerEntry('check-scan', { ...threadData });
  const worker = new Worker(url, { workerData });
  const thread: HelperThread = { worker, state };
  // Its errors during a check come as messages (the check's thread is busy, events would wait);
  // this only keeps a crash from being reported as an unhandled 'error' event.
  worker.on('error', () => {});
  worker.on('exit', () => {
    if (kept === thread) kept = null;
  });
  // Idle between checks: it must not keep the process alive.
  worker.unref();
  kept = thread;
  return thread;
}
