import type { Db } from '../db/connection';
import type { MatchCounts, MatchStatus, ReconcileSummary } from '../../../shared/contract/reconcile';
import { candidatesBatchGet } from '../../../shared/payload/read-delete-requests';
import { toWire } from '../../../shared/payload/requests';
import { KeyedMap } from '../syncing/batch-results';
import { SyncCancelled, SyncFailure, classifyStatus } from '../syncing/failures';
import { REAL_RUNTIME } from '../syncing/timing';
import { driftBetween } from './drift';
import { connectToLinkedIn, runSettings, type LinkedInConnection, type LinkedInRunOptions } from './linkedin-connection';
import { parseManualMatch, parseMatchedMembers } from './matched-members';
import { PayloadBuilder, SentPayloads, countSyncedCandidates, syncedCandidatePages, type SyncedRecord } from './synced-records';

export interface ReconcileOptions extends LinkedInRunOptions {
  /** Only the candidates of this import (source_files.id). */
  fileId?: number;
  /** false: leave `records` empty (the app shows the stored matches; a list of 100,000 would only cross the bridge). */
  listRecords?: boolean;
  onProgress?: (done: number, total: number) => void;
}

const MAX_LISTED_ERRORS = 1000;
/** Rest.li batch methods take at most 100 keys; the sync's batch size applies below that. */
const MAX_KEYS = 100;

interface Answer {
  record: SyncedRecord;
  status: MatchStatus;
  members: string[];
  manual: string | null;
  unrecognized: string | null;
  drift: string | null;
}

/**
 * Reads every synced candidate back from LinkedIn (BATCH_GET, Postman "Retrieve Candidate
 * Matches") in requests of at most 100 keys, tunnelled past 4 KB of query string, through the
 * sync's client, token, retries, budget and exchange log. Keeps each candidate's member matches,
 * manual match, when it was read, and the fields LinkedIn holds otherwise than sent. Never throws
 * for LinkedIn's or the network's failures: they end the run with status 'failed'.
 */
export async function runReconcile(db: Db, options: ReconcileOptions = {}): Promise<ReconcileSummary> {
  const runtime = options.runtime ?? REAL_RUNTIME;
  const readAt = runtime.now();
  const counts: MatchCounts = { synced: countSyncedCandidates(db, options.fileId), checked: 0, matched: 0, unmatched: 0, notFound: 0 };
  const summary: ReconcileSummary = {
    status: 'finished', readAt, requests: 0, candidates: counts, records: [], errors: [], unrecognized: 0, drifted: 0, failure: null,
  };
  let connection: LinkedInConnection | null = null;
  try {
    connection = connectToLinkedIn(db, options);
    const batchSize = Math.min(MAX_KEYS, runSettings(db, options).batchSize);
    const builder = new PayloadBuilder(db, connection.settings.organizationUrn);
    const sent = new SentPayloads(db);
    const store = new MatchStore(db);
    options.onProgress?.(0, counts.synced);
    for (const page of syncedCandidatePages(db, options.fileId, batchSize)) {
      if (options.isCancelled?.()) throw new SyncCancelled();
      const answers = await readPage(connection, page, builder, sent, store, readAt);
      for (const a of answers) {
        if (a.status === 'matched') counts.matched++;
        else if (a.status === 'unmatched') counts.unmatched++;
        else counts.notFound++;
        counts.checked++;
        if (a.unrecognized !== null) summary.unrecognized++;
        if (a.drift !== null) summary.drifted++;
        if (options.listRecords !== false) summary.records.push({ category: 'candidates', key: a.record.key, status: a.status, members: a.members, manualMatchedMember: a.manual });
      }
      for (const e of store.errors.splice(0)) if (summary.errors.length < MAX_LISTED_ERRORS) summary.errors.push(e);
      options.onProgress?.(counts.checked, counts.synced);
    }
  } catch (err) {
    if (err instanceof SyncCancelled) summary.status = 'cancelled';
    else if (err instanceof SyncFailure) {
      summary.status = 'failed';
      summary.failure = err.info();
    } else throw err;
  } finally {
    summary.requests = connection?.requests() ?? 0;
    connection?.close();
  }
  return summary;
}

