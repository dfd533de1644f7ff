import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend, memorySecrets } from '../../../electron/core/backend';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { startFakeLinkedIn, type FakeLinkedIn } from '../../support/fake-linkedin/server';
import { candidate, insertRecords, ORG } from './helpers';
import type { JobProgress } from '../../../shared/contract/jobs';
import ExcelJS from 'exceljs';

describe('the sync contract', () => {
  let fake: FakeLinkedIn;
  let dir: string;
  let backend: Backend;

  beforeEach(async () => {
    fake = await startFakeLinkedIn();
    dir = mkdtempSync(join(tmpdir(), 'rscw-contract-sync-'));
    const file = join(dir, 'w.rscw');
    const db = openWorkspaceDb(file);
    insertRecords(db, 'candidates', Array.from({ length: 120 }, (_, i) => candidate(i)));
    db.close();
    backend = new Backend({
      transport: 'in-process',
      dataDir: join(dir, 'data'),
      resourcesDir: join(dir, 'resources'),
      jobMode: 'worker',
      secrets: memorySecrets(),
      workspacePath: file,
    });
  });

  afterEach(async () => {
    backend.close();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores settings in the workspace and the secret only in the secret store', async () => {
    const view = await backend.invoke('sync:saveSettings', {
      organizationUrn: ORG,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      apiBaseUrl: fake.url,
      oauthBaseUrl: fake.url,
      batchSize: 50,
    });
    expect(view).toMatchObject({ organizationUrn: ORG, batchSize: 50, hasClientSecret: true, logRetentionDays: null });
    expect(view).not.toHaveProperty('clientSecret');
    const rows = backend.context.workspace().db.prepare('SELECT key, value FROM settings').all();
    expect(JSON.stringify(rows)).not.toContain(fake.clientSecret);
    expect(backend.context.secrets.get('linkedin.clientSecret')).toBe(fake.clientSecret);
    const cleared = await backend.invoke('sync:saveSettings', { clientSecret: '' });
    expect(cleared.hasClientSecret).toBe(false);
  });

  it('plans, syncs in a worker with progress, and exposes the run and its exchanges', async () => {
    await backend.invoke('sync:saveSettings', {
      organizationUrn: ORG,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      apiBaseUrl: fake.url,
      oauthBaseUrl: fake.url,
    });
    const progress: JobProgress[] = [];
    const changed: unknown[] = [];
    backend.subscribe((name, payload) => {
      if (name === 'job:progress') progress.push(payload as JobProgress);
      if (name === 'data:changed') changed.push(payload);
    });

    const plan = await backend.invoke('sync:plan', {});
    expect(plan.plan!.categories.candidates).toMatchObject({ toSend: 120, requests: 2 });
    expect(fake.requests).toHaveLength(0);

    const summary = await backend.invoke('sync:start', {});
    expect(summary).toMatchObject({ status: 'finished', sent: 120, succeeded: 120 });
    const last = progress.filter((p) => p.kind === 'sync').at(-1)!;
    expect(last).toMatchObject({ done: 120, total: 120 });
    expect(last.message).toMatch(/^Done: 120 sent, 120 succeeded, 0 failed · \d+ \/ 100,000 requests today$/);
    expect(changed).toContainEqual({ categories: ['jobs', 'candidates', 'applications', 'stages'], reason: 'sync' });

    const run = await backend.invoke('sync:run', {});
    expect(run).toMatchObject({ id: summary.runId, status: 'finished', dryRun: false });
    expect(run!.summary!.succeeded).toBe(120);
    const runs = await backend.invoke('sync:runs', {});
    expect(runs.map((r) => r.dryRun)).toEqual([false, true]);

    const page = await backend.invoke('sync:log', { status: ['ok'], category: 'candidates' });
    expect(page.total).toBe(2);
    // Newest first: the last row is the first, tunnelled batch of 100.
    const detail = await backend.invoke('sync:exchange', { id: page.rows[1].id });
    expect(detail!.recordKeys).toHaveLength(100);
    expect(detail!.requestHeaders.Authorization).toBe('Bearer [redacted]');
    expect(detail!.requestHeaders['X-HTTP-Method-Override']).toBe('PUT');
    expect(JSON.parse(detail!.responseBody!)).toHaveProperty('results');
  });

  it('leaves the client secret and the access tokens out of the audit export of the sync log', async () => {
    await backend.invoke('sync:saveSettings', {
      organizationUrn: ORG,
      clientId: fake.clientId,
      clientSecret: fake.clientSecret,
      apiBaseUrl: fake.url,
      oauthBaseUrl: fake.url,
    });
    fake.inject({ type: 'expireToken' }, { resource: 'candidates' });
    const summary = await backend.invoke('sync:start', {});
    expect(summary.succeeded).toBe(120);
    const out = join(dir, 'audit.xlsx');
    await backend.invoke('export:audit', { path: out, includeBodies: true });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    const text = cells.join('\n');
    expect(text).toContain('/v2/atsCandidates');
    const secrets = [fake.clientSecret, encodeURIComponent(fake.clientSecret), ...fake.issuedTokens()];
    expect(fake.issuedTokens()).toHaveLength(2);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('reports missing credentials as a failed run, not a thrown error', async () => {
    await backend.invoke('sync:saveSettings', { organizationUrn: ORG, apiBaseUrl: fake.url, oauthBaseUrl: fake.url });
    const summary = await backend.invoke('sync:start', {});
    expect(summary.status).toBe('failed');
    expect(summary.failure).toMatchObject({ kind: 'bad_credentials' });
  });
});
