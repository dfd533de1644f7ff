import http from 'node:http';
import { EventEmitter } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import {
  RestliParseError,
  canonicalKey,
  parseIdsParam,
  parseRestli,
  type RestliValue,
} from './restli-parse';
import { validateApplication, validateCandidate, validateJob, validateStage } from './validate';
import { createFakeMedia, type MediaResource, type StoredMedia } from './media';
import { createReadDelete, type ReadDeleteOptions } from './read-delete';

/**
 * A local stand-in for LinkedIn's RSC endpoints (unversioned /v2, Rest.li protocol 2.0.0), as
 * the API notes (shared/rsc/linkedin-api.md) describe them: the client-credentials token flow
 * with expiry, simpleJobPostings batch_create with asynchronous simpleJobPostingTasks,
 * atsCandidates / atsApplications batch_update with compound keys, stages under their
 * application, per-entity errors inside a 200, 414 past 4 KB of query string, X-Restli-Method
 * checks, query tunnelling, and fault injection. It records every request it receives.
 */

export type Resource = 'token' | 'jobs' | 'tasks' | 'candidates' | 'applications' | 'stages' | MediaResource | 'unknown';

export interface ReceivedRequest {
  seq: number;
  at: number;
  /** As on the wire (POST for a tunnelled request). */
  method: string;
  /** After X-HTTP-Method-Override. */
  effectiveMethod: string;
  path: string;
  /** The query string as received, or the tunnelled one. */
  query: string;
  headers: Record<string, string>;
  body: string;
  /** The JSON body: the body itself, or the JSON part of a tunnelled multipart body; null when none. */
  jsonBody: string | null;
  tunnelled: boolean;
  resource: Resource;
  restliMethod: string | null;
  /**
   * Record keys carried (decoded): jobs externalJobPostingId, candidates atsCandidateId,
   * applications atsJobApplicationId, stages `${atsJobApplicationId}/${stageId}`, tasks their URNs.
   */
  keys: string[];
  status: number | null;
  /** When the response was written (null while unanswered): with `at`, what was on the wire at once. */
  answeredAt: number | null;
  fault: Fault['type'] | null;
  /** The request changed the fake's state (entities written, tasks created or advanced). */
  applied: boolean;
}

export type Fault =
  /** Answer with this status (and Retry-After, body) instead of handling the request. */
  | { type: 'status'; status: number; retryAfter?: string; body?: unknown }
  /** Destroy the connection without answering; the request is not applied. */
  | { type: 'drop' }
  /** Handle the request normally, but only after this delay (a slow LinkedIn). */
  | { type: 'delay'; ms: number }
  /** Never answer and never apply (until the server closes). */
  | { type: 'hang' }
  /** Expire the caller's token just before handling, as if it ran out mid-sync. */
  | { type: 'expireToken' };

export interface FaultOptions {
  /** Only requests to this resource. */
  resource?: Resource;
  /** How many matching requests get the fault (default 1; Infinity for all). */
  times?: number;
  /** Let this many matching requests through first. */
  skip?: number;
  match?: (request: ReceivedRequest) => boolean;
}

export interface FakeLinkedInOptions {
  clientId?: string;
  clientSecret?: string;
  /** Lifetime of issued tokens (LinkedIn: 1800). */
  tokenTtlSeconds?: number;
  /** Polls a task answers IN_PROGRESS before it finishes (default 1). */
  taskPollsBeforeDone?: number;
  /** Answer 429 once more records than this arrive within a minute (off by default). */
  recordsPerMinute?: number;
  /** Added to every answer, like a network round trip (default 0: answer as fast as possible). */
  latencyMs?: number;
  /** Decide a job task's fate yourself; return a message to make it FAILED. */
  taskFailure?: (element: Record<string, unknown>) => string | null;
  port?: number;
  host?: string;
  /** The clock of media URN and upload URL expiry (default Date.now). */
  now?: () => number;
  /** Matches answered by BATCH_GET of candidates, and deletes refused (read-delete.ts). */
  readDelete?: ReadDeleteOptions;
  /**
   * Refusal modes of a strict LinkedIn, read at each request (a test may change them between
   * runs): the token endpoint refuses every client (`invalid_client` 401, or `access_denied`
   * "not allowed to create application tokens"); the upload URL endpoint answers this status;
   * every API call answers 403 (the organization or app is not authorized).
   */
  refuse?: { oauth?: 'invalid_client' | 'access_denied'; upload?: number; api?: 403 };
}

