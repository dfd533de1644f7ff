import type { Db } from '../db/connection';
import type { Category, FieldValues } from '../../../shared/domain';
import { buildPayload, type PayloadResult } from '../../../shared/payload/elements';
import { CheckContexts } from '../compliance/check-context';
import { nativePayloadHash, storedHashMatches } from '../syncing/payload-hasher';

/** A record LinkedIn accepted from a sync (its last accepted payload's hash is kept) and that is not erased since. */
export interface SyncedRecord {
  id: number;
  category: Category;
  key: string;
  sheetId: number | null;
  values: FieldValues;
  syncHash: string | null;
  syncExchangeId: number | null;
}

interface Row {
  id: number;
  category: Category;
  key: string;
  sheet_id: number | null;
  values_json: string;
  sync_hash: string | null;
  sync_exchange_id: number | null;
}

export const NOT_ERASED = "id NOT IN (SELECT record_id FROM linkedin_erasures WHERE status = 'erased')";

function toRecord(r: Row): SyncedRecord {
  return {
    id: r.id, category: r.category, key: r.key, sheetId: r.sheet_id, values: JSON.parse(r.values_json) as FieldValues,
    syncHash: r.sync_hash, syncExchangeId: r.sync_exchange_id,
  };
}

const COLUMNS = 'id, category, key, sheet_id, values_json, sync_hash, sync_exchange_id';

/** The synced candidates (or those of one import), a page at a time in id order. */
export function* syncedCandidatePages(db: Db, fileId: number | undefined, pageSize: number): Generator<SyncedRecord[]> {
  const byFile = fileId === undefined ? '' : 'AND sheet_id IN (SELECT id FROM source_sheets WHERE file_id = @fileId)';
  const page = db.prepare(
    `SELECT ${COLUMNS} FROM records_wide
     WHERE category = 'candidates' AND sync_hash IS NOT NULL AND ${NOT_ERASED} ${byFile} AND id > @after
     ORDER BY id LIMIT @limit`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all({ after, limit: pageSize, ...(fileId === undefined ? {} : { fileId }) }) as Row[];
    if (rows.length === 0) return;
    yield rows.map(toRecord);
    after = rows[rows.length - 1].id;
  }
}

export function countSyncedCandidates(db: Db, fileId?: number): number {
  const byFile = fileId === undefined ? '' : 'AND sheet_id IN (SELECT id FROM source_sheets WHERE file_id = ?)';
  const row = db
    .prepare(`SELECT count(*) AS n FROM records WHERE category = 'candidates' AND sync_hash IS NOT NULL AND ${NOT_ERASED} ${byFile}`)
    .get(...(fileId === undefined ? [] : [fileId])) as { n: number };
  return row.n;
}

export function recordsByIds(db: Db, ids: readonly number[]): SyncedRecord[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM records_wide WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(ids)) as Row[];
  return rows.map(toRecord);
}

/**
 * Builds records' keys (and elements) exactly as the sync builds them: same organization, dates
 * read in the workspace's zone and the columns' formats, same hash.
 */
export class PayloadBuilder {
  private readonly contexts: CheckContexts;

  constructor(
    db: Db,
    private readonly organizationUrn: string,
  ) {
    this.contexts = new CheckContexts(db);
  }

  build(record: SyncedRecord): PayloadResult {
    const dates = this.contexts.for(record.category, record.sheetId);
    return buildPayload(
      { category: record.category, key: record.key, values: record.values },
      { organizationUrn: this.organizationUrn, previouslyCreated: true, hasher: nativePayloadHash, timeZone: dates.timeZone, columnFormats: dates.columnFormats },
    );
  }
}

/**
 * What the sync last sent for a record: its payload rebuilt from the current values when that is
 * the payload LinkedIn accepted (the hash says so), else the entity in the logged request that
 * carried it (while the log keeps it); null when neither can tell.
 */
export class SentPayloads {
  private readonly bodies = new Map<number, Record<string, unknown> | null>();
  private readonly read;

  constructor(db: Db) {
    this.read = db.prepare('SELECT request_body FROM exchanges WHERE id = ?');
  }

  sent(record: SyncedRecord, built: PayloadResult): Record<string, unknown> | null {
    if (!built.ok) return null;
    if (storedHashMatches(record.syncHash, built)) return built.element as Record<string, unknown>;
    if (record.syncExchangeId === null) return null;
    const entities = this.entitiesOf(record.syncExchangeId);
    const entity = entities?.[built.entityKey];
    return entity && typeof entity === 'object' ? (entity as Record<string, unknown>) : null;
  }

  private entitiesOf(exchangeId: number): Record<string, unknown> | null {
    if (this.bodies.has(exchangeId)) return this.bodies.get(exchangeId)!;
    const row = this.read.get(exchangeId) as { request_body: string | null } | undefined;
    let entities: Record<string, unknown> | null = null;
    try {
      const body = row?.request_body ?? '';
      // A tunnelled batch_update is multipart/mixed: the JSON is the second part.
      const json = body.startsWith('--') ? /Content-Type: application\/json\r\n\r\n([\s\S]*?)\r\n--/.exec(body)?.[1] ?? '' : body;
      const parsed = JSON.parse(json) as { entities?: unknown };
      if (parsed.entities && typeof parsed.entities === 'object') entities = parsed.entities as Record<string, unknown>;
    } catch {
      entities = null;
    }
    // Only the last few are kept: records come in id order, so a batch's records are together.
    if (this.bodies.size > 8) this.bodies.delete(this.bodies.keys().next().value!);
    this.bodies.set(exchangeId, entities);
    return entities;
  }
}
