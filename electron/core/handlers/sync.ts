import { syncMethods, type SyncRunInfo, type SyncSettingsView } from '../../../shared/contract/sync';
import type { SyncProgress, SyncSummary } from '../../../shared/contract/sync';
import { CATEGORIES } from '../../../shared/domain';
import { defineHandlers } from './define';
import type { BackendContext } from '../context';
import type { Db } from '../db/connection';
import { CLIENT_SECRET_NAME, dropWorkspaceUrls, ignoredWorkspaceUrls, readSyncSettings, writeSyncSettings } from '../syncing/settings';
import { readMachineEndpoints, writeMachineEndpoints } from '../syncing/machine-endpoints';
import { getExchange, listExchanges } from '../syncing/exchange-log';
import type { SyncJobInput } from '../syncing/sync-job';
import { checkConnection } from '../syncing/connection-check';

function settingsView(ctx: BackendContext): SyncSettingsView {
  const db = ctx.workspace().db;
  return {
    ...readSyncSettings(db),
    ...readMachineEndpoints(ctx.dataDir),
    hasClientSecret: ctx.secrets.get(CLIENT_SECRET_NAME) !== null,
    ...(ctx.secrets.sessionOnly ? { secretSessionOnly: true } : {}),
    ignoredWorkspaceUrls: ignoredWorkspaceUrls(db),
  };
}

/**
 * Run input for the job: this computer's base URLs unless the caller names its own (the CLI's options and
 * environment); the CLI passes credentials, the app's come from settings + the secret store.
 */
export function jobInput(input: SyncJobInput, ctx: BackendContext): SyncJobInput {
  const withEndpoints = { ...input, settings: { ...readMachineEndpoints(ctx.dataDir), ...input.settings } };
  if (input.dryRun || input.credentials) return withEndpoints;
  const clientId = readSyncSettings(ctx.workspace().db).clientId;
  const clientSecret = ctx.secrets.get(CLIENT_SECRET_NAME);
  return { ...withEndpoints, credentials: clientId && clientSecret ? { clientId, clientSecret } : null };
}

interface RunRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  status: SyncRunInfo['status'];
  dry_run: number;
  summary_json: string | null;
}

function runInfo(row: RunRow): SyncRunInfo {
  const parsed = row.summary_json ? (JSON.parse(row.summary_json) as { summary?: SyncSummary; progress?: SyncProgress }) : {};
  return {
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status: row.status,
    dryRun: row.dry_run === 1,
    summary: parsed.summary ?? null,
    progress: parsed.progress ?? null,
  };
}

function runs(db: Db, limit: number): SyncRunInfo[] {
  const rows = db
    .prepare('SELECT id, started_at, finished_at, status, dry_run, summary_json FROM sync_runs ORDER BY id DESC LIMIT ?')
    .all(limit) as RunRow[];
  return rows.map(runInfo);
}

export const syncHandlers = defineHandlers(syncMethods, {
  'sync:settings': (_input, ctx) => settingsView(ctx),
  'sync:saveSettings': ({ clientSecret, apiBaseUrl, oauthBaseUrl, ...settings }, ctx) => {
    const db = ctx.workspace().db;
    writeSyncSettings(db, settings);
    if (apiBaseUrl !== undefined || oauthBaseUrl !== undefined) writeMachineEndpoints(ctx.dataDir, { apiBaseUrl, oauthBaseUrl });
    dropWorkspaceUrls(db);
    if (clientSecret !== undefined) ctx.secrets.set(CLIENT_SECRET_NAME, clientSecret === '' ? null : clientSecret);
    return settingsView(ctx);
  },
  'sync:plan': (input, ctx) =>
    ctx.jobs.run<SyncSummary>('sync', jobInput({ ...input, dryRun: true, credentials: null }, ctx), {
      title: 'Planning the sync (dry run)',
      workspacePath: ctx.workspace().path,
    }),
  'sync:start': async (input, ctx) => {
    const session = ctx.workspace();
    try {
      return await ctx.jobs.run<SyncSummary>('sync', jobInput({ ...input, dryRun: false }, ctx), {
        title: 'Syncing to LinkedIn',
        workspacePath: session.path,
      });
    } finally {
      // Per-record sync status changed (also when cancelled part-way).
      ctx.emit('data:changed', { categories: input.categories ?? [...CATEGORIES], reason: 'sync' });
    }
  },
  'sync:check': (input, ctx) => {
    const db = ctx.workspace().db;
    // The base URLs are this computer's, as a sync reads them, with this call's overrides (the CLI's environment).
    const settings = { ...readSyncSettings(db), ...readMachineEndpoints(ctx.dataDir), ...input.settings };
    const secret = ctx.secrets.get(CLIENT_SECRET_NAME);
    const credentials = input.credentials ?? (settings.clientId && secret ? { clientId: settings.clientId, clientSecret: secret } : null);
    return checkConnection(db, { settings, credentials });
  },
  'sync:runs': ({ limit }, ctx) => runs(ctx.workspace().db, limit ?? 50),
  'sync:run': ({ id }, ctx) => {
    const db = ctx.workspace().db;
    if (id === undefined) return runs(db, 1)[0] ?? null;
    const row = db
      .prepare('SELECT id, started_at, finished_at, status, dry_run, summary_json FROM sync_runs WHERE id = ?')
      .get(id) as RunRow | undefined;
    return row ? runInfo(row) : null;
  },
  'sync:log': (input, ctx) => listExchanges(ctx.workspace().db, input),
  'sync:exchange': ({ id }, ctx) => getExchange(ctx.workspace().db, id),
});
