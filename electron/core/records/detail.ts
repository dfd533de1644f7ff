import type { Db } from '../db/connection';
import { ContractFailure } from '../../../shared/contract/define';
import type { Category } from '../../../shared/domain';
import { fieldsOf } from '../../../shared/rsc/fields';
import type {
  DetailField, ExchangeSummary, OperationKind, RecordDetail, RecordHistoryItem, RecordRef, StoredStatus,
} from '../../../shared/contract/records';
import { issuesOf, parseCell, parseValues, pick, sameCell, unmappedHeaders } from './row-parts';

/** Bodies beyond this are cut in the record panel; the audit workbook carries them whole. */
const BODY_LIMIT = 20_000;
const HISTORY_LIMIT = 200;
const EXCHANGE_LIMIT = 50;

interface DetailRow {
  id: number;
  category: Category;
  key: string;
  sheet_id: number | null;
  source_row: number | null;
  status: StoredStatus;
  excluded: number;
  exclude_reason: string | null;
  values_json: string;
  original_json: string;
  source_json: string;
  sync_status: string | null;
  sync_message: string | null;
  synced_at: number | null;
  sync_exchange_id: number | null;
  linkedin_urn: string | null;
}

export function findRecordId(db: Db, ref: RecordRef): number {
  const id =
    'recordId' in ref
      ? (db.prepare('SELECT id FROM records WHERE id = ?').pluck().get(ref.recordId) as number | undefined)
      : (db.prepare('SELECT id FROM records WHERE category = ? AND key = ?').pluck().get(ref.category, ref.key) as
          | number
          | undefined);
  if (id === undefined) {
    const what = 'recordId' in ref ? `#${ref.recordId}` : `${ref.category} "${ref.key}"`;
    throw new ContractFailure('NOT_FOUND', `There is no record ${what} in this workspace.`);
  }
  return id;
}

/** Everything the record panel shows: values old and new, issues, edit history and sync history. */
export function recordDetail(db: Db, ref: RecordRef): RecordDetail {
  const id = findRecordId(db, ref);
  const r = db
    .prepare(
      `SELECT id, category, key, sheet_id, source_row, status, excluded, exclude_reason, values_json, original_json,
              source_json, sync_status, sync_message, synced_at, sync_exchange_id, linkedin_urn
         FROM records_wide WHERE id = ?`,
    )
    .get(id) as DetailRow;
  const values = parseValues(r.values_json);
  const original = parseValues(r.original_json);
  const sourceValues = parseValues(r.source_json);
  const sheet =
    r.sheet_id === null
      ? undefined
      : (db
          .prepare('SELECT s.name AS sheet, f.name AS file FROM source_sheets s LEFT JOIN source_files f ON f.id = s.file_id WHERE s.id = ?')
          .get(r.sheet_id) as { sheet: string; file: string | null } | undefined);
  const unmapped = r.sheet_id === null ? undefined : unmappedHeaders(db, [r.sheet_id]).get(r.sheet_id);
  return {
    id: r.id,
    category: r.category,
    key: r.key,
    status: r.status,
    excluded: r.excluded === 1,
    excludeReason: r.exclude_reason,
    source: { file: sheet?.file ?? null, sheet: sheet?.sheet ?? null, row: r.source_row, values: sourceValues },
    fields: detailFields(r.category, original, values),
    extras: pick(sourceValues, unmapped),
    issues: issuesOf(db, [id]).get(id) ?? [],
    history: recordHistory(db, id),
    sync: {
      status: r.sync_status,
      message: r.sync_message,
      syncedAt: r.synced_at,
      linkedinUrn: r.linkedin_urn,
      exchanges: recordExchanges(db, r.category, r.key, r.sync_exchange_id),
    },
  };
}

function detailFields(category: Category, original: Record<string, unknown>, values: Record<string, unknown>): DetailField[] {
  const spec = fieldsOf(category).map((f) => f.name);
  const others = [...new Set([...Object.keys(original), ...Object.keys(values)])].filter((f) => !spec.includes(f));
  return [...spec, ...others].map((name) => {
    const o = (original[name] ?? null) as DetailField['original'];
    const c = (values[name] ?? null) as DetailField['current'];
    return { name, original: o, current: c, edited: !sameCell(o, c), inSpec: spec.includes(name) };
  });
}

function recordHistory(db: Db, recordId: number): RecordHistoryItem[] {
  const rows = db
    .prepare(
      `SELECT e.operation_id, o.kind, o.description, e.at, e.field, e.before_json, e.after_json, o.undone
         FROM edits e JOIN operations o ON o.id = e.operation_id
        WHERE e.record_id = ? ORDER BY e.id DESC LIMIT ${HISTORY_LIMIT}`,
    )
    .all(recordId) as {
    operation_id: number;
    kind: OperationKind;
    description: string;
    at: number;
    field: string;
    before_json: string | null;
    after_json: string | null;
    undone: number;
  }[];
  return rows.map((e) => ({
    operationId: e.operation_id,
    kind: e.kind,
    description: e.description,
    at: e.at,
    field: e.field,
    before: parseCell(e.before_json),
    after: parseCell(e.after_json),
    undone: e.undone === 1,
  }));
}

interface ExchangeRow {
  id: number;
  run_id: number | null;
  at: number;
  kind: string | null;
  method: string;
  url: string;
  status: number | null;
  duration_ms: number | null;
  attempt: number;
  error: string | null;
  request_body: string | null;
  response_body: string | null;
}

/**
 * The record's exchanges: the one its last sync result came from, and every exchange whose
 * record_keys lists its key. The JSON text is tested with instr first so that only exchanges
 * that can contain the key are opened with json_each.
 */
function recordExchanges(db: Db, category: Category, key: string, lastExchangeId: number | null): ExchangeSummary[] {
  const quoted = JSON.stringify(key);
  const rows = db
    .prepare(
      `SELECT id, run_id, at, kind, method, url, status, duration_ms, attempt, error, request_body, response_body
         FROM exchanges e
        WHERE e.id = ?
           OR ((e.category = ? OR e.category IS NULL) AND instr(e.record_keys, ?) > 0
               AND EXISTS (SELECT 1 FROM json_each(e.record_keys) k WHERE k.value = ?))
        ORDER BY e.at DESC, e.id DESC LIMIT ${EXCHANGE_LIMIT}`,
    )
    .all(lastExchangeId ?? -1, category, quoted, key) as ExchangeRow[];
  return rows.map((e) => {
    const request = cut(e.request_body);
    const response = cut(e.response_body);
    return {
      id: e.id,
      runId: e.run_id,
      at: e.at,
      kind: e.kind,
      method: e.method,
      url: e.url,
      status: e.status,
      durationMs: e.duration_ms,
      attempt: e.attempt,
      error: e.error,
      requestBody: request.text,
      responseBody: response.text,
      truncated: request.cut || response.cut,
    };
  });
}

function cut(text: string | null): { text: string | null; cut: boolean } {
  if (text === null || text.length <= BODY_LIMIT) return { text, cut: false };
  return { text: text.slice(0, BODY_LIMIT), cut: true };
}
