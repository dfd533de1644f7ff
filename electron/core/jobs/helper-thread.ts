import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Db } from '../db/connection';
import { workerEntry } from './worker-entry';

/**
 * A second thread for work cut into numbered chunks: a full check's scan, a large bulk edit's
 * planning and checking. The owning thread and the helper take the next chunk from one shared
 * counter whenever they are free, so each does as much as its speed allows; the owner uses every
 * chunk, its own and the helper's, in order as they become ready. The owner's work is
 * synchronous (one transaction, called from jobs, the CLI and edits alike), so it takes the
 * helper's chunks with receiveMessageOnPort, and Atomics.wait while it has nothing else to do,
 * not with events.
 *
 * The helper reads through its own read-only connection what the owner's connection sees only if
 * nobody commits in between: the owner must hold the write lock (BEGIN IMMEDIATE) before starting
 * it, and have written nothing yet. Its uncommitted writes after that stay invisible to the helper.
 */

/** The tasks helper-worker.ts runs. */
export type HelperTaskName = 'check-scan' | 'bulk-edit';

/** What the owner posts to start a task; `data` is the task's own. */
export interface HelperTaskMessage {
  task: HelperTaskName;
  file: string;
  chunkCount: number;
  port: MessagePort;
  /** Int32 slots, see SIGNAL_*. */
  signal: SharedArrayBuffer;
  data: unknown;
}

/** Messages the helper posts for one task. */
export type HelperMessage<C> =
  | { type: 'chunk'; index: number; chunk: C }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** Messages the helper has posted. */
export const SIGNAL_POSTED = 0;
/** Set when the owner no longer wants the helper's work. */
export const SIGNAL_STOP = 1;
/** The next chunk to take. */
export const SIGNAL_NEXT = 2;
/** Chunks the helper has taken. */
export const SIGNAL_HELPER_CHUNKS = 3;
const SIGNAL_SLOTS = 4;

/**
 * A helper thread serves one task after another (starting a thread costs more than a tenth of a
 * large check). Its Int32 state slot, shared with the thread that owns it: the owner sets
 * HELPER_BUSY before it posts a task, the helper clears it once that task has ended (its last
 * message posted). A busy helper is never handed another task.
 */
export interface HelperThreadData {
  state: SharedArrayBuffer;
}
export const HELPER_IDLE = 0;
export const HELPER_BUSY = 1;

export function initialSignal(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(SIGNAL_SLOTS * 4));
}

/** The next chunk nobody has taken, or null when all are taken. */
export function claimChunk(signal: Int32Array, chunkCount: number): number | null {
  const k = Atomics.add(signal, SIGNAL_NEXT, 1);
  return k < chunkCount ? k : null;
}

/** Longest wait for the helper's next message before the owner gives up on it. */
const STALL_MS = 120_000;

/** The owner's side of one task on the helper thread. */
export class ChunkHelper<C> {
  private readonly signal = initialSignal();
  private readonly port: MessagePort;
  private readonly arrived = new Map<number, C>();
  private lastMessageAt = performance.now();

  protected constructor(
    task: HelperTaskName, file: string, private readonly chunkCount: number, data: unknown,
    /** How failures name the helper, e.g. "The check's second thread". */
    private readonly label: string,
  ) {
    const thread = idleThread();
    const channel = new MessageChannel();
    this.port = channel.port1;
    const message: HelperTaskMessage = {
      task, file, chunkCount, data, port: channel.port2, signal: this.signal.buffer as SharedArrayBuffer,
    };
    Atomics.store(thread.state, 0, HELPER_BUSY);
    thread.worker.postMessage(message, [channel.port2]);
  }

  /** The workspace file another connection can open, or null (an in-memory database). */
  protected static fileOf(db: Db): string | null {
    return db.memory || db.name === '' || db.name === ':memory:' ? null : db.name;
  }

