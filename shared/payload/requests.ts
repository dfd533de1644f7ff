import type { BuiltPayload } from './elements';
import { RESTLI_PROTOCOL_VERSION, encodeRestliPrimitive, idsQuery } from './restli-keys';

export type RestliMethod = 'batch_create' | 'batch_update' | 'batch_get' | 'batch_delete';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One logical Rest.li call, before the decision whether its query string must be tunnelled. */
export interface RestliRequest {
  method: HttpMethod;
  restliMethod: RestliMethod;
  /** Absolute path, e.g. `/v2/atsCandidates`. */
  path: string;
  /** Encoded query string without `?`; '' when none. */
  query: string;
  /** JSON text, or null for a GET. */
  body: string | null;
}

/** A request exactly as it goes on the wire (and into the exchange log). */
export interface WireRequest {
  method: HttpMethod;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | null;
  /** True when the query string moved into the body behind X-HTTP-Method-Override. */
  tunnelled: boolean;
}

/**
 * LinkedIn answers 414 when the query string passes 4 KB. 4,000 characters is the threshold
 * LinkedIn's own JS client tunnels at: a margin below 4,096 that costs nothing.
 */
export const MAX_QUERY_LENGTH = 4000;

export const RESOURCE_PATHS = {
  jobs: '/v2/simpleJobPostings',
  tasks: '/v2/simpleJobPostingTasks',
  candidates: '/v2/atsCandidates',
  applications: '/v2/atsApplications',
} as const;

export function jobsBatchCreate(payloads: readonly BuiltPayload[]): RestliRequest {
  return {
    method: 'POST',
    restliMethod: 'batch_create',
    path: RESOURCE_PATHS.jobs,
    query: '',
    body: `{"elements":[${payloads.map((p) => p.elementJson).join(',')}]}`,
  };
}

/** BATCH_UPDATE (a full PUT of each entity) of candidates or applications, keyed by compound keys. */
export function entitiesBatchUpdate(resource: 'candidates' | 'applications', payloads: readonly BuiltPayload[]): RestliRequest {
  return batchUpdate(RESOURCE_PATHS[resource], payloads);
}

/** BATCH_UPDATE of one application's stages: the application's key in the path, stage ids as keys. */
export function stagesBatchUpdate(parentKey: string, payloads: readonly BuiltPayload[]): RestliRequest {
  return batchUpdate(`${RESOURCE_PATHS.applications}/${parentKey}/stages`, payloads);
}

export function taskBatchGet(taskUrns: readonly string[]): RestliRequest {
  return {
    method: 'GET',
    restliMethod: 'batch_get',
    path: RESOURCE_PATHS.tasks,
    query: idsQuery(taskUrns.map(encodeRestliPrimitive)),
    body: null,
  };
}

function batchUpdate(path: string, payloads: readonly BuiltPayload[]): RestliRequest {
  // Spliced from each element's JSON (built once with the hash) rather than stringified again.
  const entities = payloads.map((p) => `${JSON.stringify(p.entityKey)}:${p.elementJson}`).join(',');
  return {
    method: 'PUT',
    restliMethod: 'batch_update',
    path,
    // The body keys are the very strings in ids=List(…): one encoding for both (see restli-keys).
    query: idsQuery(payloads.map((p) => p.entityKey)),
    body: `{"entities":{${entities}}}`,
  };
}

export function needsTunnel(request: RestliRequest): boolean {
  return request.query.length > MAX_QUERY_LENGTH;
}

/**
 * The wire form of a request. A query string over the limit is tunnelled as LinkedIn documents
 * (and its JS client does): POST with `X-HTTP-Method-Override`, the query string as a
 * form-encoded body, or, when there is a JSON body too, a two-part multipart/mixed body.
 */
export function toWire(request: RestliRequest, makeBoundary: () => string): WireRequest {
  const headers: Record<string, string> = {
    'X-Restli-Protocol-Version': RESTLI_PROTOCOL_VERSION,
    'X-Restli-Method': request.restliMethod,
  };
  if (!needsTunnel(request)) {
    if (request.body !== null) headers['Content-Type'] = 'application/json';
    return { method: request.method, path: request.path, query: request.query, headers, body: request.body, tunnelled: false };
  }
  headers['X-HTTP-Method-Override'] = request.method;
  if (request.body === null) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    return { method: 'POST', path: request.path, query: '', headers, body: request.query, tunnelled: true };
  }
  let boundary = makeBoundary();
  while (request.body.includes(boundary) || request.query.includes(boundary)) boundary = makeBoundary();
  headers['Content-Type'] = `multipart/mixed; boundary=${boundary}`;
  const body =
    `--${boundary}\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\n${request.query}\r\n` +
    `--${boundary}\r\nContent-Type: application/json\r\n\r\n${request.body}\r\n--${boundary}--`;
  return { method: 'POST', path: request.path, query: '', headers, body, tunnelled: true };
}
