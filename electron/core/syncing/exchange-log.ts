import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import type {
  ExchangeDetail,
  ExchangePage,
  ExchangeStatusFilter,
  ExchangeSummary,
} from '../../../shared/contract/sync';
import { countRequest } from './request-budget';

export type ExchangeKind = 'token' | 'batch' | 'poll' | 'upload' | 'check' | 'read' | 'delete';

export interface ExchangeEntry {
  runId: number | null;
  at: number;
  kind: ExchangeKind;
  category: Category | null;
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  status: number | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
  durationMs: number;
  attempt: number;
  recordKeys: readonly string[];
  error: string | null;
}

const REDACTED = '[redacted]';
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);

/**
 * Writes every HTTP exchange of a sync to the workspace, with secrets removed before they touch
 * the file: Authorization (and cookie) headers, the token call's client_secret and the token
 * response's access_token, and — as a last line of defence — any occurrence of a known secret
 * anywhere in the row. Each API exchange also counts against the day's request budget, in the
 * same statement batch, so the count survives log retention.
 * An exchange is written once, when its answer (or error) is in: SQLite rewrites a whole row on
 * update, so logging the request first and the answer later would write the body twice.
 */
export class ExchangeLog {
  private readonly insertStmt;

  constructor(
    private readonly db: Db,
    /** The client secret and the access tokens issued so far. */
    private readonly secrets: () => readonly string[],
  ) {
    this.insertStmt = db.prepare(`INSERT INTO exchanges
      (run_id, at, kind, category, method, url, request_headers, request_body, status, response_headers,
       response_body, duration_ms, attempt, record_keys, error)
      VALUES (@runId, @at, @kind, @category, @method, @url, @requestHeaders, @requestBody, @status, @responseHeaders,
       @responseBody, @durationMs, @attempt, @recordKeys, @error)`);
  }

  /** Inserts one exchange (with the day's request count: call it inside a transaction to keep them together). */
  insert(entry: ExchangeEntry): number {
    const scrub = this.scrubber();
    const requestBody = entry.kind === 'token' ? redactTokenRequest(entry.requestBody) : entry.requestBody;
    const responseBody = entry.kind === 'token' ? redactTokenResponse(entry.responseBody) : entry.responseBody;
    const info = this.insertStmt.run({
      runId: entry.runId,
      at: entry.at,
      kind: entry.kind,
      category: entry.category,
      method: entry.method,
      url: scrub(entry.url),
      requestHeaders: scrub(JSON.stringify(redactHeaders(entry.requestHeaders))),
      requestBody: requestBody === null ? null : scrub(requestBody),
      status: entry.status,
      responseHeaders: entry.responseHeaders === null ? null : scrub(JSON.stringify(redactHeaders(entry.responseHeaders))),
      responseBody: responseBody === null ? null : scrub(responseBody),
      durationMs: Math.round(entry.durationMs),
      attempt: entry.attempt,
      recordKeys: JSON.stringify(entry.recordKeys),
      error: entry.error === null ? null : scrub(entry.error),
    });
    const id = Number(info.lastInsertRowid);
    if (entry.kind !== 'token') countRequest(this.db, entry.at);
    return id;
  }

  private scrubber(): (text: string) => string {
    // Short strings would blank out unrelated text; real secrets and tokens are long.
    const secrets = this.secrets().filter((s) => s.length >= 6);
    if (secrets.length === 0) return (t) => t;
    return (text) => {
      let out = text;
      for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
      return out;
    };
  }
}

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (!SECRET_HEADERS.has(k.toLowerCase())) out[k] = v;
    else out[k] = /^bearer\s/i.test(v) ? `Bearer ${REDACTED}` : REDACTED;
  }
  return out;
}

function redactTokenRequest(body: string | null): string | null {
  if (body === null) return null;
  const params = new URLSearchParams(body);
  if (params.has('client_secret')) params.set('client_secret', REDACTED);
  return params.toString();
}