  /** Blocks until the helper has taken its first chunk (tests: a share of even a small task). */
  waitUntilStarted(): void {
    // Any message (a failure) also ends the wait: take() reports it.
    while (Atomics.load(this.signal, SIGNAL_HELPER_CHUNKS) === 0 && Atomics.load(this.signal, SIGNAL_POSTED) === 0) {
      this.checkStall();
      Atomics.wait(this.signal, SIGNAL_HELPER_CHUNKS, 0, 100);
    }
  }

  /** Whether the helper took any chunk (it may start too late to, on a small task). */
  tookChunks(): boolean {
    return Atomics.load(this.signal, SIGNAL_HELPER_CHUNKS) > 0;
  }

  /** The owner's next chunk, or null when every chunk is taken. */
  claim(): number | null {
    return claimChunk(this.signal, this.chunkCount);
  }

  /** The helper's chunk `index` if it has arrived (it is then handed over once). Throws when the helper failed. */
  take(index: number): C | undefined {
    for (let received = receiveMessageOnPort(this.port); received; received = receiveMessageOnPort(this.port)) {
      this.lastMessageAt = performance.now();
      const message = received.message as HelperMessage<C>;
      if (message.type === 'failed') throw new Error(`${this.label} failed: ${message.message}`);
      if (message.type === 'chunk') this.arrived.set(message.index, message.chunk);
    }
    const chunk = this.arrived.get(index);
    this.arrived.delete(index);
    return chunk;
  }

  /** The helper's chunk `index`, waiting for it. Throws when the helper failed or went silent. */
  waitFor(index: number): C {
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
    if (performance.now() - this.lastMessageAt > STALL_MS) throw new Error(`${this.label} stopped answering.`);
  }

  /** Ends the helper's part in this task (finished, failed or no longer wanted); its thread waits for the next. */
  stop(): void {
    Atomics.store(this.signal, SIGNAL_STOP, 1);
    this.port.close();
  }
}

interface HelperThread {
  worker: Worker;
  /** HELPER_IDLE or HELPER_BUSY. */
  state: Int32Array;
}

/** This thread's helper, kept between tasks. */
let kept: HelperThread | null = null;
/** How long a new task waits for the helper to end the last one (stopped, it ends within a chunk). */
const IDLE_WAIT_MS = 200;

/** The helper thread kept for the next task, if any (tests). */
export function keptHelperThread(): Readonly<HelperThread> | null {
  return kept;
}

/**
 * Starts this thread's helper ahead of its first task (the job worker does, when it starts), so
 * that the first large check or edit does not wait while it loads its modules.
 */
export function warmUpHelperThread(): void {
  if (!kept) idleThread();
}

/** The kept helper once it is idle; a new one when there is none, it died, or it does not end its last task. */
function idleThread(): HelperThread {
  if (kept && Atomics.wait(kept.state, 0, HELPER_BUSY, IDLE_WAIT_MS) !== 'timed-out') return kept;
  if (kept) void kept.worker.terminate();
  const state = new Int32Array(new SharedArrayBuffer(4));
  const threadData: HelperThreadData = { state: state.buffer as SharedArrayBuffer };
  const { url, workerData, resourceLimits } = workerEntry('helper', { ...threadData });
  const worker = new Worker(url, { workerData, resourceLimits });
  const thread: HelperThread = { worker, state };
  // Its errors during a task come as messages (the owner is busy, events would wait); this
  // only keeps a crash from being reported as an unhandled 'error' event.
  worker.on('error', () => {});
  worker.on('exit', () => {
    if (kept === thread) kept = null;
  });
  // Idle between tasks: it must not keep the process alive.
  worker.unref();
  kept = thread;
  return thread;
}

/** What a task running on the helper thread (helper-worker.ts) is given. */
export interface HelperTaskContext<C> {
  /** A read-only connection, inside one read transaction: the owner's snapshot throughout. */
  db: Db;
  data: unknown;
  /** The helper's next chunk, or null when every chunk is taken or the owner stopped. */
  claim(): number | null;
  /** Hands a finished chunk to the owner; `transfer`: buffers moved, not copied. */
  send(index: number, chunk: C, transfer?: ArrayBuffer[]): void;
}
