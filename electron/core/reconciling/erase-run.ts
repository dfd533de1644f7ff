import type { Db } from '../db/connection';
import type { EraseCategory, EraseRecord, EraseSummary } from '../../../shared/contract/reconcile';
import type { BuiltPayload } from '../../../shared/payload/elements';
import { entitiesBatchDelete, stagesBatchDelete } from '../../../shared/payload/read-delete-requests';
import { needsTunnel, toWire, type RestliRequest } from '../../../shared/payload/requests';
import { KeyedMap } from '../syncing/batch-results';
import { SyncCancelled, SyncFailure, classifyStatus, messageOf } from '../syncing/failures';
import { REAL_RUNTIME } from '../syncing/timing';
import { eraseTargets, markForErasure, stagesOfApplication, type EraseSelection, type EraseTarget } from './erase-targets';
import { connectToLinkedIn, runSettings, type LinkedInConnection, type LinkedInRunOptions } from './linkedin-connection';
import { batchBody } from './reconcile-run';
import { PayloadBuilder, type SyncedRecord } from './synced-records';

export interface EraseOptions extends EraseSelection, LinkedInRunOptions {
  dryRun?: boolean;
  onProgress?: (done: number, total: number) => void;
}

interface Item {
  target: EraseTarget;
  built: BuiltPayload;
  /** Stages LinkedIn deletes with this application. */
  folded: SyncedRecord[];
}

interface Request {
  category: EraseCategory;
  items: Item[];
  request: RestliRequest;
}

/** Children first: stages, then applications (which take their stages along), then candidates. */
const ORDER: readonly EraseCategory[] = ['stages', 'applications', 'candidates'];

/**
 * Deletes records at LinkedIn (BATCH_DELETE, as LinkedIn's Postman collection documents for
 * candidates, applications and stages) through the sync's client, token, retries, budget and
 * exchange log, and marks them "erased at LinkedIn" in the workspace: kept and audited, and not
 * synced again unless an import brings them back. A dry run only plans the requests. Never throws
 * for LinkedIn's or the network's failures: they end the run with status 'failed'.
 */
export async function runErase(db: Db, options: EraseOptions = {}): Promise<EraseSummary> {
  const dryRun = options.dryRun ?? false;
  const runtime = options.runtime ?? REAL_RUNTIME;
  const summary: EraseSummary = { dryRun, status: 'finished', requests: 0, tunnelled: 0, deleted: 0, notFound: 0, failed: 0, records: [], failure: null };
  let connection: LinkedInConnection | null = null;
  try {
    let targets: EraseTarget[];
    try {
      targets = eraseTargets(db, options);
    } catch (err) {
      throw new SyncFailure('configuration', (err as Error).message);
    }
    const settings = runSettings(db, options);
    if (!settings.organizationUrn) throw new SyncFailure('configuration', 'No organization URN: set it in the sync settings (or RSC_ORGANIZATION_URN).');
    const builder = new PayloadBuilder(db, settings.organizationUrn);
    const writer = new ErasureWriter(db);
    const items: Item[] = [];
    for (const target of targets) {
      const built = builder.build(target.record);
      if (!built.ok) {
        summary.records.push(recordOf(target.record, target.reason, 'failed', built.problem));
        summary.failed++;
        if (!dryRun) writer.failed([{ record: target.record, reason: target.reason }], built.problem, null, runtime.now());
        continue;
      }
      items.push({ target, built, folded: [] });
    }
    foldStages(db, items);
    const requests = plan(items, Math.min(100, settings.batchSize));
    summary.tunnelled = requests.filter((r) => needsTunnel(r.request)).length;

    if (dryRun) {
      summary.requests = requests.length;
      for (const r of requests) {
        for (const item of r.items) {
          summary.records.push(recordOf(item.target.record, item.target.reason, 'planned'));
          for (const s of item.folded) summary.records.push(recordOf(s, item.target.reason, 'planned', 'Deleted with its application'));
        }
      }
      return summary;
    }

    // Named records are marked first, so a refusal or a crash leaves them listed for erasure.
    const named = items.filter((i) => i.target.reason === 'marked');
    for (const category of ORDER) {
      const keys = named.filter((i) => i.target.record.category === category).map((i) => i.target.record.key);
      if (keys.length > 0) markForErasure(db, category, keys, runtime.now());
    }
    if (requests.length === 0) return summary;
    connection = connectToLinkedIn(db, options);
    const total = items.length;
    let done = 0;
    options.onProgress?.(0, total);
    for (const request of requests) {
      if (options.isCancelled?.()) throw new SyncCancelled();
      await send(connection, request, writer, summary, runtime.now);
      done += request.items.length;
      options.onProgress?.(done, total);
    }
  } catch (err) {
    if (err instanceof SyncCancelled) summary.status = 'cancelled';
    else if (err instanceof SyncFailure) {
      summary.status = 'failed';
      summary.failure = err.info();
    } else throw err;
  } finally {
    if (connection) summary.requests = connection.requests();
    connection?.close();
  }
  return summary;
}

