import type { Db } from '../db/connection';
import { deleteSetting, getSetting, setSetting } from '../db/settings-table';
import type { SyncSettings } from '../../../shared/contract/sync';

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  organizationUrn: '',
  clientId: '',
  apiBaseUrl: 'https://api.linkedin.com',
  oauthBaseUrl: 'https://www.linkedin.com',
  batchSize: 100,
  logRetentionDays: null,
  oversizeStrategy: 'tunnel',
  // 10% under LinkedIn's 10,000 records/minute, so clock skew and other tools never tip it over.
  recordsPerMinute: 9_000,
  dailyRequestBudget: 100_000,
};

const KEYS: Record<keyof SyncSettings, string> = {
  organizationUrn: 'sync.organizationUrn',
  clientId: 'sync.clientId',
  apiBaseUrl: 'sync.apiBaseUrl',
  oauthBaseUrl: 'sync.oauthBaseUrl',
  batchSize: 'sync.batchSize',
  logRetentionDays: 'sync.logRetentionDays',
  oversizeStrategy: 'sync.oversizeStrategy',
  recordsPerMinute: 'sync.recordsPerMinute',
  dailyRequestBudget: 'sync.dailyRequestBudget',
};

/** The secret store's name for the customer application's client secret. */
export const CLIENT_SECRET_NAME = 'linkedin.clientSecret';

export function readSyncSettings(db: Db): SyncSettings {
  const text = (k: keyof SyncSettings) => getSetting(db, KEYS[k]);
  const int = (k: keyof SyncSettings, fallback: number) => {
    const v = Number(text(k));
    return text(k) !== null && Number.isFinite(v) ? Math.trunc(v) : fallback;
  };
  const d = DEFAULT_SYNC_SETTINGS;
  const retention = text('logRetentionDays');
  const oversize = text('oversizeStrategy');
  return {
    organizationUrn: text('organizationUrn') ?? d.organizationUrn,
    clientId: text('clientId') ?? d.clientId,
    apiBaseUrl: text('apiBaseUrl') ?? d.apiBaseUrl,
    oauthBaseUrl: text('oauthBaseUrl') ?? d.oauthBaseUrl,
    batchSize: Math.min(100, Math.max(1, int('batchSize', d.batchSize))),
    logRetentionDays: retention === null || retention === '' ? null : Math.max(1, int('logRetentionDays', 1)),
    oversizeStrategy: oversize === 'split' ? 'split' : 'tunnel',
    recordsPerMinute: Math.min(10_000, Math.max(1, int('recordsPerMinute', d.recordsPerMinute))),
    dailyRequestBudget: Math.max(1, int('dailyRequestBudget', d.dailyRequestBudget)),
  };
}

export function writeSyncSettings(db: Db, changes: Partial<SyncSettings>): SyncSettings {
  db.transaction(() => {
    for (const [name, value] of Object.entries(changes) as [keyof SyncSettings, SyncSettings[keyof SyncSettings]][]) {
      if (value === undefined) continue;
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
  for (const [name, url] of [
    ['API base URL', settings.apiBaseUrl],
    ['OAuth base URL', settings.oauthBaseUrl],
  ] as const) {
    if (!/^https?:\/\/[^\s/]+/.test(url)) return `The ${name} "${url}" is not an http(s) URL.`;
  }
  return null;
}