interface StoredEntity {
  key: Record<string, string>;
  entity: Record<string, unknown>;
  writes: number;
}

interface Task {
  urn: string;
  element: Record<string, unknown>;
  polls: number;
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  jobPosting: string | null;
  errorMessage: string | null;
}

interface StoredJob {
  element: Record<string, unknown>;
  jobPosting: string;
  state: 'LISTED' | 'CLOSED';
  writes: number;
}

export interface FakeState {
  candidates: Map<string, StoredEntity>;
  applications: Map<string, StoredEntity>;
  /** Keyed `${atsJobApplicationId}/${stageId}`. */
  stages: Map<string, StoredEntity>;
  jobs: Map<string, StoredJob>;
  tasks: Map<string, Task>;
  /** Resume uploads by media URN (see media.ts). */
  media: Map<string, StoredMedia>;
}

export const MAX_QUERY_BYTES = 4096;

export interface FakeLinkedIn {
  /** Base URL for both the API and OAuth (`apiBaseUrl` and `oauthBaseUrl` of the sync). */
  url: string;
  clientId: string;
  clientSecret: string;
  organizationUrn: string;
  requests: ReceivedRequest[];
  state: FakeState;
  events: EventEmitter<{ request: [ReceivedRequest] }>;
  inject(fault: Fault, options?: FaultOptions): void;
  clearFaults(): void;
  /** Every token issued so far stops working (401, serviceErrorCode 65602). */
  expireTokens(): void;
  /** Tokens issued so far (for asserting they never reach the log). */
  issuedTokens(): string[];
  /** Forgets state and recorded requests (keeps credentials and options). */
  reset(): void;
  close(): Promise<void>;
}

interface FaultRule {
  fault: Fault;
  options: FaultOptions;
  remaining: number;
  skip: number;
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'X-Restli-Protocol-Version': '2.0.0',
    ...(status >= 400 ? { 'X-RestLi-Error-Response': 'true' } : {}),
    ...headers,
  });
  res.end(text);
}

function apiError(res: http.ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}): void {
  json(res, status, { message, status, ...extra });
}

function lowerHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function parseMultipart(body: string, contentType: string): { query: string; json: string } | null {
  const m = /boundary=("?)([^";]+)\1/.exec(contentType);
  if (!m) return null;
  const parts = body.split(`--${m[2]}`).slice(1, -1);
  if (parts.length !== 2) return null;
  const content = parts.map((p) => {
    const sep = p.indexOf('\r\n\r\n');
    return sep < 0 ? null : { head: p.slice(0, sep).toLowerCase(), data: p.slice(sep + 4).replace(/\r\n$/, '') };
  });
  if (!content[0] || !content[1]) return null;
  if (!content[0].head.includes('application/x-www-form-urlencoded') || !content[1].head.includes('application/json')) return null;
  return { query: content[0].data, json: content[1].data };
}

const ORG_URN = /^urn:li:organization:\d+$/;

function keyProblem(key: RestliValue, idField: string): string | null {
  if (typeof key !== 'object' || Array.isArray(key)) return 'The key is not a compound key';
  const fields = Object.keys(key).sort();
  const expected = [idField, 'dataProvider', 'integrationContext'].sort();
  if (fields.join(',') !== expected.join(',')) return `The key must have exactly ${expected.join(', ')}`;
  if (typeof key[idField] !== 'string' || key[idField] === '') return `The key's ${idField} is empty`;
  if (key.dataProvider !== 'ATS') return "The key's dataProvider must be ATS";
  if (typeof key.integrationContext !== 'string' || !ORG_URN.test(key.integrationContext)) {
    return "The key's integrationContext must be urn:li:organization:<id>";
  }
  return null;
}

