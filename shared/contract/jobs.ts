import { z } from 'zod';
import { event, method } from './define';
import type { ContractError } from './define';

export const JOB_KINDS = ['import', 'check', 'export', 'sync', 'bulk-edit', 'resumes', 'reconcile', 'erase'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  title: string;
  done: number;
  total: number;
  message: string;
}

export interface JobInfo {
  jobId: string;
  kind: JobKind;
  title: string;
  startedAt: number;
  state: 'queued' | 'running';
}

export interface JobFinished {
  jobId: string;
  kind: JobKind;
  title: string;
  ok: boolean;
  cancelled: boolean;
  error?: ContractError;
  durationMs: number;
}

export const jobMethods = {
  'job:list': method<JobInfo[]>()(z.object({}).strict()),
  'job:cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().min(1) }).strict()),
};

export const jobEvents = {
  'job:started': event<JobInfo>(),
  'job:progress': event<JobProgress>(),
  'job:finished': event<JobFinished>(),
};
