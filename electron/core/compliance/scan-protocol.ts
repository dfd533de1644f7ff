import type { MessagePort } from 'node:worker_threads';
import type { ScannedRecord } from './scan-record';

/** What a full check hands its helper thread (scan-worker.ts). */
export interface ScanWorkerData {
  file: string;
  /** The helper scans the records with a greater id. */
  afterId: number;
  timeZone: string;
  now: number;
  port: MessagePort;
  /** Int32 slots: SIGNAL_POSTED counts messages sent, SIGNAL_STOP asks the helper to stop. */
  signal: SharedArrayBuffer;
}

export const SIGNAL_POSTED = 0;
export const SIGNAL_STOP = 1;

export type ScanWorkerMessage =
  | { type: 'records'; records: ScannedRecord[] }
  | { type: 'done'; scanned: number }
  | { type: 'failed'; message: string };
