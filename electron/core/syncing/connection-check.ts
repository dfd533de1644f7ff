import { loggedTokens } from './logged-tokens';
import type { Db } from '../db/connection';
import type { ConnectionCheck, ConnectionCheckReason, SyncSettings } from '../../../shared/contract/sync';
import { RESOURCE_PATHS } from '../../../shared/payload/requests';
import { RESTLI_PROTOCOL_VERSION, encodeComplexKey, idsQuery } from '../../../shared/payload/restli-keys';
import { SyncFailure, messageOf } from './failures';
import { NetworkError, createHttpTransport, type HttpResponse, type HttpTransport } from './http-transport';
import { settingsProblem } from './settings';
import { DEFAULT_TIMING, REAL_RUNTIME, type SyncRuntime, type SyncTiming } from './timing';
import type { ClientCredentials } from './token-provider';

/** A candidate id no ATS uses: LinkedIn answers its BATCH_GET with a per-key 404, changing nothing. */
export const PROBE_CANDIDATE_ID = 'rscw-connection-check';

export const CHECK_HINTS: Record<ConnectionCheckReason, string> = {
  'credentials-refused':
    "Check the client id and secret of the customer application (the child app LinkedIn provisioned for this customer, not the partner's own app); paste the secret again.",
  'not-permitted':
    'LinkedIn has not approved this application for client-credentials tokens: ask your LinkedIn partner contact to enable it for Recruiter System Connect.',
  'not-authorized':
    "The application may not act for this organization: check the organization URN, and that Recruiter System Connect is enabled for this customer's contract and this child application.",
  unreachable:
    'Check the API and OAuth base URLs (https://api.linkedin.com and https://www.linkedin.com), the network, and any proxy or firewall in between.',
  unavailable: 'LinkedIn did not answer successfully: try again in a few minutes.',
  'unexpected-response': 'LinkedIn answered in a way this app does not expect: see the exchange in the Log, and check the API base URL.',
  'not-configured': 'Fill in the organization URN, client id and client secret in Settings (or RSC_ORGANIZATION_URN, RSC_CLIENT_ID, RSC_CLIENT_SECRET).',
};

export interface CheckOptions {
  settings: SyncSettings;
  credentials: ClientCredentials | null;
  transport?: HttpTransport;
  timing?: Partial<SyncTiming>;
  runtime?: SyncRuntime;
}

function failed(reason: ConnectionCheckReason, message: string, status?: number): ConnectionCheck {
  return { ok: false, reason, message, hint: CHECK_HINTS[reason], ...(status ? { status } : {}) };
}

/** What a refused token call means for the user. */
function tokenFailure(err: SyncFailure): ConnectionCheck {
  switch (err.kind) {
    case 'bad_credentials':
      return failed('credentials-refused', err.message, err.status);
    case 'missing_permission':
      return failed('not-permitted', err.message, err.status);
    case 'network':
    case 'configuration':
      return failed('unreachable', err.message, err.status);
    default:
      // A 200 without a token is some other server answering at the OAuth base URL.
      return err.status === 200 ? failed('unreachable', `${err.message} Is the OAuth base URL LinkedIn's?`, 200) : failed('unavailable', err.message, err.status);
  }
}

/** What the authenticated read's answer means. */
function readOutcome(res: HttpResponse): ConnectionCheckReason | null {
  if (res.status >= 200 && res.status < 300) return null;
  if (res.status === 401) return 'credentials-refused';
  if (res.status === 403) return 'not-authorized';
  if (res.status === 404) return 'unreachable';
  if (res.status === 429 || res.status >= 500) return 'unavailable';
  return 'unexpected-response';
}

