// The 'sync' domain of the contract: settings, dry-run plans, runs, progress and the exchange log.
import { z } from 'zod';
import { method } from './define';
import { CATEGORIES, type Category } from '../domain';
import { baseUrlProblem, type EndpointSetting } from '../endpoints';

/** Why a sync (or a batch) failed, in the words a user can act on. */
export const FAILURE_KINDS = [
  'bad_credentials',
  'missing_permission',
  'validation',
  'rate_limited',
  'unavailable',
  'network',
  'configuration',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/**
 * How a run that sent nothing is summed up ("Not sent: credentials refused"), by failure kind.
 */
export const NOT_SENT_REASONS: Record<FailureKind, string> = {
  bad_credentials: 'credentials refused',
  missing_permission: 'not permitted',
  validation: 'request refused',
  rate_limited: 'rate limited',
  unavailable: 'LinkedIn unavailable',
  network: 'LinkedIn unreachable',
  configuration: 'configuration',
};

export interface SyncFailureInfo {
  kind: FailureKind;
  message: string;
  /** What to do about it. */
  hint: string;
  /** HTTP status of the last response, when there was one. */
  status?: number;
}

/**
 * Why a connection check failed (`sync --check --json`'s `reason`): the token call refused the
 * client id and secret (OAuth invalid_client, 401); LinkedIn will not issue this app
 * client-credentials tokens (access_denied); the API answered 403 (the organization or app is
 * not authorized); no answer, or not LinkedIn's (DNS, refused, TLS, timeout, 404 on the route);
 * LinkedIn answered 5xx or 429; an answer the app does not expect; settings or credentials missing.
 */
export const CONNECTION_CHECK_REASONS = [
  'credentials-refused',
  'not-permitted',
  'not-authorized',
  'unreachable',
  'unavailable',
  'unexpected-response',
  'not-configured',
] as const;
export type ConnectionCheckReason = (typeof CONNECTION_CHECK_REASONS)[number];

/** A token and one harmless authenticated read: whether a sync could talk to LinkedIn. Sends no record. */
export type ConnectionCheck =
  | { ok: true; tokenExpiresIn: number; apiBaseUrl: string }
  | { ok: false; reason: ConnectionCheckReason; message: string; hint: string; status?: number };

/** Settings stored in the workspace, but the base URLs and the client secret: those are this computer's. */
export interface SyncSettings {
  organizationUrn: string;
  clientId: string;
  /** This computer's choice (the app's data folder, or RSC_API_BASE_URL), never read from a workspace. */
  apiBaseUrl: string;
  /** This computer's choice (the app's data folder, or RSC_OAUTH_BASE_URL), never read from a workspace. */
  oauthBaseUrl: string;
  /** Records per request, 1–100. */
  batchSize: number;
  /** Exchanges older than this many days are deleted at the start of a sync; null keeps all. */
  logRetentionDays: number | null;
  /** What to do with a batch whose keys pass the 4 KB query-string limit. */
  oversizeStrategy: 'tunnel' | 'split';
  /** Client-side pacing; LinkedIn allows 10,000 records per minute per application. */
  recordsPerMinute: number;
  /** LinkedIn allows 100,000 requests per application per UTC day. */
  dailyRequestBudget: number;
}

/** A base URL an older version stored in the workspace: never used, the client secret goes only where this computer says. */
export interface IgnoredWorkspaceUrl {
  setting: EndpointSetting;
  url: string;
}

export interface SyncSettingsView extends SyncSettings {
  /** Whether a client secret is stored (in the app's secret store, never the workspace). */
  hasClientSecret: boolean;
  /** True when this system has no secure secret store: the secret is kept for this session only. */
  secretSessionOnly?: boolean;
  /** Base URLs other than LinkedIn's found in the workspace file and ignored; saving the settings forgets them. */
  ignoredWorkspaceUrls: IgnoredWorkspaceUrl[];
}

export interface CategorySyncCounts {
  /** Compliant (or warning), non-excluded records. */
  eligible: number;
  /** Eligible records not sent because LinkedIn already has this exact payload (or rejected it unchanged). */
  skipped: number;
  /** Records put on the wire in this run (each counted once, whatever the retries). */
  sent: number;
  succeeded: number;
  failed: number;
  /** Jobs whose LinkedIn task was still IN_PROGRESS when the run ended; the next sync polls them. */
  pending: number;
  /** HTTP requests (attempts included) made for this category. */
  requests: number;
  /** Stages not sent because their application failed: they go out once it is on LinkedIn. */
  waiting?: number;
}

export interface RateLimitState {
  state: 'ok' | 'pacing' | 'backing-off';
  /** When the current wait ends (epoch ms), while pacing or backing off. */
  until: number | null;
  recordsLastMinute: number;
  recordsPerMinute: number;
}

/** A request being tried again after a network error or a 5xx (429 is `rateLimit`'s). */
export interface RetryState {
  /** What happened, e.g. "network error" or "LinkedIn answered 502". */
  reason: string;
  /** This retry's number, of `of` at most. */
  retry: number;
  of: number;
  /** When the retry goes out (epoch ms). */
  until: number;
}

export interface SyncProgress {
  runId: number;
  phase: 'preparing' | 'polling-tasks' | 'sending' | 'waiting-for-tasks' | 'done';
  category: Category | null;
  categories: Record<Category, CategorySyncCounts>;
  /** Attempts that were retried (5xx, timeouts, resets, 429). */
  retried: number;
  requests: number;
  rateLimit: RateLimitState;
  /** The latest retry after a network error or 5xx, while it waits; null otherwise. */
  retry?: RetryState | null;
  requestsToday: number;
  dailyBudget: number;
}

export interface RejectedRecord {
  category: Category;
  key: string;
  message: string;
  exchangeId: number | null;
}

export interface PlannedCategory {
  records: number;
  toSend: number;
  skipped: number;
  requests: number;
  /** Requests whose query string is tunnelled (X-HTTP-Method-Override). */
  tunnelled: number;
  /** The first request's elements, as they would be sent. */
  samplePayloads: unknown[];
}

/** The resume uploads a send would make before its applications (one per distinct file). */
export interface ResumeUploadPlan {
  files: number;
  bytes: number;
  applicationCount: number;
  /** The applications whose resume is uploaded (first 1,000), with the file. */
  applications: { key: string; fileName: string; size: number }[];
}

export interface DryRunPlan {
  categories: Record<Category, PlannedCategory>;
  /** Present when applications are planned. */
  resumeUploads?: ResumeUploadPlan;
  requests: number;
  /** Under the pacing limit and a typical request time; job task polling is not included. */
  estimatedDurationMs: number;
  /** Records that cannot be addressed (a missing key): they would fail without being sent. */
  unbuildable: RejectedRecord[];
}

export interface SyncSummary {
  runId: number;
  dryRun: boolean;
  status: 'finished' | 'failed' | 'cancelled';
  startedAt: number;
  finishedAt: number;
  /** HTTP requests to the API in this run, retries and task polls included (token calls are not). */
  requests: number;
  sent: number;
  succeeded: number;
  failed: number;
  skipped: number;
  pending: number;
  retried: number;
  categories: Record<Category, CategorySyncCounts>;
  /** The records LinkedIn rejected (first 1,000). */
  rejected: RejectedRecord[];
  failure: SyncFailureInfo | null;
  requestsToday: number;
  dailyBudget: number;
  plan: DryRunPlan | null;
}

export interface SyncRunInfo {
  id: number;
  startedAt: number;
  finishedAt: number | null;
  status: 'running' | 'finished' | 'failed' | 'cancelled';
  dryRun: boolean;
  /** The summary of a finished run, or the latest progress of a running one. */
  summary: SyncSummary | null;
  progress: SyncProgress | null;
}

export interface ExchangeSummary {
  id: number;
  runId: number | null;
  at: number;
  kind: 'token' | 'batch' | 'poll' | 'upload' | 'check' | 'read' | 'delete' | null;
  category: Category | null;
  method: string;
  url: string;
  status: number | null;
  durationMs: number | null;
  attempt: number;
  recordKeys: string[];
  error: string | null;
}

export interface ExchangeDetail extends ExchangeSummary {
  requestHeaders: Record<string, string>;
  requestBody: string | null;
  responseHeaders: Record<string, string> | null;
  responseBody: string | null;
}

export interface ExchangePage {
  total: number;
  rows: ExchangeSummary[];
}

/** `200`, `4xx`, `ok` (2xx), `error` (anything else, or no response). */
export const exchangeStatusFilter = z.union([
  z.number().int().min(100).max(599),
  z.enum(['1xx', '2xx', '3xx', '4xx', '5xx', 'ok', 'error']),
]);
export type ExchangeStatusFilter = z.infer<typeof exchangeStatusFilter>;

const categories = z.array(z.enum(CATEGORIES)).optional();

/** https anywhere, plain http only on this computer (the client secret is sent there). */
const baseUrl = (setting: EndpointSetting) =>
  z.string().superRefine((url, ctx) => {
    const problem = baseUrlProblem(url, setting);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const runOptions = {
  categories,
  force: z.boolean().optional(),
  retryFailed: z.boolean().optional(),
  /** Wait for job tasks to finish before returning (default true). */
  waitForTasks: z.boolean().optional(),
};

/**
 * Credentials and setting overrides for one run, used by the CLI (options or the environment).
 * The app stores the secret with 'sync:saveSettings' instead and passes nothing here.
 */
export const runOverrides = {
  credentials: z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).strict().optional(),
  settings: z
    .object({
      organizationUrn: z.string().min(1).optional(),
      apiBaseUrl: baseUrl('apiBaseUrl').optional(),
      oauthBaseUrl: baseUrl('oauthBaseUrl').optional(),
      batchSize: z.number().int().min(1).max(100).optional(),
    })
    .strict()
    .optional(),
};

export const syncMethods = {
  'sync:settings': method<SyncSettingsView>()(z.object({}).strict()),
  'sync:saveSettings': method<SyncSettingsView>()(
    z
      .object({
        organizationUrn: z.string().trim().optional(),
        clientId: z.string().trim().optional(),
        /** Stored in the secret store; '' removes it. */
        clientSecret: z.string().optional(),
        /** Saved on this computer (the app's data folder), not in the workspace. */
        apiBaseUrl: baseUrl('apiBaseUrl').optional(),
        oauthBaseUrl: baseUrl('oauthBaseUrl').optional(),
        batchSize: z.number().int().min(1).max(100).optional(),
        logRetentionDays: z.number().int().min(1).nullable().optional(),
        oversizeStrategy: z.enum(['tunnel', 'split']).optional(),
        recordsPerMinute: z.number().int().min(1).max(10_000).optional(),
      })
      .strict(),
  ),
  /** Builds every payload and the batch plan; sends nothing. A job (it reads every eligible record). */
  'sync:plan': method<SyncSummary>()(z.object({ ...runOptions, ...runOverrides }).strict()),
  /** Runs the sync as a job and resolves with its summary (status 'failed' carries the classified failure). */
  'sync:start': method<SyncSummary>()(z.object({ ...runOptions, ...runOverrides }).strict()),
  /** Gets a token and makes one harmless authenticated read (a BATCH_GET of a probe candidate key). */
  'sync:check': method<ConnectionCheck>()(
    z
      .object({
        ...runOverrides,
        settings: z
          .object({
            organizationUrn: z.string().min(1).optional(),
            apiBaseUrl: z.string().url().optional(),
            oauthBaseUrl: z.string().url().optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  ),
  'sync:runs': method<SyncRunInfo[]>()(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict()),
  'sync:run': method<SyncRunInfo | null>()(z.object({ id: z.number().int().positive().optional() }).strict()),
  'sync:log': method<ExchangePage>()(
    z
      .object({
        status: z.array(exchangeStatusFilter).optional(),
        category: z.enum(CATEGORIES).optional(),
        recordKey: z.string().min(1).optional(),
        runId: z.number().int().positive().optional(),
        /** Substring of the URL, request body or response body. */
        search: z.string().min(1).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  'sync:exchange': method<ExchangeDetail | null>()(z.object({ id: z.number().int().positive() }).strict()),
};

export const syncEvents = {};
