// Entry of the job worker thread: runs the jobs it is sent, one after another (the runner never sends a
// second before the first is done), so modules load once rather than per job.
import { parentPort } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './job-types';
import { runJobBody } from './run-job-body';
import { toContractError } from './errors';
import { warmUpHelperThread } from './helper-thread';

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
warmUpHelperThread();

port.on('message', (req: WorkerRequest) => {
  const send = (m: WorkerMessage) => port.postMessage(m);
  runJobBody(req.kind, req.input, req.workspacePath, new Int32Array(req.cancelFlag), (done, total, message) =>
    send({ type: 'progress', done, total, message }),
  )
    .then(
      (outcome) => {
        send({ type: 'done', result: outcome.result });
        try {
          outcome.settle();
        } catch {
          // A checkpoint that could not run is retried by the next commit's own; nothing is lost.
        }
      },
      (err: unknown) => send({ type: 'failed', error: toContractError(err) }),
    );
});
