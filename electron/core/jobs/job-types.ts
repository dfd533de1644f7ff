import type { Db } from '../db/connection';
import type { JobKind } from '../../../shared/contract/jobs';

/** What a job body gets, whether it runs in a worker thread or inline (CLI). */
export interface JobContext {
  /** A connection of the job's own to the workspace file. */
  db: Db;
  workspacePath: string;
  progress(done: number, total: number, message?: string): void;
  isCancelled(): boolean;
  /** Throws a CANCELLED ContractFailure when the user cancelled; call between batches. */
  throwIfCancelled(): void;
}

export type JobBody<I, O> = (input: I, ctx: JobContext) => Promise<O> | O;

export interface JobDefinition<I, O> {
  kind: JobKind;
  body: JobBody<I, O>;
}

export function defineJob<I, O>(kind: JobKind, body: JobBody<I, O>): JobDefinition<I, O> {
  return { kind, body };
}

/** Messages between the runner and a job worker. */
export type WorkerRequest = {
  type: 'run';
  kind: JobKind;
  input: unknown;
  workspacePath: string;
  cancelFlag: SharedArrayBuffer;
};

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; message: string }
  | { type: 'done'; result: unknown }
  | { type: 'failed'; error: { code: string; message: string; details?: unknown } };
