import type { Db } from '../db/connection';
import { deleteSetting, getSetting, setSetting } from '../db/settings-table';
import type { IgnoredWorkspaceUrl, SyncSettings } from '../../../shared/contract/sync';
import { baseUrlProblem, isLinkedInUrl, type EndpointSetting } from '../../../shared/endpoints';
import { LINKEDIN_ENDPOINTS } from './machine-endpoints';

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  organizationUrn: '',
  clientId: '',
  ...LINKEDIN_ENDPOINTS,
  batchSize: 100,
  logRetentionDays: null,
  oversizeStrategy: 'tunnel',
  // 10% under LinkedIn's 10,000 records/minute, so clock skew and other tools never tip it over.
  recordsPerMinute: 9_000,
  dailyRequestBudget: 100_000,
};

/** What a workspace keeps; the base URLs are this computer's (machine-endpoints.ts). */
export type WorkspaceSyncSettings = Omit<SyncSettings, EndpointSetting>;

/** Where versions before the base URLs became machine settings kept them; read only to say they are ignored. */
const LEGACY_ENDPOINT_KEYS: Record<EndpointSetting, string> = {
  apiBaseUrl: 'sync.apiBaseUrl',
  oauthBaseUrl: 'sync.oauthBaseUrl',
};

const KEYS: Record<keyof WorkspaceSyncSettings, string> = {
  organizationUrn: 'sync.organizationUrn',
  clientId: 'sync.clientId',
  batchSize: 'sync.batchSize',
  logRetentionDays: 'sync.logRetentionDays',
  oversizeStrategy: 'sync.oversizeStrategy',
  recordsPerMinute: 'sync.recordsPerMinute',
  dailyRequestBudget: 'sync.dailyRequestBudget',
};

/** The secret store's name for the customer application's client secret. */
export const CLIENT_SECRET_NAME = 'linkedin.clientSecret';

/**
 * The workspace's settings, with LinkedIn's own base URLs: a workspace never names where the secret goes.
 * Callers that send use the machine's endpoints over these (handlers/sync.ts).
 */
export function readSyncSettings(db: Db): SyncSettings {
  const text = (k: keyof WorkspaceSyncSettings) => getSetting(db, KEYS[k]);
  const int = (k: keyof WorkspaceSyncSettings, fallback: number) => {
    const v = Number(text(k));
    return text(k) !== null && Number.isFinite(v) ? Math.trunc(v) : fallback;
  };
  const d = DEFAULT_SYNC_SETTINGS;
  const retention = text('logRetentionDays');
  const oversize = text('oversizeStrategy');
  return {
    organizationUrn: text('organizationUrn') ?? d.organizationUrn,
    clientId: text('clientId') ?? d.clientId,
    apiBaseUrl: d.apiBaseUrl,
    oauthBaseUrl: d.oauthBaseUrl,
    batchSize: Math.min(100, Math.max(1, int('batchSize', d.batchSize))),
    logRetentionDays: retention === null || retention === '' ? null : Math.max(1, int('logRetentionDays', 1)),
    oversizeStrategy: oversize === 'split' ? 'split' : 'tunnel',
    recordsPerMinute: Math.min(10_000, Math.max(1, int('recordsPerMinute', d.recordsPerMinute))),
    dailyRequestBudget: Math.max(1, int('dailyRequestBudget', d.dailyRequestBudget)),
  };
}

/** Base URLs other than LinkedIn's that an older version stored in this workspace: ignored, and said so. */
export function ignoredWorkspaceUrls(db: Db): IgnoredWorkspaceUrl[] {
  const out: IgnoredWorkspaceUrl[] = [];
  for (const setting of ['apiBaseUrl', 'oauthBaseUrl'] as const) {
    const url = getSetting(db, LEGACY_ENDPOINT_KEYS[setting]);
    if (url && !isLinkedInUrl(url)) out.push({ setting, url });
  }
  return out;
}

/** Forgets base URLs an older version stored in the workspace (once the user has saved this computer's own). */
export function dropWorkspaceUrls(db: Db): void {
  for (const key of Object.values(LEGACY_ENDPOINT_KEYS)) deleteSetting(db, key);
}

export function writeSyncSettings(db: Db, changes: Partial<WorkspaceSyncSettings>): SyncSettings {
  db.transaction(() => {
    for (const [name, value] of Object.entries(changes) as [keyof WorkspaceSyncSettings, WorkspaceSyncSettings[keyof WorkspaceSyncSettings]][]) {
      if (value === undefined || !Object.hasOwn(KEYS, name)) continue;
      if (value === null) deleteSetting(db, KEYS[name]);
      else setSetting(db, KEYS[name], String(value));
    }
  })();
  return readSyncSettings(db);
}

/** A problem that stops a (non-dry) run before anything is sent, or null. */
export function settingsProblem(settings: SyncSettings): string | null {
  if (!/^urn:li:organization:\d+$/.test(settings.organizationUrn)) {
    return settings.organizationUrn
      ? `The organization URN "${settings.organizationUrn}" is not of the form urn:li:organization:<digits>.`
      : 'No organization URN: set it in the sync settings (or RSC_ORGANIZATION_URN).';
  }
  for (const setting of ['apiBaseUrl', 'oauthBaseUrl'] as const) {
    const problem = baseUrlProblem(settings[setting], setting);
    if (problem) return problem;
  }
  return null;
}