const READ_MESSAGES: Record<ConnectionCheckReason, (status: number, detail: string, url: string) => string> = {
  'credentials-refused': (_s, d) => `LinkedIn's API refused the token its OAuth endpoint had just issued (401): ${d}. Do the API and OAuth base URLs belong to the same LinkedIn?`,
  'not-permitted': (s, d) => `LinkedIn refused (${s}): ${d}`,
  'not-authorized': (_s, d) => `LinkedIn's API is reachable, but refused the read (403): ${d}`,
  unreachable: (_s, _d, url) => `There is no LinkedIn API at ${url} (404): check the API base URL.`,
  unavailable: (s, d) => (s === 429 ? `LinkedIn is limiting requests (429): ${d}` : `LinkedIn answered ${s}: ${d}`),
  'unexpected-response': (s, d) => `LinkedIn answered the read with HTTP ${s}: ${d}`,
  'not-configured': (_s, d) => d,
};

/**
 * The connection check: a client-credentials token, then one harmless authenticated read — a
 * BATCH_GET of a probe candidate key under the organization (LinkedIn documents reading
 * candidates back this way), which proves the token, the API base URL and the organization's
 * authorization without sending or changing any record. Both exchanges are logged (kind 'token'
 * and 'check', secrets redacted). Never throws for LinkedIn's or the network's failures.
 */
export async function checkConnection(db: Db, o: CheckOptions): Promise<ConnectionCheck> {
  const { settings, credentials } = o;
  const problem = settingsProblem(settings);
  if (problem) return failed('not-configured', problem);
  if (!credentials?.clientId || !credentials.clientSecret) {
    return failed('not-configured', 'No client id and secret: store them in the sync settings (or pass RSC_CLIENT_ID / RSC_CLIENT_SECRET).');
  }
  const runtime = o.runtime ?? REAL_RUNTIME;
  // One retry at most: a check that is unreachable should say so in seconds, not after a sync's backoff.
  const timing: SyncTiming = { ...DEFAULT_TIMING, maxAttempts: 2, requestTimeoutMs: 15_000, ...o.timing };
  const transport = o.transport ?? createHttpTransport();
  const { log, tokens } = loggedTokens(db, {
    oauthBaseUrl: settings.oauthBaseUrl,
    credentials,
    transport,
    timing,
    runtime,
    wait: (ms) => runtime.sleep(ms),
    runId: null,
  });
  try {
    let token: string;
    try {
      token = await tokens.get();
    } catch (err) {
      if (err instanceof SyncFailure) return tokenFailure(err);
      throw err;
    }
    const base = settings.apiBaseUrl.replace(/\/+$/, '');
    const key = encodeComplexKey({ atsCandidateId: PROBE_CANDIDATE_ID, dataProvider: 'ATS', integrationContext: settings.organizationUrn });
    const url = `${base}${RESOURCE_PATHS.candidates}?${idsQuery([key])}`;
    const headers = { 'X-Restli-Protocol-Version': RESTLI_PROTOCOL_VERSION, 'X-Restli-Method': 'batch_get', Authorization: `Bearer ${token}` };
    const at = runtime.now();
    const started = performance.now();
    let response: HttpResponse | null = null;
    let error: NetworkError | null = null;
    try {
      response = await transport.send({ method: 'GET', url, headers, body: null }, { timeoutMs: timing.requestTimeoutMs });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      error = err;
    }
    log.insert({
      runId: null, at, kind: 'check', category: null, method: 'GET', url, requestHeaders: headers, requestBody: null,
      status: response?.status ?? null, responseHeaders: response?.headers ?? null, responseBody: response?.body ?? null,
      durationMs: performance.now() - started, attempt: 1, recordKeys: [], error: error?.message ?? null,
    });
    if (error || !response) return failed('unreachable', `LinkedIn's API at ${base} could not be reached: ${error?.message ?? 'no answer'}`);
    const reason = readOutcome(response);
    if (reason) return failed(reason, READ_MESSAGES[reason](response.status, messageOf(response.body, `HTTP ${response.status}`), base), response.status);
    const expiresAt = tokens.expiresAt() ?? runtime.now();
    return { ok: true, tokenExpiresIn: Math.max(0, Math.floor((expiresAt - runtime.now()) / 1000)), apiBaseUrl: settings.apiBaseUrl };
  } finally {
    if (!o.transport) transport.close();
  }
}
