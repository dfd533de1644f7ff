import type { Category } from '../../../shared/domain';
import type { WireRequest } from '../../../shared/payload/requests';
import type { ExchangeEntry, ExchangeKind, ExchangeLog } from './exchange-log';
import { NetworkError, type HttpResponse, type HttpTransport } from './http-transport';
import { SyncFailure, classifyStatus } from './failures';
import type { TokenProvider } from './token-provider';
import { backoffDelay, parseRetryAfter, type SyncRuntime, type SyncTiming } from './timing';

export interface SendMeta {
  kind: Exclude<ExchangeKind, 'token'>;
  category: Category | null;
  recordKeys: readonly string[];
}

/** A final response (2xx, or a 4xx that is the caller's to interpret), not yet in the exchange log. */
export interface Delivered {
  response: HttpResponse;
  /**
   * Writes the exchange to the log and returns its id: call it in the transaction that records
   * what the answer means for the records.
   */
  finish(): number;
}

export interface ClientEvents {
  /**
   * An attempt failed transiently and will be retried after `delayMs`; `attempt` (network errors
   * and 5xx, not 429) says which retry this is of how many at most.
   */
  retry(reason: string, delayMs: number, rateLimited: boolean, attempt?: { retry: number; of: number }): void;
  /** Every API attempt, for per-category request counts. */
  request(category: Category | null): void;
}

const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

/**
 * Sends one Rest.li request to LinkedIn until it has a final answer:
 * - 5xx, timeouts and dropped connections: retried with exponential backoff and jitter, up to
 *   `maxAttempts` tries in all (as LinkedIn's SDK, which retries only these);
 * - 429: backs off (Retry-After when present) and tries again, up to `maxRateLimitRetries`;
 * - 401: fetches a new token once and retries;
 * - anything else is final and returned (2xx carries per-entity results; 4xx is the caller's).
 * Every attempt but the final one is logged here; the final one is handed back unlogged so the
 * caller writes it together with the per-record results in one transaction.
 * Several requests may be on the wire at once (see SyncTiming.requestsInFlight): a 429 holds back
 * every request's next attempt, not only its own, and requests not yet logged count against the
 * day's budget.
 */
export class LinkedInClient {
  /** Attempts sent whose exchange is not in the log yet (so not in the day's request count). */
  private unlogged = 0;
  /** After a 429: no attempt starts before this time. */
  private holdUntil = 0;

  /** Requests on the wire or answered but not yet in the log (the day's count adds them). */
  get unloggedRequests(): number {
    return this.unlogged;
  }

  constructor(
    private readonly options: {
      apiBaseUrl: string;
      transport: HttpTransport;
      tokens: TokenProvider;
      timing: SyncTiming;
      runtime: SyncRuntime;
      wait: (ms: number) => Promise<void>;
      log: ExchangeLog;
      runId: number | null;
      /** Throws when today's request budget is spent, counting `unlogged` requests already sent. */
      checkBudget: (unlogged: number) => void;
      /** Throws when the run is cancelled or stopping. */
      throwIfStopped: () => void;
      events: ClientEvents;
    },
  ) {}

  async send(wire: WireRequest, meta: SendMeta): Promise<Delivered> {
    const { transport, tokens, timing, runtime, log, runId, events } = this.options;
    const url = `${this.options.apiBaseUrl.replace(/\/+$/, '')}${wire.path}${wire.query ? `?${wire.query}` : ''}`;
    let transientFailures = 0;
    let rateLimits = 0;
    let refreshed = false;
    for (let attempt = 1; ; attempt++) {
      // Between tries (cancel, or the run stopping): waits already check this; a 401 refresh does not wait.
      if (attempt > 1) this.options.throwIfStopped();
      const hold = this.holdUntil - runtime.now();
      if (hold > 0) await this.options.wait(hold);
      this.options.checkBudget(this.unlogged);
      const token = await tokens.get();
      const headers = { ...wire.headers, Authorization: `Bearer ${token}` };
      const at = runtime.now();
      const started = performance.now();
      events.request(meta.category);
      let response: HttpResponse | null = null;
      let networkError: NetworkError | null = null;
      this.unlogged++;
      try {
        response = await transport.send({ method: wire.method, url, headers, body: wire.body }, { timeoutMs: timing.requestTimeoutMs });
      } catch (err) {
        if (!(err instanceof NetworkError)) {
          this.unlogged--;
          throw err;
        }
        networkError = err;
      }
      const entry: ExchangeEntry = {
        runId, at, kind: meta.kind, category: meta.category, method: wire.method, url,
        requestHeaders: headers, requestBody: wire.body,
        status: response?.status ?? null, responseHeaders: response?.headers ?? null, responseBody: response?.body ?? null,
        durationMs: performance.now() - started, attempt, recordKeys: meta.recordKeys,
        error: networkError?.message ?? null,
      };

      if (networkError || (response && TRANSIENT_STATUSES.has(response.status))) {
        transientFailures++;
        const exchangeId = this.logAttempt(entry);
        const reason = networkError ? networkError.message : `HTTP ${response!.status}`;
        const told = networkError ? 'network error' : `LinkedIn answered ${response!.status}`;
        if (transientFailures >= timing.maxAttempts) {
          if (networkError) {
            throw new SyncFailure('network', `LinkedIn could not be reached after ${transientFailures} tries: ${reason}`, undefined, exchangeId);
          }
          const failure = classifyStatus(response!.status, response!.body);
          throw new SyncFailure(failure.kind, `${failure.message} (after ${transientFailures} tries)`, response!.status, exchangeId);
        }
        const delay = backoffDelay(transientFailures, timing.retryInitialMs, timing.retryMaxMs, runtime.random);
        events.retry(told, delay, false, { retry: transientFailures, of: timing.maxAttempts - 1 });
        await this.options.wait(delay);
        continue;
      }

      const res = response!;
      if (res.status === 401) {
        const exchangeId = this.logAttempt(entry);
        if (refreshed) throw new SyncFailure(classifyStatus(401, res.body).kind, classifyStatus(401, res.body).message, 401, exchangeId);
        // Expired or revoked mid-run: one fresh token, then the same request again.
        refreshed = true;
        tokens.invalidate(token);
        continue;
      }

      if (res.status === 429) {
        rateLimits++;
        const exchangeId = this.logAttempt(entry);
        const retryAfter = parseRetryAfter(res.headers['retry-after'], runtime.now());
        if (rateLimits > timing.maxRateLimitRetries || (retryAfter !== null && retryAfter > timing.maxRetryAfterMs)) {
          const failure = classifyStatus(429, res.body);
          const when = retryAfter !== null ? ` LinkedIn asked to wait ${Math.ceil(retryAfter / 60_000)} min.` : '';
          throw new SyncFailure('rate_limited', `${failure.message}.${when}`, 429, exchangeId);
        }
        const delay = retryAfter ?? backoffDelay(rateLimits, timing.rateLimitInitialMs, timing.rateLimitMaxMs, runtime.random);
        this.holdUntil = Math.max(this.holdUntil, runtime.now() + delay);
        events.retry('HTTP 429', delay, true);
        await this.options.wait(delay);
        continue;
      }

      let finished = false;
      return {
        response: res,
        finish: () => {
          const id = log.insert(entry);
          if (!finished) this.unlogged--;
          finished = true;
          return id;
        },
      };
    }
  }

  private logAttempt(entry: ExchangeEntry): number {
    const id = this.options.log.insert(entry);
    this.unlogged--;
    return id;
  }
}
