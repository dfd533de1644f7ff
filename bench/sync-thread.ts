// The sync benchmark's sending side, on a worker thread made as the app makes its job worker
// (WORKER_RESOURCE_LIMITS): in the app a sync runs on that thread, so both the sync and the bare
// loop it is compared with run here, under the same limits, while the fake answers from another.
import { parentPort, workerData } from 'node:worker_threads';
import { openWorkspaceDb, type Db } from '../electron/core/db/connection';
import { runSync } from '../electron/core/syncing/sync-run';
import { createHttpTransport } from '../electron/core/syncing/http-transport';
import { planBatches, type SendItem } from '../electron/core/syncing/batch-planner';
import { buildPayload } from '../shared/payload/elements';
import { toWire } from '../shared/payload/requests';

export interface FakeAddress {
  url: string;
  clientId: string;
  clientSecret: string;
}

export type SyncThreadRequest =
  | { type: 'baseline'; fake: FakeAddress }
  | { type: 'sync'; fake: FakeAddress; requestsInFlight?: number }
  | { type: 'close' };

/** A finished measurement; a failed one arrives as `{ error }`. */
export interface SyncThreadResult {
  ms: number;
  succeeded?: number;
  failure?: string;
}

export type SyncThreadReply = SyncThreadResult | { error: string };

const ORG = 'urn:li:organization:2414183';

function resetSyncState(db: Db): void {
  db.exec(`UPDATE records SET sync_status = NULL, sync_message = NULL, sync_hash = NULL, sync_rejected_hash = NULL,
    synced_at = NULL, sync_exchange_id = NULL; DELETE FROM exchanges; DELETE FROM sync_runs; DELETE FROM sync_request_counts;`);
}

/** The same requests the sync would send, prebuilt outside the timing, sent one after another. */
async function baseline(db: Db, fake: FakeAddress): Promise<number> {
  const rows = db.prepare("SELECT id, key, values_json FROM records_wide WHERE category = 'candidates' ORDER BY id").all() as {
    id: number;
    key: string;
    values_json: string;
  }[];
  const items: SendItem[] = rows.map((r) => {
    const built = buildPayload({ category: 'candidates', key: r.key, values: JSON.parse(r.values_json) }, { organizationUrn: ORG });
    if (!built.ok) throw new Error(built.problem);
    return { recordId: r.id, payload: built };
  });
  const wires = planBatches('candidates', items, { batchSize: 100, oversize: 'tunnel' }).map((b) => toWire(b.request, () => 'rscwbench'));
  const transport = createHttpTransport();
  const tokenRes = await transport.send(
    {
      method: 'POST',
      url: `${fake.url}/oauth/v2/accessToken`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: fake.clientSecret }).toString(),
    },
    { timeoutMs: 30_000 },
  );
  const token = (JSON.parse(tokenRes.body) as { access_token: string }).access_token;
  const started = performance.now();
  for (const w of wires) {
    const res = await transport.send(
      { method: w.method, url: `${fake.url}${w.path}${w.query ? `?${w.query}` : ''}`, headers: { ...w.headers, Authorization: `Bearer ${token}` }, body: w.body },
      { timeoutMs: 30_000 },
    );
    if (res.status !== 200) throw new Error(`baseline got ${res.status}`);
  }
  const ms = performance.now() - started;
  transport.close();
  return ms;
}

/** The real sync from a reset sync state; pacing lifted (see sync.bench.ts). */
async function realSync(db: Db, fake: FakeAddress, requestsInFlight?: number): Promise<SyncThreadResult> {
  resetSyncState(db);
  const started = performance.now();
  const summary = await runSync(db, {
    timing: { requestsInFlight },
    credentials: { clientId: fake.clientId, clientSecret: fake.clientSecret },
    settings: {
      organizationUrn: ORG,
      apiBaseUrl: fake.url,
      oauthBaseUrl: fake.url,
      batchSize: 100,
      recordsPerMinute: Number.MAX_SAFE_INTEGER,
    },
  });
  const ms = performance.now() - started;
  return { ms, succeeded: summary.succeeded, failure: summary.failure ? JSON.stringify(summary.failure) : undefined };
}

if (parentPort && (workerData as { syncBench?: boolean } | null)?.syncBench) {
  const port = parentPort;
  const db = openWorkspaceDb((workerData as { dbPath: string }).dbPath);
  port.on('message', (m: SyncThreadRequest) => {
    if (m.type === 'close') {
      db.close();
      port.close();
      return;
    }
    const work = m.type === 'baseline' ? baseline(db, m.fake).then((ms) => ({ ms })) : realSync(db, m.fake, m.requestsInFlight);
    work.then(
      (reply) => port.postMessage(reply),
      (err: unknown) => port.postMessage({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
    );
  });
}
