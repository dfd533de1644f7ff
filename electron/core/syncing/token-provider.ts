import type { HttpTransport } from './http-transport';
import { NetworkError } from './http-transport';
import type { ExchangeEntry } from './exchange-log';
import { SyncFailure, messageOf } from './failures';
import { backoffDelay, type SyncRuntime, type SyncTiming } from './timing';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Tokens are treated as expired this long before LinkedIn says, as LinkedIn's Java SDK does. */
export const TOKEN_EARLY_EXPIRY_MS = 30_000;

interface CachedToken {
  value: string;
  /** When we stop using it (30 s before LinkedIn's expiry). */
  renewAt: number;
  /** When LinkedIn says it expires. */
  expiresAt: number;
}

/**
 * The client-credentials token of the customer application: fetched once, reused for every call
 * until 30 s before it expires (LinkedIn asks partners not to request one per call), and
 * replaced once when LinkedIn answers 401 to an API call.
 */
export class TokenProvider {
  private cached: CachedToken | null = null;
  private readonly issuedTokens: string[] = [];
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly options: {
      oauthBaseUrl: string;
      credentials: ClientCredentials;
      transport: HttpTransport;
      timing: SyncTiming;
      runtime: SyncRuntime;
      /** Writes the token exchange to the log (redacted there). */
      log: (entry: ExchangeEntry) => void;
      wait: (ms: number) => Promise<void>;
      runId: number | null;
    },
  ) {}

  /** Every token this provider has seen, for the exchange log's redaction. */
  issued(): readonly string[] {
    return this.issuedTokens;
  }

  async get(): Promise<string> {
    if (this.cached && this.options.runtime.now() < this.cached.renewAt) return this.cached.value;
    this.inflight ??= this.fetchToken().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** When the current token expires as LinkedIn said (epoch ms), or null before one is issued. */
  expiresAt(): number | null {
    return this.cached?.expiresAt ?? null;
  }

  /** Drops the cached token after a 401, so the next get() fetches a fresh one. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const { oauthBaseUrl, credentials, transport, timing, runtime, log, runId } = this.options;
    const url = `${oauthBaseUrl.replace(/\/+$/, '')}/oauth/v2/accessToken`;
    // URLSearchParams form-encodes, so secrets containing / = + survive (LinkedIn requires it).
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }).toString();
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
    for (let attempt = 1; ; attempt++) {
      const at = runtime.now();
      const started = performance.now();
      let status: number | null = null;
      let responseBody: string | null = null;
      let responseHeaders: Record<string, string> | null = null;
      let error: NetworkError | null = null;
      try {
        const res = await transport.send({ method: 'POST', url, headers, body }, { timeoutMs: timing.requestTimeoutMs });
        status = res.status;
        responseBody = res.body;
        responseHeaders = res.headers;
      } catch (err) {
        if (!(err instanceof NetworkError)) throw err;
        error = err;
      }
      let token: { value: string; expiresIn: number } | null = null;
      if (status === 200 && responseBody !== null) token = parseToken(responseBody);
      if (token) this.issuedTokens.push(token.value);
      log({
        runId, at, kind: 'token', category: null, method: 'POST', url,
        requestHeaders: headers, requestBody: body, status, responseHeaders, responseBody,
        durationMs: performance.now() - started, attempt, recordKeys: [], error: error?.message ?? null,
      });
      if (token) {
        const expiresAt = at + token.expiresIn * 1000;
        this.cached = { value: token.value, renewAt: expiresAt - TOKEN_EARLY_EXPIRY_MS, expiresAt };
        return token.value;
      }
      const transient = error !== null || (status !== null && status >= 500);
      if (transient && attempt < timing.maxAttempts) {
        await this.options.wait(backoffDelay(attempt, timing.retryInitialMs, timing.retryMaxMs, runtime.random));
        continue;
      }
      if (error) throw new SyncFailure('network', `Could not reach LinkedIn's token endpoint: ${error.message}`);
      const message = messageOf(responseBody ?? '', `HTTP ${status}`);
      if (status !== null && status >= 500) {
        throw new SyncFailure('unavailable', `LinkedIn's token endpoint answered ${status}: ${message}`, status);
      }
      if (/access_denied|not allowed/i.test(responseBody ?? '')) {
        throw new SyncFailure('missing_permission', `LinkedIn will not issue a token to this application: ${message}`, status ?? undefined);
      }
      if (status === 200) throw new SyncFailure('unavailable', "LinkedIn's token response had no access_token.", status);
      if (status === 404 || status === 405) {
        throw new SyncFailure('configuration', `There is no token endpoint at ${url} (HTTP ${status}): check the OAuth base URL.`, status);
      }
      throw new SyncFailure('bad_credentials', `LinkedIn refused the client id and secret: ${message}`, status ?? undefined);
    }
  }
}

function parseToken(body: string): { value: string; expiresIn: number } | null {
  try {
    const parsed = JSON.parse(body) as { access_token?: unknown; expires_in?: unknown };
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') return null;
    const expiresIn = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 1800;
    return { value: parsed.access_token, expiresIn };
  } catch {
    return null;
  }
}
