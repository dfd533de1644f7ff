import { Worker } from 'node:worker_threads';
import { randomUUID } from 'node:crypto';
import { ContractFailure, isContractError } from '../../../shared/contract/define';
import type { JobFinished, JobInfo, JobKind, JobProgress } from '../../../shared/contract/jobs';
import type { WorkerMessage, WorkerRequest } from './job-types';
import { runJobBody } from './run-job-body';
import { toContractError } from './errors';
import { workerEntry } from './worker-entry';

export interface JobRunnerEvents {
  started(info: JobInfo): void;
  progress(p: JobProgress): void;
  finished(f: JobFinished): void;
}

export interface RunOptions {
  title: string;
  workspacePath: string;
}

interface QueuedJob {
  info: JobInfo;
  input: unknown;
  workspacePath: string;
  cancelFlag: Int32Array;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/**
 * Runs long work one job at a time (one writer per workspace: SQLite allows one), in a worker
 * thread so the process that serves the UI never blocks, or inline for the CLI where nothing
 * waits on the event loop. Cancellation is a shared flag the job polls synchronously between
 * batches, because a synchronous SQLite loop never yields to receive a message.
 */
export class JobRunner {
  private queue: QueuedJob[] = [];
  private current: QueuedJob | null = null;
  private worker: Worker | null = null;
  private onWorkerMessage: ((m: WorkerMessage) => void) | null = null;
  private onWorkerLost: ((reason: string) => void) | null = null;

  constructor(
    private readonly mode: 'worker' | 'inline',
    private readonly events: JobRunnerEvents,
  ) {}

  list(): JobInfo[] {
    return [...(this.current ? [this.current.info] : []), ...this.queue.map((j) => j.info)];
  }

  cancel(jobId: string): boolean {
    if (this.current?.info.jobId === jobId) {
      Atomics.store(this.current.cancelFlag, 0, 1);
      return true;
    }
    const i = this.queue.findIndex((j) => j.info.jobId === jobId);
    if (i < 0) return false;
    const [job] = this.queue.splice(i, 1);
    job.reject(new ContractFailure('CANCELLED', 'Cancelled before it started: nothing was changed.'));
    return true;
  }

  run<O>(kind: JobKind, input: unknown, options: RunOptions): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const job: QueuedJob = {
        info: { jobId: randomUUID(), kind, title: options.title, startedAt: Date.now(), state: 'queued' },
        input,
        workspacePath: options.workspacePath,
        cancelFlag: new Int32Array(new SharedArrayBuffer(4)),
        resolve: resolve as (v: unknown) => void,
        reject,
      };
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.current = job;
    job.info = { ...job.info, state: 'running', startedAt: Date.now() };
    this.events.started(job.info);
    const onProgress = (done: number, total: number, message: string) =>
      this.events.progress({ jobId: job.info.jobId, kind: job.info.kind, title: job.info.title, done, total, message });
    const execution = this.mode === 'worker' ? this.runInWorker(job, onProgress) : this.runInline(job, onProgress);
    execution
      .then(
        (result) => {
          this.finish(job, null);
          job.resolve(result);
        },
        (err: unknown) => {
          this.finish(job, err);
          job.reject(err instanceof ContractFailure ? err : toFailure(err));
        },
      )
      .finally(() => {
        this.current = null;
        this.pump();
      });
  }

  private finish(job: QueuedJob, err: unknown): void {
    const error = err ? toContractError(err) : undefined;
    this.events.finished({
      jobId: job.info.jobId,
      kind: job.info.kind,
      title: job.info.title,
      ok: !err,
      cancelled: error?.code === 'CANCELLED',
      ...(error ? { error } : {}),
      durationMs: Date.now() - job.info.startedAt,
    });
  }

  private async runInline(job: QueuedJob, onProgress: (d: number, t: number, m: string) => void): Promise<unknown> {
    const outcome = await runJobBody(job.info.kind, job.input, job.workspacePath, job.cancelFlag, onProgress);
    outcome.settle();
    return outcome.result;
  }

  /** Starts the worker ahead of the first job, so the first import does not wait for modules to load. */
  warm(): void {
    if (this.mode === 'worker') this.ensureWorker();
  }

  /** Stops the worker thread (the current job, if any, is abandoned: its transaction rolls back). */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { url, workerData, resourceLimits } = workerEntry('job');
    const worker = new Worker(url, { workerData, resourceLimits });
    // An idle worker must not keep the CLI or a test process alive.
    worker.unref();
    worker.on('message', (m: WorkerMessage) => this.onWorkerMessage?.(m));
    const lost = (reason: string) => {
      if (this.worker === worker) this.worker = null;
      this.onWorkerLost?.(reason);
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit ${code}`));
    this.worker = worker;
    return worker;
  }

  private runInWorker(job: QueuedJob, onProgress: (d: number, t: number, m: string) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const worker = this.ensureWorker();
      worker.ref();
      const settle = () => {
        this.onWorkerMessage = null;
        this.onWorkerLost = null;
        worker.unref();
      };
      this.onWorkerMessage = (m) => {
        if (m.type === 'progress') return onProgress(m.done, m.total, m.message);
        settle();
        if (m.type === 'done') resolve(m.result);
        else reject(new ContractFailure(m.error.code, m.error.message, m.error.details));
      };
      this.onWorkerLost = (reason) => {
        settle();
        reject(new ContractFailure('JOB_CRASHED', `The ${job.info.kind} job stopped unexpectedly (${reason}); nothing it had not finished was saved.`));
      };
      const request: WorkerRequest = {
        type: 'run',
        kind: job.info.kind,
        input: job.input,
        workspacePath: job.workspacePath,
        cancelFlag: job.cancelFlag.buffer as SharedArrayBuffer,
      };
      worker.postMessage(request);
    });
  }
}

function toFailure(err: unknown): ContractFailure {
  const e = isContractError(err) ? err : toContractError(err);
  return new ContractFailure(e.code, e.message, e.details);
}