export async function startFakeLinkedIn(options: FakeLinkedInOptions = {}): Promise<FakeLinkedIn> {
  const clientId = options.clientId ?? 'fake-client-id';
  const clientSecret = options.clientSecret ?? 'fake/secret+with=chars';
  const tokenTtl = options.tokenTtlSeconds ?? 1800;
  const pollsBeforeDone = options.taskPollsBeforeDone ?? 1;
  const tokens = new Map<string, { expiresAt: number; expired: boolean }>();
  const requests: ReceivedRequest[] = [];
  const events = new EventEmitter<{ request: [ReceivedRequest] }>();
  let faults: FaultRule[] = [];
  let seq = 0;
  let taskCounter = 0;
  let postingCounter = 0;
  const windowRecords: { at: number; n: number }[] = [];
  const hanging = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  const state: FakeState = {
    candidates: new Map(),
    applications: new Map(),
    stages: new Map(),
    jobs: new Map(),
    tasks: new Map(),
    media: new Map(),
  };
  const media = createFakeMedia(state.media, options.now ?? (() => Date.now()));
  const readDelete = createReadDelete(state, options.readDelete ?? {}, keyProblem);
  let baseUrl = '';

  function takeFault(r: ReceivedRequest): Fault | null {
    for (const rule of faults) {
      if (rule.remaining <= 0) continue;
      if (rule.options.resource && rule.options.resource !== r.resource) continue;
      if (rule.options.match && !rule.options.match(r)) continue;
      if (rule.skip > 0) {
        rule.skip--;
        continue;
      }
      rule.remaining--;
      return rule.fault;
    }
    return null;
  }

  function resourceOf(path: string): Resource {
    if (path === '/oauth/v2/accessToken') return 'token';
    const mediaResource = media.resourceOf(path);
    if (mediaResource) return mediaResource;
    if (path === '/v2/simpleJobPostings') return 'jobs';
    if (path === '/v2/simpleJobPostingTasks') return 'tasks';
    if (path === '/v2/atsCandidates') return 'candidates';
    if (path === '/v2/atsApplications') return 'applications';
    if (/^\/v2\/atsApplications\/[^/]+\/stages$/.test(path)) return 'stages';
    return 'unknown';
  }

  function rateLimited(n: number, now: number): boolean {
    if (!options.recordsPerMinute) return false;
    while (windowRecords.length > 0 && windowRecords[0].at <= now - 60_000) windowRecords.shift();
    const used = windowRecords.reduce((s, e) => s + e.n, 0);
    if (used + n > options.recordsPerMinute) return true;
    windowRecords.push({ at: now, n });
    return false;
  }

  function handleToken(r: ReceivedRequest, res: http.ServerResponse): void {
    if (r.method !== 'POST') return apiError(res, 405, 'Use POST');
    if (!(r.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return json(res, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    }
    if (options.refuse?.oauth === 'access_denied') {
      return json(res, 401, { error: 'access_denied', error_description: 'This application is not allowed to create application tokens' });
    }
    if (options.refuse?.oauth === 'invalid_client') {
      return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const form = new URLSearchParams(r.body);
    if (form.get('grant_type') !== 'client_credentials') {
      return json(res, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' });
    }
    if (form.get('client_id') !== clientId || form.get('client_secret') !== clientSecret) {
      return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
    }
    const token = `AQV${(++seq).toString(36)}${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    tokens.set(token, { expiresAt: Date.now() + tokenTtl * 1000, expired: false });
    json(res, 200, { access_token: token, expires_in: tokenTtl });
  }

  function bearer(r: ReceivedRequest): string | null {
    const m = /^Bearer (.+)$/.exec(r.headers.authorization ?? '');
    return m ? m[1] : null;
  }

  function authProblem(r: ReceivedRequest, res: http.ServerResponse): boolean {
    const token = bearer(r);
    const t = token ? tokens.get(token) : undefined;
    if (!t) {
      apiError(res, 401, 'Invalid access token', { serviceErrorCode: 65600 });
      return true;
    }
    if (t.expired || Date.now() >= t.expiresAt) {
      apiError(res, 401, 'The token used in the request has expired', { serviceErrorCode: 65602 });
      return true;
    }
    return false;
  }

  /** Parses and checks the ids of a batch request; answers the error itself and returns null on failure. */
  function batchIds(r: ReceivedRequest, res: http.ServerResponse): { raw: string[]; values: RestliValue[] } | null {
    let ids;
    try {
      ids = parseIdsParam(r.query);
    } catch (err) {
      apiError(res, 400, `Batch key parameter value is invalid: ${(err as Error).message}`);
      return null;
    }
    if (ids.raw.length === 0) {
      apiError(res, 400, 'The batch has no ids');
      return null;
    }
    if (ids.raw.length > 100) {
      apiError(res, 400, `A batch may hold at most 100 entities (got ${ids.raw.length})`);
      return null;
    }
    const canon = ids.values.map(canonicalKey);
    if (new Set(canon).size !== canon.length) {
      apiError(res, 400, 'The same key appears twice in one batch');
      return null;
    }
    return ids;
  }

  function batchUpdate(
    r: ReceivedRequest,
    res: http.ServerResponse,
    handle: (key: RestliValue, entity: Record<string, unknown>) => { status: number; message?: string },
  ): void {
    if (r.effectiveMethod !== 'PUT') return apiError(res, 405, `${r.effectiveMethod} is not supported here; BATCH_UPDATE is a PUT`);
    if ((r.restliMethod ?? '').toLowerCase() !== 'batch_update') {
      return apiError(res, 400, 'X-RestLi-Method must be batch_update for a batch PUT');
    }
    const ids = batchIds(r, res);
    if (!ids) return;
    let body: { entities?: Record<string, Record<string, unknown>> };
    try {
      body = JSON.parse(r.jsonBody ?? '') as typeof body;
    } catch {
      return apiError(res, 400, 'The body is not JSON');
    }
    if (!body.entities || typeof body.entities !== 'object') return apiError(res, 400, 'The body has no "entities" map');
    // Body keys must be the same keys as ids=List(…) (compared parsed, so encodings cannot hide a mismatch).
    const bodyEntries = new Map<string, Record<string, unknown>>();
    for (const [k, v] of Object.entries(body.entities)) {
      try {
        bodyEntries.set(canonicalKey(parseRestli(k)), v);
      } catch (err) {
        return apiError(res, 400, `Entity key "${k}" is not a Rest.li 2.0 key: ${(err as RestliParseError).message}`);
      }
    }
    const canon = ids.values.map(canonicalKey);
    if (bodyEntries.size !== canon.length || canon.some((c) => !bodyEntries.has(c))) {
      return apiError(res, 400, 'The keys in the body do not match the ids in the query string');
    }
    if (rateLimited(canon.length, Date.now())) return apiError(res, 429, 'Resource level throttle limit exceeded');
    const results: Record<string, { status: number }> = {};
    const errors: Record<string, { status: number; message: string }> = {};
    ids.raw.forEach((raw, i) => {
      const outcome = handle(ids.values[i], bodyEntries.get(canon[i])!);
      if (outcome.status < 300) results[raw] = { status: outcome.status };
      else errors[raw] = { status: outcome.status, message: outcome.message ?? 'Error' };
    });
    r.applied = true;
    json(res, 200, { results, errors });
  }

  function store(map: Map<string, StoredEntity>, id: string, key: Record<string, string>, entity: Record<string, unknown>): void {
    const existing = map.get(id);
    map.set(id, { key, entity, writes: (existing?.writes ?? 0) + 1 });
  }

  function handleEntities(r: ReceivedRequest, res: http.ServerResponse, kind: 'candidates' | 'applications'): void {
    const idField = kind === 'candidates' ? 'atsCandidateId' : 'atsJobApplicationId';
    const validate = kind === 'candidates' ? validateCandidate : validateApplication;
    batchUpdate(r, res, (key, entity) => {
      const problem = keyProblem(key, idField);
      if (problem) return { status: 400, message: problem };
      const error = validate(entity) ?? (kind === 'applications' ? media.applicationProblem(entity) : null);
      if (error) return { status: 422, message: error };
      const k = key as Record<string, string>;
      store(kind === 'candidates' ? state.candidates : state.applications, k[idField], k, entity);
      return { status: 204 };
    });
  }

  function handleStages(r: ReceivedRequest, res: http.ServerResponse): void {
    const segment = /^\/v2\/atsApplications\/([^/]+)\/stages$/.exec(r.path)![1];
    let parent: RestliValue;
    try {
      parent = parseRestli(segment);
    } catch (err) {
      return apiError(res, 400, `The application key in the path is invalid: ${(err as Error).message}`);
    }
    const problem = keyProblem(parent, 'atsJobApplicationId');
    if (problem) return apiError(res, 400, `The application key in the path is invalid: ${problem}`);
    const appId = (parent as Record<string, string>).atsJobApplicationId;
    batchUpdate(r, res, (key, entity) => {
      if (typeof key !== 'string' || key === '') return { status: 400, message: 'A stage key is a plain string id' };
      if (!state.applications.has(appId)) return { status: 404, message: `Application ${appId} was not found` };
      const error = validateStage(entity);
      if (error) return { status: 422, message: error };
      store(state.stages, `${appId}/${key}`, { atsJobApplicationId: appId, stageId: key }, entity);
      return { status: 204 };
    });
  }

  function handleJobs(r: ReceivedRequest, res: http.ServerResponse): void {
    if (r.effectiveMethod !== 'POST') return apiError(res, 405, `${r.effectiveMethod} is not supported on simpleJobPostings`);
    if ((r.restliMethod ?? '').toLowerCase() !== 'batch_create') {
      // What LinkedIn answers when the X-Restli-Method header is missing (CJ).
      return apiError(res, 403, 'Unpermitted fields present in REQUEST_BODY: Data Processing Exception while processing fields [/elements]');
    }
    let body: { elements?: Record<string, unknown>[] };
    try {
      body = JSON.parse(r.jsonBody ?? '') as typeof body;
    } catch {
      return apiError(res, 400, 'The body is not JSON');
    }
    if (!Array.isArray(body.elements) || body.elements.length === 0) return apiError(res, 400, 'The body has no "elements"');
    if (body.elements.length > 100) return apiError(res, 400, `At most 100 jobs per request (got ${body.elements.length})`);
    const ids = body.elements.map((e) => String(e.externalJobPostingId));
    if (new Set(ids).size !== ids.length) return apiError(res, 400, 'Two elements share one externalJobPostingId');
    if (rateLimited(ids.length, Date.now())) return apiError(res, 429, 'Resource level throttle limit exceeded');
    const elements = body.elements.map((element) => {
      const error = validateJob(element);
      if (error) return { status: 422, error: { message: error, status: 422 } };
      const urn = `urn:li:simpleJobPostingTask:${(++taskCounter).toString(16).padStart(8, '0')}-fake`;
      state.tasks.set(urn, { urn, element, polls: 0, status: 'IN_PROGRESS', jobPosting: null, errorMessage: null });
      return { status: 202, id: urn, location: `/simpleJobPostings/${encodeURIComponent(urn)}` };
    });
    r.applied = true;
    json(res, 200, { elements });
  }

  function finishTask(task: Task): void {
    const e = task.element;
    const id = String(e.externalJobPostingId);
    const op = String(e.jobPostingOperationType);
    const existing = state.jobs.get(id);
    let failure = options.taskFailure?.(e) ?? null;
    if (!failure && !/^https?:\/\/[^\s/]+/.test(String(e.companyApplyUrl))) failure = 'Invalid companyApplyUrl: it must be an http(s) URL';
    if (!failure && Number(e.listedAt) > Date.now()) failure = 'listedAt must not be in the future';
    if (!failure && op === 'CREATE' && existing && existing.state === 'LISTED') {
      failure = `A job posting with externalJobPostingId ${id} already exists`;
    }
    if (!failure && op !== 'CREATE' && !existing) failure = `No job posting with externalJobPostingId ${id} exists`;
    if (failure) {
      task.status = 'FAILED';
      task.errorMessage = failure;
      return;
    }
    const jobPosting = existing?.jobPosting ?? `urn:li:jobPosting:${9_000_000 + ++postingCounter}`;
    state.jobs.set(id, { element: e, jobPosting, state: op === 'CLOSE' ? 'CLOSED' : 'LISTED', writes: (existing?.writes ?? 0) + 1 });
    task.status = 'SUCCEEDED';
    task.jobPosting = jobPosting;
  }

  function handleTasks(r: ReceivedRequest, res: http.ServerResponse): void {
    if (r.effectiveMethod !== 'GET') return apiError(res, 405, `${r.effectiveMethod} is not supported on simpleJobPostingTasks`);
    if (r.restliMethod && r.restliMethod.toLowerCase() !== 'batch_get') return apiError(res, 400, 'X-RestLi-Method must be batch_get');
    const ids = batchIds(r, res);
    if (!ids) return;
    if (ids.values.some((v) => typeof v !== 'string' || !/^urn:li:simpleJobPostingTask:[\w-]+$/.test(v))) {
      return apiError(res, 400, 'Batch key parameter value is invalid');
    }
    const results: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    ids.raw.forEach((raw, i) => {
      const task = state.tasks.get(ids.values[i] as string);
      if (!task) {
        errors[raw] = { status: 404, message: 'Task not found' };
        return;
      }
      if (task.status === 'IN_PROGRESS') {
        task.polls++;
        if (task.polls > pollsBeforeDone) finishTask(task);
      }
      results[raw] = {
        id: task.urn,
        status: task.status,
        externalJobPostingId: task.element.externalJobPostingId,
        ...(task.jobPosting ? { jobPosting: task.jobPosting, location: `/simpleJobPostings/${encodeURIComponent(task.jobPosting)}` } : {}),
        ...(task.errorMessage ? { errorMessage: task.errorMessage } : {}),
      };
    });
    r.applied = true;
    json(res, 200, { results, statuses: {}, errors });
  }

  function keysOf(r: ReceivedRequest): string[] {
    try {
      if (r.resource === 'jobs') {
        const body = JSON.parse(r.jsonBody ?? '{}') as { elements?: { externalJobPostingId?: unknown }[] };
        return (body.elements ?? []).map((e) => String(e.externalJobPostingId));
      }
      if (r.resource === 'token' || r.resource === 'unknown') return [];
      const ids = parseIdsParam(r.query).values;
      if (r.resource === 'tasks') return ids.map((v) => String(v));
      if (r.resource === 'stages') {
        const parent = parseRestli(/^\/v2\/atsApplications\/([^/]+)\/stages$/.exec(r.path)![1]) as Record<string, string>;
        return ids.map((v) => `${parent.atsJobApplicationId}/${String(v)}`);
      }
      const field = r.resource === 'candidates' ? 'atsCandidateId' : 'atsJobApplicationId';
      return ids.map((v) => String((v as Record<string, RestliValue>)[field]));
    } catch {
      return [];
    }
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const rawUrl = req.url ?? '/';
        const q = rawUrl.indexOf('?');
        const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
        const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
        const headers = lowerHeaders(req);
        const raw = Buffer.concat(chunks);
        const body = raw.toString('utf8');
        const override = headers['x-http-method-override'];
        const r: ReceivedRequest & { tunnelError?: string } = {
          seq: requests.length + 1,
          at: Date.now(),
          method: req.method ?? 'GET',
          effectiveMethod: req.method ?? 'GET',
          path,
          query: rawQuery,
          headers,
          body,
          jsonBody: body === '' ? null : body,
          tunnelled: false,
          resource: resourceOf(path),
          restliMethod: headers['x-restli-method'] ?? null,
          keys: [],
          status: null,
          answeredAt: null,
          fault: null,
          applied: false,
        };
        if (override && req.method === 'POST') {
          r.tunnelled = true;
          r.effectiveMethod = override.toUpperCase();
          const type = headers['content-type'] ?? '';
          if (type.startsWith('multipart/mixed')) {
            const parts = parseMultipart(body, type);
            if (parts) {
              r.query = parts.query;
              r.jsonBody = parts.json;
            } else r.tunnelError = 'The multipart/mixed body must have a form-encoded query part and a JSON part';
          } else if (type.startsWith('application/x-www-form-urlencoded')) {
            r.query = body;
            r.jsonBody = null;
          } else r.tunnelError = 'A tunnelled request needs a form-encoded or multipart/mixed body';
        }
        r.keys = keysOf(r);
        requests.push(r);
        res.on('finish', () => {
          r.status = res.statusCode;
          r.answeredAt = Date.now();
        });
        const fault = takeFault(r);
        if (fault) r.fault = fault.type;
        events.emit('request', r);
        if (fault) {
          if (fault.type === 'drop') {
            req.socket.destroy();
            return;
          }
          if (fault.type === 'hang') {
            hanging.add(res);
            return;
          }
          if (fault.type === 'status') {
            const headersOut: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {};
            json(res, fault.status, fault.body ?? { message: http.STATUS_CODES[fault.status] ?? 'Error', status: fault.status }, headersOut);
            return;
          }
          if (fault.type === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms));
          if (fault.type === 'expireToken') {
            const token = bearer(r);
            const t = token ? tokens.get(token) : undefined;
            if (t) t.expired = true;
          }
        }

        if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
        if (r.resource === 'token') return handleToken(r, res);
        // The signed upload URL: no token, no Rest.li.
        if (r.resource === 'mediaUpload') {
          r.applied = media.handleUpload(r, raw, res).applied;
          return;
        }
        if (rawQuery.length > MAX_QUERY_BYTES) return apiError(res, 414, 'URI Too Long: the query string passes 4 KB');
        if (r.resource === 'unknown') return apiError(res, 404, `No resource at ${path}`);
        if (authProblem(r, res)) return;
        if (headers['x-restli-protocol-version'] !== '2.0.0') {
          return apiError(res, 400, 'This fake speaks Rest.li protocol 2.0.0 only: send X-Restli-Protocol-Version: 2.0.0');
        }
        if (r.tunnelError) return apiError(res, 400, r.tunnelError);
        if (options.refuse?.api) return apiError(res, 403, `Not enough permissions to access: ${path}`);
        if (r.resource === 'mediaUrl' && options.refuse?.upload) {
          return apiError(res, options.refuse.upload, `${http.STATUS_CODES[options.refuse.upload] ?? 'Refused'}: ${path}`);
        }
        if (r.resource === 'mediaUrl') {
          r.applied = true;
          return media.handleIssue(r, res, baseUrl);
        }
        if (r.resource === 'jobs') return handleJobs(r, res);
        if (r.resource === 'tasks') return handleTasks(r, res);
        if (readDelete.handles(r)) return readDelete.handle(r, res);
        if (r.resource === 'stages') return handleStages(r, res);
        return handleEntities(r, res, r.resource);
      })();
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // Long enough that a paused test (or a slow 2-core machine) never sees idle sockets vanish under it.
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  baseUrl = url;

  return {
    url,
    clientId,
    clientSecret,
    organizationUrn: 'urn:li:organization:2414183',
    requests,
    state,
    events,
    inject(fault, opts = {}) {
      faults.push({ fault, options: opts, remaining: opts.times ?? 1, skip: opts.skip ?? 0 });
    },
    clearFaults() {
      faults = [];
    },
    expireTokens() {
      for (const t of tokens.values()) t.expired = true;
    },
    issuedTokens: () => [...tokens.keys()],
    reset() {
      requests.length = 0;
      faults = [];
      windowRecords.length = 0;
      for (const m of Object.values(state)) (m as Map<string, unknown>).clear();
    },
    close() {
      for (const res of hanging) res.destroy();
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
