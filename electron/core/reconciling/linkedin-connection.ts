import { loggedTokens } from '../syncing/logged-tokens';
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection';
import type { SyncSettings } from '../../../shared/contract/sync';
import { SyncCancelled, SyncFailure } from '../syncing/failures';
import { createHttpTransport, type HttpTransport } from '../syncing/http-transport';
import { LinkedInClient } from '../syncing/linkedin-client';
import { requestsOnDay } from '../syncing/request-budget';
import { readSyncSettings, settingsProblem } from '../syncing/settings';
import { DEFAULT_TIMING, REAL_RUNTIME, type SyncRuntime, type SyncTiming } from '../syncing/timing';
import type { ClientCredentials } from '../syncing/token-provider';

/** What a reconcile or an erase takes from the caller: as a sync's options, so both are set up alike. */
export interface LinkedInRunOptions {
  /** Required unless nothing is sent. Never stored. */
  credentials?: ClientCredentials | null;
  /** Overrides of the stored sync settings for this run (CLI options, environment). */
  settings?: Partial<SyncSettings>;
  timing?: Partial<SyncTiming>;
  runtime?: SyncRuntime;
  transport?: HttpTransport;
  isCancelled?: () => boolean;
  makeBoundary?: () => string;
}

export interface LinkedInConnection {
  client: LinkedInClient;
  settings: SyncSettings;
  runtime: SyncRuntime;
  makeBoundary: () => string;
  /** API attempts made so far (token calls not included). */
  requests(): number;
  close(): void;
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The sync's settings with this run's overrides. */
export function runSettings(db: Db, options: LinkedInRunOptions): SyncSettings {
  return { ...readSyncSettings(db), ...definedOnly(options.settings) };
}

/**
 * The sync's own machinery for talking to LinkedIn, set up as a sync sets it up: the settings and
 * their checks, the client-credentials token, the client (retries, 429 backoff, 401 refresh), the
 * exchange log with its redaction, and the UTC day's request budget. Throws a SyncFailure when
 * the settings or credentials do not allow a request.
 */
export function connectToLinkedIn(db: Db, options: LinkedInRunOptions): LinkedInConnection {
  const settings = runSettings(db, options);
  const problem = settingsProblem(settings);
  if (problem) throw new SyncFailure('configuration', problem);
  const credentials = options.credentials;
  if (!credentials?.clientId || !credentials.clientSecret) {
    throw new SyncFailure(
      'bad_credentials',
      'No client id and secret: store them in the sync settings (or pass RSC_CLIENT_ID / RSC_CLIENT_SECRET).',
    );
  }
  const timing = { ...DEFAULT_TIMING, ...definedOnly(options.timing) };
  const runtime = options.runtime ?? REAL_RUNTIME;
  const transport = options.transport ?? createHttpTransport();
  const throwIfStopped = () => {
    if (options.isCancelled?.()) throw new SyncCancelled();
  };
  const wait = async (ms: number) => {
    let left = ms;
    while (left > 0) {
      throwIfStopped();
      const step = Math.min(left, 250);
      await runtime.sleep(step);
      left -= step;
    }
    throwIfStopped();
  };
  const { log, tokens } = loggedTokens(db, {
    oauthBaseUrl: settings.oauthBaseUrl,
    credentials,
    transport,
    timing,
    runtime,
    wait,
    runId: null,
  });
  let requests = 0;
  const client = new LinkedInClient({
    apiBaseUrl: settings.apiBaseUrl,
    transport,
    tokens,
    timing,
    runtime,
    wait,
    log,
    runId: null,
    throwIfStopped,
    checkBudget: (unlogged) => {
      if (requestsOnDay(db, runtime.now()) + unlogged >= settings.dailyRequestBudget) {
        throw new SyncFailure(
          'rate_limited',
          `Today's budget of ${settings.dailyRequestBudget.toLocaleString('en-US')} requests is used up; LinkedIn's daily limit resets at midnight UTC.`,
        );
      }
    },
    events: {
      request: () => {
        requests++;
      },
      retry: () => {},
    },
  });
  return {
    client,
    settings,
    runtime,
    makeBoundary: options.makeBoundary ?? (() => `rscw${randomUUID().replace(/-/g, '')}`),
    requests: () => requests,
    close: () => transport.close(),
  };
}
