import type { HttpResponse } from './http-transport';
import type { SendItem } from './batch-planner';
import { messageOf } from './failures';

/** What LinkedIn said about one record of a request. */
export type EntityOutcome =
  | { item: SendItem; kind: 'succeeded'; status: number }
  | { item: SendItem; kind: 'task'; status: number; taskUrn: string }
  | { item: SendItem; kind: 'failed'; status: number | null; message: string; rejected: boolean };

/**
 * A per-entity error LinkedIn would repeat for the same payload: it is recorded as rejected and
 * not resent until the record changes. Auth, missing-parent (404), timeouts and 5xx may pass.
 */
export function isRejection(status: number | null): boolean {
  // 413/414: the request's size, not the record, was refused.
  return status !== null && status >= 400 && status < 500 && ![401, 403, 404, 408, 413, 414, 429].includes(status);
}

function failed(item: SendItem, status: number | null, message: string): EntityOutcome {
  return { item, kind: 'failed', status, message, rejected: isRejection(status) };
}

interface RestliError {
  status?: unknown;
  message?: unknown;
  serviceErrorCode?: unknown;
}

function errorMessage(error: RestliError | undefined, status: number | null): string {
  if (error && typeof error.message === 'string' && error.message) return error.message;
  return status !== null ? `LinkedIn answered ${status} for this record.` : 'LinkedIn gave no reason.';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A response map (`results` / `errors`) looked up by our encoded key: directly when LinkedIn echoes
 * the key as sent (the usual case), else by decoded form, indexed only when first needed. Lookups
 * in the request's order (how outcomes are read) are first tried against the response's keys in
 * theirs: LinkedIn answers in the order asked, and comparing two strings costs less than hashing a
 * ~100-character key that was built for the request (~0.5 µs a record).
 */
export class KeyedMap<T> {
  private readonly raw: Record<string, T>;
  private readonly keys: string[];
  private next = 0;
  private decoded: Map<string, T> | null = null;

  constructor(map: unknown) {
    this.raw = map && typeof map === 'object' ? (map as Record<string, T>) : {};
    this.keys = Object.keys(this.raw);
  }

  get(key: string): T | undefined {
    const keys = this.keys;
    if (keys.length === 0) return undefined;
    if (this.next < keys.length && keys[this.next] === key) return this.raw[keys[this.next++]];
    if (Object.hasOwn(this.raw, key)) return this.raw[key];
    if (!this.decoded) {
      this.decoded = new Map();
      for (const [k, v] of Object.entries(this.raw)) this.decoded.set(safeDecode(k), v);
    }
    return this.decoded.get(safeDecode(key));
  }
}

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** BATCH_UPDATE: `{"results":{key:{"status":204}},"errors":{key:{"status":422,"message":…}}}`. */
export function batchUpdateOutcomes(items: readonly SendItem[], response: HttpResponse): EntityOutcome[] {
  const body = parseJson(response.body);
  const results = new KeyedMap<{ status?: unknown }>(body?.results);
  const errors = new KeyedMap<RestliError>(body?.errors);
  return items.map((item) => {
    const key = item.payload.entityKey;
    const error = errors.get(key);
    if (error) {
      const status = typeof error.status === 'number' ? error.status : null;
      return failed(item, status, errorMessage(error, status));
    }
    const result = results.get(key);
    if (result) {
      const status = typeof result.status === 'number' ? result.status : response.status;
      if (status >= 200 && status < 300) return { item, kind: 'succeeded', status };
      return failed(item, status, errorMessage(result as RestliError, status));
    }
    // Not rejected: nothing says LinkedIn would refuse it again, so the next sync resends it.
    return { item, kind: 'failed', status: null, message: 'LinkedIn did not report a status for this record.', rejected: false };
  });
}

/** BATCH_CREATE: `{"elements":[{"status":202,"id":"urn:li:simpleJobPostingTask:…"}|{"status":422,"error":{…}}]}`, in order. */
export function batchCreateOutcomes(items: readonly SendItem[], response: HttpResponse): EntityOutcome[] {
  const body = parseJson(response.body);
  const elements = Array.isArray(body?.elements) ? (body.elements as Record<string, unknown>[]) : [];
  return items.map((item, i) => {
    const element = elements[i];
    if (!element) {
      return { item, kind: 'failed', status: null, message: 'LinkedIn did not report a status for this job.', rejected: false };
    }
    const status = typeof element.status === 'number' ? element.status : null;
    const error = element.error as RestliError | undefined;
    if (error || (status !== null && status >= 400)) {
      const errStatus = typeof error?.status === 'number' ? error.status : status;
      return failed(item, errStatus, errorMessage(error, errStatus));
    }
    if (typeof element.id === 'string' && element.id) return { item, kind: 'task', status: status ?? 201, taskUrn: element.id };
    return { item, kind: 'failed', status, message: 'LinkedIn accepted the job but returned no task id.', rejected: false };
  });
}

/** A whole request refused with a 4xx: every record in it fails with LinkedIn's message. */
export function wholeBatchOutcomes(items: readonly SendItem[], response: HttpResponse, note = ''): EntityOutcome[] {
  const message = `${messageOf(response.body, `LinkedIn answered ${response.status}.`)}${note}`;
  return items.map((item) => failed(item, response.status, message));
}

export interface TaskResult {
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'PROCESSED' | 'UNKNOWN';
  jobPosting: string | null;
  message: string | null;
  /** An error status LinkedIn gave for this task key (e.g. 404 once the task has expired). */
  errorStatus: number | null;
}

/** BATCH_GET of simpleJobPostingTasks: results (and errors) keyed by task URN. */
export function taskResults(urns: readonly string[], response: HttpResponse): Map<string, TaskResult> {
  const body = parseJson(response.body);
  const results = new KeyedMap<Record<string, unknown>>(body?.results);
  const errors = new KeyedMap<RestliError>(body?.errors);
  const out = new Map<string, TaskResult>();
  for (const urn of urns) {
    const error = errors.get(urn);
    if (error) {
      const status = typeof error.status === 'number' ? error.status : 400;
      out.set(urn, { status: 'UNKNOWN', jobPosting: null, message: errorMessage(error, status), errorStatus: status });
      continue;
    }
    const r = results.get(urn);
    const status = typeof r?.status === 'string' ? r.status : 'IN_PROGRESS';
    out.set(urn, {
      status: (['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'PROCESSED'] as const).find((s) => s === status) ?? 'IN_PROGRESS',
      jobPosting: typeof r?.jobPosting === 'string' ? r.jobPosting : null,
      message: typeof r?.errorMessage === 'string' ? r.errorMessage : null,
      errorStatus: null,
    });
  }
  return out;
}
