import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { startFakeLinkedIn, type FakeLinkedIn } from '../../support/fake-linkedin/server';
import { candidate, insertRecords, job, ORG } from './helpers';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the sync and log commands', () => {
  let fake: FakeLinkedIn;
  let dir: string;
  let file: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    fake = await startFakeLinkedIn();
    dir = mkdtempSync(join(tmpdir(), 'rscw-cli-sync-'));
    file = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    process.env.RSC_CLIENT_ID = fake.clientId;
    process.env.RSC_CLIENT_SECRET = fake.clientSecret;
    process.env.RSC_ORGANIZATION_URN = ORG;
    process.env.RSC_API_BASE_URL = fake.url;
    process.env.RSC_OAUTH_BASE_URL = fake.url;
    const db = openWorkspaceDb(file);
    insertRecords(db, 'jobs', [job(1)]);
    insertRecords(db, 'candidates', [candidate(1), candidate(2), candidate(3, { firstName: null })]);
    db.close();
  });

  afterEach(async () => {
    process.env = { ...saved };
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints exactly the documented JSON and exits 3 when LinkedIn rejected a record', async () => {
    const { code, stdout, stderr } = await cli(['sync', '--db', file, '--json']);
    expect(code).toBe(3);
    // The rejected record is listed for scripts on stderr, outside the JSON contract.
    expect(stderr).toContain('rejected: candidates C000003: ERROR :: /firstName');
    const out = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['dryRun', 'requests', 'sent', 'succeeded', 'failed', 'skipped', 'categories']);
    expect(out).toEqual({
      dryRun: false,
      // The jobs batch, two task polls (IN_PROGRESS, then SUCCEEDED) and the candidates batch.
      requests: 4,
      sent: 4,
      succeeded: 3,
      failed: 1,
      skipped: 0,
      categories: {
        jobs: { sent: 1, succeeded: 1, failed: 0 },
        candidates: { sent: 3, succeeded: 2, failed: 1 },
        applications: { sent: 0, succeeded: 0, failed: 0 },
        stages: { sent: 0, succeeded: 0, failed: 0 },
      },
    });
  });

  it('lists the rejected records in its text output', async () => {
    const { code, stdout } = await cli(['sync', '--db', file, '--category', 'candidates']);
    expect(code).toBe(3);
    expect(stdout).toContain('Rejected by LinkedIn:');
    expect(stdout).toContain('candidates C000003: ERROR :: /firstName');
    expect(fake.requests.some((r) => r.resource === 'jobs')).toBe(false);
  });

  it('exits 0 when everything sent succeeded, and sends nothing on a second run', async () => {
    const first = await cli(['sync', '--db', file, '--category', 'jobs', '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).categories).toEqual({ jobs: { sent: 1, succeeded: 1, failed: 0 } });
    const second = await cli(['sync', '--db', file, '--category', 'jobs', '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ requests: 0, sent: 0, skipped: 1 });
  });

  it('plans a dry run without credentials and sends nothing', async () => {
    delete process.env.RSC_CLIENT_SECRET;
    const { code, stdout } = await cli(['sync', '--db', file, '--dry-run', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ dryRun: true, requests: 2, sent: 0 });
    expect(fake.requests).toHaveLength(0);
    const text = await cli(['sync', '--db', file, '--dry-run']);
    expect(text.stdout).toContain('Dry run: nothing was sent.');
    expect(text.stdout).toContain('"externalJobPostingId": "JOB-1"');
  });

  it('exits 1 with the reason and a hint when it cannot run', async () => {
    process.env.RSC_CLIENT_SECRET = 'wrong';
    const { code, stderr } = await cli(['sync', '--db', file, '--json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/LinkedIn refused the client id and secret.*Hint:/);
    delete process.env.RSC_ORGANIZATION_URN;
    const noOrg = await cli(['sync', '--db', file, '--client-secret', fake.clientSecret]);
    expect(noOrg.code).toBe(1);
    expect(noOrg.stderr).toMatch(/organization URN/);
  });

  it('rejects an unknown category', async () => {
    const { code, stderr } = await cli(['sync', '--db', file, '--category', 'people']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/--category must be one of/);
  });

  it('lists exchanges, filtered by status, with secrets redacted', async () => {
    fake.inject({ type: 'status', status: 503 }, { resource: 'candidates' });
    await cli(['sync', '--db', file, '--category', 'candidates']);
    const all = await cli(['log', '--db', file, '--json']);
    expect(all.code).toBe(0);
    const page = JSON.parse(all.stdout) as { total: number; rows: { status: number; kind: string }[] };
    expect(page.total).toBe(3);
    const failed = JSON.parse((await cli(['log', '--db', file, '--json', '--status', '5xx'])).stdout) as typeof page;
    expect(failed.rows.map((r) => r.status)).toEqual([503]);
    const text = await cli(['log', '--db', file, '--status', 'ok']);
    expect(text.stdout.trim().split('\n')).toHaveLength(2);
    expect(text.stdout).toContain('/v2/atsCandidates');
    expect(all.stdout).not.toContain(fake.clientSecret);
    const bad = await cli(['log', '--db', file, '--status', 'weird']);
    expect(bad.code).toBe(1);
  });
});
