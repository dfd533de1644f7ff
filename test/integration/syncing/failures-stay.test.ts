import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { attachFolder } from '../../../electron/core/resumes/attach-resumes';
import { checkAll } from '../../../electron/core/compliance/check-all';
import { workspaceCounts } from '../../../electron/core/workspace/counts';
import type { FakeLinkedInOptions } from '../../support/fake-linkedin/server';
import type { SyncProgress } from '../../../shared/contract/sync';
import { candidate, harness, insertRecords, records, stage, virtualRuntime, type Harness } from './helpers';
import { pdf, seedApplications, writeFiles } from '../resumes/helpers';

describe('failures stay with their records', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('sends nothing and marks no record failed when the OAuth endpoint refuses the credentials', async () => {
    h = await harness({ refuse: { oauth: 'invalid_client' } });
    insertRecords(h.db, 'candidates', Array.from({ length: 12 }, (_, i) => candidate(i)));
    const summary = await h.sync();
    expect(summary.status).toBe('failed');
    expect(summary.failure).toMatchObject({ kind: 'bad_credentials', status: 401 });
    expect(summary).toMatchObject({ sent: 0, failed: 0, requests: 0 });
    expect(h.fake.requests.filter((r) => r.resource !== 'token')).toHaveLength(0);
    expect(records(h.db, 'candidates').every((r) => r.sync_status === null)).toBe(true);
    expect(workspaceCounts(h.db).candidates.syncFailed).toBe(0);
  });

  it('marks no record failed when LinkedIn refuses a fresh token mid-run, nor when it cannot be reached', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 3 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'expireToken' }, { resource: 'candidates', times: 2 });
    const refused = await h.sync();
    expect(refused.failure).toMatchObject({ kind: 'bad_credentials', status: 401 });
    expect(refused.failed).toBe(0);
    expect(workspaceCounts(h.db).candidates.syncFailed).toBe(0);

    h.fake.inject({ type: 'drop' }, { resource: 'candidates', times: 5 });
    const unreachable = await h.sync({ runtime: virtualRuntime() });
    expect(unreachable.failure).toMatchObject({ kind: 'network' });
    expect(unreachable.failed).toBe(0);
    expect(records(h.db, 'candidates').every((r) => r.sync_status === null)).toBe(true);
    // Nothing lost: the next sync sends them all.
    expect((await h.sync()).succeeded).toBe(3);
  });

  it('says what a network retry is and which one, and shows no rate-limit wait for it', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1)]);
    h.fake.inject({ type: 'drop' }, { resource: 'candidates', times: 2 });
    const seen: SyncProgress[] = [];
    const summary = await h.sync({ runtime: virtualRuntime(), onProgress: (p) => seen.push(p) });
    expect(summary.succeeded).toBe(1);
    const retries = seen.filter((p) => p.retry).map((p) => p.retry!);
    expect(retries.map((r) => [r.reason, r.retry, r.of])).toEqual([['network error', 1, 4], ['network error', 2, 4]]);
    expect(seen.every((p) => p.rateLimit.state !== 'backing-off')).toBe(true);
  });

  describe('a resume whose upload fails', () => {
    const options: FakeLinkedInOptions = {};

    async function seeded(refuse: FakeLinkedInOptions['refuse']) {
      options.refuse = refuse;
      h = await harness(options);
      const folder = join(h.file, '..', 'resumes');
      mkdirSync(folder);
      seedApplications(h.db, 3);
      insertRecords(h.db, 'stages', [stage(0, 0), stage(1, 0), stage(2, 0)]);
      writeFiles(folder, { 'A000000.pdf': pdf('zero'), 'A000001.pdf': pdf('one') });
      attachFolder(h.db, { folder, pattern: '{applicationId}.pdf' }, Date.now());
      checkAll(h.db, {});
    }

    it('fails its own application with the reason, the rest goes on, its stages wait, and --retry-failed sends them', async () => {
      await seeded({ upload: 404 });
      const summary = await h.sync({ categories: ['applications', 'stages'] });
      expect(summary.status).toBe('finished');
      expect(summary.failure).toBeNull();
      expect(summary.categories.applications).toMatchObject({ sent: 1, succeeded: 1, failed: 2 });
      expect(summary.rejected.map((r) => r.key).sort()).toEqual(['A000000', 'A000001']);
      expect(summary.rejected[0].message).toMatch(/A00000\d\.pdf was not uploaded: .*404/);
      // The stage of the application that went through is sent; the others wait, neither sent nor failed.
      expect(summary.categories.stages).toMatchObject({ sent: 1, succeeded: 1, failed: 0, waiting: 2 });
      expect(records(h.db, 'stages').map((r) => r.sync_status)).toEqual([null, null, 'succeeded']);
      expect(h.fake.state.stages.size).toBe(1);

      options.refuse = {};
      const retry = await h.sync({ categories: ['applications', 'stages'], retryFailed: true });
      expect(retry.categories.applications).toMatchObject({ sent: 2, succeeded: 2, failed: 0 });
      expect(retry.categories.stages).toMatchObject({ sent: 2, succeeded: 2, waiting: 0 });
      expect(h.fake.state.applications.get('A000000')!.entity.media).toMatch(/^urn:li:media:/);
      expect(h.fake.state.stages.size).toBe(3);
    });

    it('fails its application, not the run, when the network drops every try', async () => {
      await seeded(undefined);
      h.fake.inject({ type: 'drop' }, { resource: 'mediaUpload', times: 5 });
      const summary = await h.sync({ categories: ['applications'], runtime: virtualRuntime() });
      expect(summary.status).toBe('finished');
      expect(summary.categories.applications).toMatchObject({ succeeded: 2, failed: 1 });
      expect(summary.rejected[0].message).toMatch(/A000000\.pdf was not uploaded: .*after 5 tries/);
    });
  });
});

