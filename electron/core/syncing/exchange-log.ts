import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import type {
  ExchangeDetail,
  ExchangePage,
  ExchangeStatusFilter,
  ExchangeSummary,
} from '../../../shared/contract/sync';
import { countRequest } from './request-budget';

export type ExchangeKind = 'token' | 'batch' | 'poll';

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
 */
export type ExchangeRequest = Pick<
  ExchangeEntry,
  'runId' | 'at' | 'kind' | 'category' | 'method' | 'url' | 'requestHeaders' | 'requestBody' | 'attempt' | 'recordKeys'
>;

export type ExchangeResponse = Pick<ExchangeEntry, 'status' | 'responseHeaders' | 'responseBody' | 'durationMs' | 'error'>;

/**
 * Writes every HTTP exchange of a sync to the workspace, with secrets removed before they touch
 * the file: Authorization (and cookie) headers, the token call's client_secret and the token
 * response's access_token, and — as a last line of defence — any occurrence of a known secret
 * anywhere in the row. Each API exchange also counts against the day's request budget, in the
 * same statement batch, so the count survives log retention.
 *
 * An API request is logged in two steps: `begin` once it is on the wire (status NULL: no answer
 * yet, which is what the log keeps if the process dies then), `finish` when the answer (or the
 * error) arrives. The large request body is thus written while LinkedIn is working, not between
 * two requests.
 */
export class ExchangeLog {
  private readonly insertStmt;
  private readonly beginStmt;
  private readonly finishStmt;

  constructor(
    private readonly db: Db,
    /** The client secret and the access tokens issued so far. */
    private readonly secrets: () => readonly string[],
  ) {
    this.insertStmt = db.prepare(`INSERT INTO exchanges
      (run_id, at, kind, category, method, url, request_headers, request_body, status, response_headers,
       response_body, duration_ms, attempt, record_keys, error, pending_results)
      VALUES (@runId, @at, @kind, @category, @method, @url, @requestHeaders, @requestBody, @status, @responseHeaders,
       @responseBody, @durationMs, @attempt, @recordKeys, @error, @pendingResults)`);
    this.beginStmt = db.prepare(`INSERT INTO exchanges
      (run_id, at, kind, category, method, url, request_headers, request_body, attempt, record_keys)
      VALUES (@runId, @at, @kind, @category, @method, @url, @requestHeaders, @requestBody, @attempt, @recordKeys)`);
    this.finishStmt = db.prepare(`UPDATE exchanges SET status = @status, response_headers = @responseHeaders,
      response_body = @responseBody, duration_ms = @durationMs, error = @error, pending_results = @pendingResults
      WHERE id = @id`);
  }

  /** Inserts one whole exchange (the token calls, which are few and never on the hot path). */
  insert(entry: ExchangeEntry): number {
    const id = Number(this.insertStmt.run({ ...this.requestRow(entry), ...this.responseRow(entry), pendingResults: null }).lastInsertRowid);
    if (entry.kind !== 'token') countRequest(this.db, entry.at);
    return id;
  }

  /** Logs a request that has just been sent; returns the exchange id to finish. */
  begin(request: ExchangeRequest): number {
    const id = Number(this.beginStmt.run(this.requestRow(request)).lastInsertRowid);
    if (request.kind !== 'token') countRequest(this.db, request.at);
    return id;
  }

  /**
   * Records the answer (or the error) of a begun exchange. `pendingResults` are the per-record
   * results it acknowledged, stored with it in the same statement (see RecordResultWriter).
   */
  finish(id: number, response: ExchangeResponse, pendingResults: string | null = null): void {
    this.finishStmt.run({ id, ...this.responseRow(response), pendingResults });
  }

  private requestRow(entry: ExchangeRequest) {
    const scrub = this.scrubber();
    const requestBody = entry.kind === 'token' ? redactTokenRequest(entry.requestBody) : entry.requestBody;
    return {
      runId: entry.runId,
      at: entry.at,
      kind: entry.kind,
      category: entry.category,
      method: entry.method,
      url: scrub(entry.url),
      requestHeaders: scrub(JSON.stringify(redactHeaders(entry.requestHeaders))),
      requestBody: requestBody === null ? null : scrub(requestBody),
      attempt: entry.attempt,
      recordKeys: JSON.stringify(entry.recordKeys),
    };
  }

  private responseRow(entry: ExchangeResponse & { kind?: ExchangeKind }) {
    const scrub = this.scrubber();
    const responseBody = entry.kind === 'token' ? redactTokenResponse(entry.responseBody) : entry.responseBody;
    return {
      status: entry.status,
      responseHeaders: entry.responseHeaders === null ? null : scrub(JSON.stringify(redactHeaders(entry.responseHeaders))),
      responseBody: responseBody === null ? null : scrub(responseBody),
      durationMs: Math.round(entry.durationMs),
      error: entry.error === null ? null : scrub(entry.error),
    };
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

interface ExchangeRow {
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