function recordOf(record: SyncedRecord, reason: EraseRecord['reason'], status: EraseRecord['status'], message?: string): EraseRecord {
  return { category: record.category as EraseCategory, key: record.key, status, reason, ...(message ? { message } : {}) };
}

/** Stages whose application is erased go with it: LinkedIn deletes an application's stages with it. */
function foldStages(db: Db, items: Item[]): void {
  const applications = new Map<string, Item>();
  for (const item of items) if (item.target.record.category === 'applications') applications.set(item.built.entityKey, item);
  if (applications.size === 0) return;
  const foldedIds = new Set<number>();
  for (const app of applications.values()) {
    app.folded = stagesOfApplication(db, app.target.record.key);
    for (const s of app.folded) foldedIds.add(s.id);
  }
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item.target.record.category !== 'stages') continue;
    const parent = item.built.parentKey === undefined ? undefined : applications.get(item.built.parentKey);
    if (parent || foldedIds.has(item.target.record.id)) {
      items.splice(i, 1);
      if (parent && !parent.folded.some((s) => s.id === item.target.record.id)) parent.folded.push(item.target.record);
    }
  }
}

/** Requests of at most `size` keys, stages one application per request, children first. */
function plan(items: readonly Item[], size: number): Request[] {
  const out: Request[] = [];
  for (const category of ORDER) {
    const groups = new Map<string, Item[]>();
    for (const item of items) {
      if (item.target.record.category !== category) continue;
      const group = category === 'stages' ? (item.built.parentKey ?? '') : '';
      let list = groups.get(group);
      if (!list) groups.set(group, (list = []));
      list.push(item);
    }
    for (const [parentKey, list] of groups) {
      for (let i = 0; i < list.length; i += size) {
        const chunk = list.slice(i, i + size);
        const keys = chunk.map((c) => c.built.entityKey);
        const request = category === 'stages' ? stagesBatchDelete(parentKey, keys) : entitiesBatchDelete(category, keys);
        out.push({ category, items: chunk, request });
      }
    }
  }
  return out;
}

