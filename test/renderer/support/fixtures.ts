import { CATEGORIES, type Category } from '../../../shared/domain';
import type {
  CategorySyncCounts, DryRunPlan, ExchangeDetail, ExchangeSummary, PlannedCategory, SyncProgress, SyncSettingsView, SyncSummary,
} from '../../../shared/contract/sync';

export function settingsView(over: Partial<SyncSettingsView> = {}): SyncSettingsView {
  return {
    organizationUrn: 'urn:li:organization:1234',
    clientId: 'client-1',
    apiBaseUrl: 'https://api.linkedin.com',
    oauthBaseUrl: 'https://www.linkedin.com',
    batchSize: 100,
    logRetentionDays: null,
    oversizeStrategy: 'tunnel',
    recordsPerMinute: 9000,
    dailyRequestBudget: 100_000,
    hasClientSecret: true,
    ignoredWorkspaceUrls: [],
    ...over,
  };
}

export function perCategory<T>(make: (c: Category) => T): Record<Category, T> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, make(c)])) as Record<Category, T>;
}

export function counts(over: Partial<CategorySyncCounts> = {}): CategorySyncCounts {
  return { eligible: 0, skipped: 0, sent: 0, succeeded: 0, failed: 0, pending: 0, requests: 0, ...over };
}

export function planned(over: Partial<PlannedCategory> = {}): PlannedCategory {
  return { records: 0, toSend: 0, skipped: 0, requests: 0, tunnelled: 0, samplePayloads: [], ...over };
}

export function dryRunPlan(over: Partial<DryRunPlan> = {}): DryRunPlan {
  return {
    categories: perCategory(() => planned()),
    requests: 0,
    estimatedDurationMs: 0,
    unbuildable: [],
    ...over,
  };
}

export function summary(over: Partial<SyncSummary> = {}): SyncSummary {
  return {
    runId: 1,
    dryRun: false,
    status: 'finished',
    startedAt: Date.UTC(2025, 2, 4, 9, 0, 0),
    finishedAt: Date.UTC(2025, 2, 4, 9, 0, 12),
    requests: 0,
    sent: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    pending: 0,
    retried: 0,
    categories: perCategory(() => counts()),
    rejected: [],
    failure: null,
    requestsToday: 0,
    dailyBudget: 100_000,
    plan: null,
    ...over,
  };
}

export function progress(over: Partial<SyncProgress> = {}): SyncProgress {
  return {
    runId: 7,
    phase: 'sending',
    category: 'candidates',
    categories: perCategory(() => counts()),
    retried: 0,
    requests: 0,
    rateLimit: { state: 'ok', until: null, recordsLastMinute: 0, recordsPerMinute: 9000 },
    requestsToday: 0,
    dailyBudget: 100_000,
    ...over,
  };
}

export function exchange(id: number, over: Partial<ExchangeSummary> = {}): ExchangeSummary {
  return {
    id,
    runId: 3,
    at: Date.UTC(2025, 2, 4, 8, 0, id % 60),
    kind: 'batch',
    category: 'candidates',
    method: 'POST',
    url: `https://api.linkedin.com/v2/atsCandidates?ids=List((atsCandidateId:C-${id}))`,
    status: 200,
    durationMs: 120,
    attempt: 1,
    recordKeys: [`C-${id}`],
    error: null,
    ...over,
  };
}

export function exchangeDetail(id: number, over: Partial<ExchangeDetail> = {}): ExchangeDetail {
  return {
    ...exchange(id),
    requestHeaders: { Authorization: 'Bearer [redacted]', 'X-RestLi-Method': 'BATCH_UPDATE' },
    requestBody: JSON.stringify({ entities: { [`(atsCandidateId:C-${id})`]: { firstName: 'Ada' } } }),
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: JSON.stringify({ results: { [`(atsCandidateId:C-${id})`]: { status: 204 } }, errors: {} }),
    ...over,
  };
}