function redactTokenResponse(body: string | null): string | null {
  if (body === null) return null;
  return body.replace(/("(?:access_token|refresh_token)"\s*:\s*")[^"]*(")/g, `$1${REDACTED}$2`);
}

/** Deletes exchanges older than `days` days; returns how many. Null keeps everything. */
export function pruneExchanges(db: Db, days: number | null, now: number): number {
  if (days === null) return 0;
  return db.prepare('DELETE FROM exchanges WHERE at < ?').run(now - days * 86_400_000).changes;
}

export interface ExchangeFilter {
  status?: ExchangeStatusFilter[];
  category?: Category;
  recordKey?: string;
  runId?: number;
  search?: string;
  limit?: number;
  offset?: number;
}

/** A row of the `exchanges` table, as SELECT * returns it. */
export interface ExchangeRow {
  id: number;
  run_id: number | null;
  at: number;
  kind: ExchangeKind | null;
  category: Category | null;
  method: string;
  url: string;
  request_headers: string;
  request_body: string | null;
  status: number | null;
  response_headers: string | null;
  response_body: string | null;
  duration_ms: number | null;
  attempt: number;
  record_keys: string;
  error: string | null;
}

function statusCondition(filter: ExchangeStatusFilter, params: unknown[]): string {
  if (typeof filter === 'number') {
    params.push(filter);
    return 'status = ?';
  }
  if (filter === 'ok') return '(status BETWEEN 200 AND 299)';
  if (filter === 'error') return '(status IS NULL OR status NOT BETWEEN 200 AND 299)';
  const base = Number(filter[0]) * 100;
  params.push(base, base + 99);
  return '(status BETWEEN ? AND ?)';
}

/** Newest first. */
export function listExchanges(db: Db, filter: ExchangeFilter = {}): ExchangePage {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.status && filter.status.length > 0) {
    where.push(`(${filter.status.map((s) => statusCondition(s, params)).join(' OR ')})`);
  }
  if (filter.category) {
    where.push('category = ?');
    params.push(filter.category);
  }
  if (filter.runId !== undefined) {
    where.push('run_id = ?');
    params.push(filter.runId);
  }
  if (filter.recordKey) {
    where.push('EXISTS (SELECT 1 FROM json_each(exchanges.record_keys) WHERE json_each.value = ?)');
    params.push(filter.recordKey);
  }
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("(url LIKE ? ESCAPE '\\' OR request_body LIKE ? ESCAPE '\\' OR response_body LIKE ? ESCAPE '\\')");
    params.push(like, like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const { n } = db.prepare(`SELECT count(*) AS n FROM exchanges ${clause}`).get(...params) as { n: number };
  const rows = db
    .prepare(
      `SELECT id, run_id, at, kind, category, method, url, status, duration_ms, attempt, record_keys, error
       FROM exchanges ${clause} ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(...params, filter.limit ?? 100, filter.offset ?? 0) as ExchangeRow[];
  return { total: n, rows: rows.map(toSummary) };
}

export function getExchange(db: Db, id: number): ExchangeDetail | null {
  const row = db.prepare('SELECT * FROM exchanges WHERE id = ?').get(id) as ExchangeRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    requestHeaders: JSON.parse(row.request_headers) as Record<string, string>,
    requestBody: row.request_body,
    responseHeaders: row.response_headers === null ? null : (JSON.parse(row.response_headers) as Record<string, string>),
    responseBody: row.response_body,
  };
}

function toSummary(row: ExchangeRow): ExchangeSummary {
  return {
    id: row.id,
    runId: row.run_id,
    at: row.at,
    kind: row.kind,
    category: row.category,
    method: row.method,
    url: row.url,
    status: row.status,
    durationMs: row.duration_ms,
    attempt: row.attempt,
    recordKeys: JSON.parse(row.record_keys) as string[],
    error: row.error,
  };
}