describe('the sync command when nothing could be sent, or a resume failed', () => {
  const saved = { ...process.env };
  let h: Harness;
  afterEach(async () => {
    process.env = { ...saved };
    await h.close();
  });

  async function cli(argv: string[]) {
    const { runCli } = await import('../../../electron/cli/main');
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  function environment() {
    process.env.RSCW_DATA_DIR = join(h.file, '..', 'data');
    process.env.RSC_CLIENT_ID = h.fake.clientId;
    process.env.RSC_CLIENT_SECRET = h.fake.clientSecret;
    process.env.RSC_ORGANIZATION_URN = 'urn:li:organization:2414183';
    process.env.RSC_API_BASE_URL = h.fake.url;
    process.env.RSC_OAUTH_BASE_URL = h.fake.url;
  }

  it('says "Not sent: credentials refused" and exits 1', async () => {
    h = await harness({ refuse: { oauth: 'invalid_client' } });
    insertRecords(h.db, 'candidates', Array.from({ length: 12 }, (_, i) => candidate(i)));
    environment();
    const { code, stdout, stderr } = await cli(['sync', '--db', h.file]);
    expect(code).toBe(1);
    expect(stdout).toContain('Not sent: credentials refused.');
    expect(stderr).toContain('LinkedIn refused the client id and secret');
    expect(records(h.db, 'candidates').every((r) => r.sync_status === null)).toBe(true);
  });

  it('exits 3 when a resume upload failed its application, as for any rejected record', async () => {
    h = await harness({ refuse: { upload: 404 } });
    const folder = join(h.file, '..', 'resumes');
    mkdirSync(folder);
    seedApplications(h.db, 2);
    writeFiles(folder, { 'A000000.pdf': pdf('zero') });
    attachFolder(h.db, { folder, pattern: '{applicationId}.pdf' }, Date.now());
    checkAll(h.db, {});
    environment();
    const plan = await cli(['sync', '--db', h.file, '--category', 'applications', '--dry-run']);
    expect(plan.stdout).toMatch(/Resume uploads: 1 file, \d+ bytes, for 1 application: A000000 \(A000000\.pdf\)\./);
    const { code, stdout } = await cli(['sync', '--db', h.file, '--category', 'applications']);
    expect(code).toBe(3);
    expect(stdout).toMatch(/applications A000000: The resume A000000\.pdf was not uploaded/);
  });
});
