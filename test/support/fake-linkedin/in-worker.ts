import { Worker } from 'node:worker_threads';
import type { FakeLinkedInOptions } from './server';

export interface FakeStats {
  requests: number;
  appliedKeys: number;
  candidates: number;
}

export interface WorkerFakeLinkedIn {
  url: string;
  clientId: string;
  clientSecret: string;
  reset(): Promise<void>;
  stats(): Promise<FakeStats>;
  close(): Promise<void>;
}

/** Starts the fake LinkedIn on its own thread (for benchmarks: client and server then run in parallel). */
export async function startFakeLinkedInInWorker(options: FakeLinkedInOptions = {}): Promise<WorkerFakeLinkedIn> {
  const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), { workerData: options });
  let nextId = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  const ready = new Promise<{ url: string; clientId: string; clientSecret: string }>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { ready?: { url: string; clientId: string; clientSecret: string }; id?: number; stats?: FakeStats }) => {
      if (m.ready) resolve(m.ready);
      else if (m.id !== undefined) {
        waiting.get(m.id)?.(m.stats);
        waiting.delete(m.id);
      }
    });
  });
  const call = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (value: unknown) => void);
      worker.postMessage({ type, id });
    });
  const info = await ready;
  return {
    ...info,
    reset: () => call<void>('reset'),
    stats: () => call<FakeStats>('stats'),
    close: async () => {
      await call<void>('close');
      await worker.terminate();
    },
  };
}