async function readPage(
  connection: LinkedInConnection,
  page: SyncedRecord[],
  builder: PayloadBuilder,
  sent: SentPayloads,
  store: MatchStore,
  readAt: number,
): Promise<Answer[]> {
  const items = page.flatMap((record) => {
    const built = builder.build(record);
    return built.ok ? [{ record, built }] : [];
  });
  if (items.length === 0) return [];
  const request = candidatesBatchGet(items.map((i) => i.built.entityKey));
  const delivered = await connection.client.send(toWire(request, connection.makeBoundary), {
    kind: 'read',
    category: 'candidates',
    recordKeys: items.map((i) => i.record.key),
  });
  const { response } = delivered;
  if (response.status < 200 || response.status >= 300) {
    const failure = classifyStatus(response.status, response.body);
    const exchangeId = delivered.finish();
    throw new SyncFailure(failure.kind, failure.message, response.status, exchangeId);
  }
  const body = batchBody(response.body);
  const results = new KeyedMap<Record<string, unknown>>(body?.results);
  const errors = new KeyedMap<{ status?: unknown; message?: unknown }>(body?.errors);
  const answers: Answer[] = [];
  const failed: { key: string; status: number | null; message: string }[] = [];
  for (const { record, built } of items) {
    const key = built.entityKey;
    const error = errors.get(key);
    const result = error ? undefined : results.get(key);
    if (error || !result || typeof result !== 'object') {
      const status = typeof error?.status === 'number' ? error.status : null;
      if (status === 404) answers.push({ record, status: 'notFound', members: [], manual: null, unrecognized: null, drift: null });
      else {
        const message = typeof error?.message === 'string' && error.message ? error.message : 'LinkedIn did not answer for this candidate.';
        failed.push({ key: record.key, status, message });
      }
      continue;
    }
    const members = parseMatchedMembers(result.matchedMembers);
    const manual = parseManualMatch(result.manualMatchedMember);
    const unrecognized = [members.unrecognized && `matchedMembers: ${members.unrecognized}`, manual.unrecognized && `manualMatchedMember: ${manual.unrecognized}`]
      .filter(Boolean)
      .join('; ');
    const sentElement = sent.sent(record, built);
    const drift = sentElement ? driftBetween(sentElement, result) : [];
    answers.push({
      record,
      status: members.members.length > 0 || manual.member !== null ? 'matched' : 'unmatched',
      members: members.members,
      manual: manual.member,
      unrecognized: unrecognized || null,
      drift: drift.length > 0 ? JSON.stringify(drift) : null,
    });
  }
  store.errors.push(...failed);
  store.write(delivered, answers, readAt);
  return answers;
}

/** The linkedin_matches table: one row per candidate read, replaced at each read. */
class MatchStore {
  readonly errors: { key: string; status: number | null; message: string }[] = [];
  private readonly upsert;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`INSERT INTO linkedin_matches (record_id, status, members_json, manual_member, read_at, exchange_id, unrecognized, drift_json)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(record_id) DO UPDATE SET status = excluded.status, members_json = excluded.members_json,
        manual_member = excluded.manual_member, read_at = excluded.read_at, exchange_id = excluded.exchange_id,
        unrecognized = excluded.unrecognized, drift_json = excluded.drift_json`);
  }

  /** The exchange and what it says about each candidate, in one transaction. */
  write(delivered: { finish(): number }, answers: readonly Answer[], readAt: number): void {
    this.db.transaction(() => {
      const exchangeId = delivered.finish();
      for (const a of answers) {
        this.upsert.run(a.record.id, a.status, JSON.stringify(a.members), a.manual, readAt, exchangeId, a.unrecognized, a.drift);
      }
    })();
  }
}


/** A batch answer's `results` and `errors`, or nothing when the body is not a JSON object. */
export function batchBody(text: string): { results?: unknown; errors?: unknown } | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as { results?: unknown; errors?: unknown }) : null;
  } catch {
    return null;
  }
}