async function send(connection: LinkedInConnection, request: Request, writer: ErasureWriter, summary: EraseSummary, now: () => number): Promise<void> {
  const { items, category } = request;
  const meta = {
    kind: 'delete' as const,
    category,
    recordKeys: items.flatMap((i) => [i.target.record.key, ...i.folded.map((s) => s.key)]),
  };
  let delivered;
  try {
    delivered = await connection.client.send(toWire(request.request, connection.makeBoundary), meta);
  } catch (err) {
    if (err instanceof SyncFailure) {
      const rows = items.map((i) => ({ record: i.target.record, reason: i.target.reason }));
      writer.failed(rows, err.message, err.exchangeId ?? null, now());
      for (const i of items) summary.records.push(recordOf(i.target.record, i.target.reason, 'failed', err.message));
      summary.failed += items.length;
    }
    throw err;
  }
  const { response } = delivered;
  const at = now();
  type Outcome = { item: Item; status: 'deleted' | 'notFound' | 'failed'; message?: string };
  let outcomes: Outcome[];
  let fatal: SyncFailure | null = null;
  if (response.status >= 200 && response.status < 300) {
    const body = batchBody(response.body);
    const results = new KeyedMap<{ status?: unknown }>(body?.results);
    const errors = new KeyedMap<{ status?: unknown; message?: unknown }>(body?.errors);
    outcomes = items.map((item) => {
      const error = errors.get(item.built.entityKey);
      if (error) {
        const status = typeof error.status === 'number' ? error.status : null;
        if (status === 404) return { item, status: 'notFound' };
        const message = typeof error.message === 'string' && error.message ? error.message : `LinkedIn answered ${status ?? 'an error'} for this record.`;
        return { item, status: 'failed', message };
      }
      const result = results.get(item.built.entityKey);
      const status = typeof result?.status === 'number' ? result.status : result ? response.status : null;
      if (status !== null && status >= 200 && status < 300) return { item, status: 'deleted' };
      if (status === 404) return { item, status: 'notFound' };
      return { item, status: 'failed', message: status === null ? 'LinkedIn did not report a status for this record.' : `LinkedIn answered ${status} for this record.` };
    });
  } else if (response.status === 404 && category === 'stages') {
    // The application is not at LinkedIn: neither are its stages.
    outcomes = items.map((item) => ({ item, status: 'notFound' }));
  } else {
    fatal = classifyStatus(response.status, response.body);
    const message = messageOf(response.body, `LinkedIn answered ${response.status}.`);
    outcomes = items.map((item) => ({ item, status: 'failed', message }));
  }
  const exchangeId = writer.write(delivered, outcomes, at);
  for (const o of outcomes) {
    const { record, reason } = o.item.target;
    summary.records.push(recordOf(record, reason, o.status, o.message));
    if (o.status === 'failed') summary.failed++;
    else {
      if (o.status === 'deleted') summary.deleted++;
      else summary.notFound++;
      for (const s of o.item.folded) {
        summary.records.push(recordOf(s, reason, 'deleted', 'Deleted with its application'));
        summary.deleted++;
      }
    }
  }
  if (fatal) throw new SyncFailure(fatal.kind, fatal.message, fatal.status, exchangeId);
}

/** Erasure outcomes into the workspace, with their exchange, in one transaction. */
class ErasureWriter {
  private readonly erased;
  private readonly unsync;
  private readonly forget;
  private readonly refused;

  constructor(private readonly db: Db) {
    this.erased = db.prepare(`INSERT INTO linkedin_erasures (record_id, reason, status, marked_at, erased_at, message, exchange_id)
      VALUES (@id, @reason, 'erased', @at, @at, NULL, @exchangeId)
      ON CONFLICT(record_id) DO UPDATE SET status = 'erased', erased_at = @at, message = NULL, exchange_id = @exchangeId`);
    // LinkedIn no longer holds it: nothing of the last sync stands, and if it comes back it is sent whole.
    this.unsync = db.prepare(`UPDATE records SET sync_status = NULL, sync_hash = NULL, sync_rejected_hash = NULL,
      sync_message = 'Erased at LinkedIn.', synced_at = @at, sync_exchange_id = @exchangeId, linkedin_urn = NULL WHERE id = @id`);
    this.forget = db.prepare('DELETE FROM linkedin_matches WHERE record_id = ?');
    this.refused = db.prepare(`INSERT INTO linkedin_erasures (record_id, reason, status, marked_at, erased_at, message, exchange_id)
      VALUES (@id, @reason, 'failed', @at, NULL, @message, @exchangeId)
      ON CONFLICT(record_id) DO UPDATE SET status = 'failed', message = @message, exchange_id = @exchangeId`);
  }

  write(
    delivered: { finish(): number },
    outcomes: readonly { item: Item; status: 'deleted' | 'notFound' | 'failed'; message?: string }[],
    at: number,
  ): number {
    return this.db.transaction(() => {
      const exchangeId = delivered.finish();
      for (const o of outcomes) {
        const { record, reason } = o.item.target;
        if (o.status === 'failed') {
          this.refused.run({ id: record.id, reason, at, message: o.message ?? null, exchangeId });
          continue;
        }
        for (const r of [record, ...o.item.folded]) {
          this.erased.run({ id: r.id, reason, at, exchangeId });
          this.unsync.run({ id: r.id, at, exchangeId });
          this.forget.run(r.id);
        }
      }
      return exchangeId;
    })();
  }

  failed(rows: readonly { record: SyncedRecord; reason: 'missing' | 'marked' }[], message: string, exchangeId: number | null, at: number): void {
    this.db.transaction(() => {
      for (const { record, reason } of rows) this.refused.run({ id: record.id, reason, at, message, exchangeId });
    })();
  }
}
