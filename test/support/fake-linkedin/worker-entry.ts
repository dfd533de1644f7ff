// The fake LinkedIn in a worker thread (see in-worker.ts): a real remote server never shares the
// client's thread, so the benchmark must not make the client's work and the server's take turns.
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeLinkedIn, type FakeLinkedInOptions } from './server';

const fake = await startFakeLinkedIn(workerData as FakeLinkedInOptions);
parentPort!.on('message', (m: { type: 'reset' | 'close' | 'stats'; id: number }) => {
  if (m.type === 'reset') {
    fake.reset();
    parentPort!.postMessage({ id: m.id });
  } else if (m.type === 'stats') {
    const applied = fake.requests.filter((r) => r.applied);
    parentPort!.postMessage({
      id: m.id,
      stats: { requests: fake.requests.length, appliedKeys: applied.reduce((n, r) => n + r.keys.length, 0), candidates: fake.state.candidates.size },
    });
  } else {
    void fake.close().then(() => parentPort!.postMessage({ id: m.id }));
  }
});
parentPort!.postMessage({ ready: { url: fake.url, clientId: fake.clientId, clientSecret: fake.clientSecret } });
