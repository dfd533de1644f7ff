import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { attachFolder } from '../../../electron/core/resumes/attach-resumes';
import { checkAll } from '../../../electron/core/compliance/check-all';
import type { SyncRuntime } from '../../../electron/core/syncing/timing';
import { harness, setValues, type Harness } from '../syncing/helpers';
import { mediaIssues, pdf, resumeRows, seedApplications, writeFiles } from './helpers';

const HOUR = 3_600_000;

/** One clock for the sync, the check and the fake (media expiry): moved forward by the test. */
function sharedClock(): SyncRuntime & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      offset += ms;
      await Promise.resolve();
    },
    random: () => 0.5,
    advance: (ms) => {
      offset += ms;
    },
  };
}

describe('uploading resumes during the sync', () => {
  let h: Harness;
  let clock: ReturnType<typeof sharedClock>;
  let folder: string;

  beforeEach(async () => {
    clock = sharedClock();
    h = await harness({ now: () => clock.now() });
    folder = join(h.file, '..', 'resumes');
    mkdirSync(folder);
    seedApplications(h.db, 3);
    writeFiles(folder, { 'A000000.pdf': pdf('zero'), 'A000001.pdf': pdf('one') });
    attachFolder(h.db, { folder, pattern: '{applicationId}.pdf' }, clock.now());
    checkAll(h.db, { now: clock.now() });
  });
  afterEach(async () => h.close());

  const sync = () => h.sync({ runtime: clock, categories: ['applications'] });
  const issued = () => h.fake.requests.filter((r) => r.resource === 'mediaUrl' && r.applied).length;

  it('uploads each resume, then sends the application with its media URN', async () => {
    const summary = await sync();
    expect(summary.status).toBe('finished');
    expect(summary.categories.applications).toMatchObject({ sent: 3, succeeded: 3, failed: 0 });

    const rows = resumeRows(h.db);
    expect(rows.map((r) => r.key)).toEqual(['A000000', 'A000001']);
    for (const r of rows) {
      expect(r.media_urn).toMatch(/^urn:li:media:/);
      expect(r.expires_at! - r.obtained_at!).toBe(24 * HOUR);
      // What LinkedIn stored for the application carries the URN of the bytes it received.
      expect(h.fake.state.applications.get(r.key)!.entity.media).toBe(r.media_urn);
      expect(h.fake.state.media.get(r.media_urn!)).toMatchObject({ status: 'AVAILABLE', sha256: r.sha256, size: r.size, uploads: 1 });
    }
    expect(h.fake.state.applications.get('A000002')!.entity.media).toBeUndefined();

    const uploads = h.db.prepare("SELECT method, url, status, request_body, request_headers FROM exchanges WHERE kind = 'upload' ORDER BY id").all() as {
      method: string; url: string; status: number; request_body: string; request_headers: string;
    }[];
    expect(uploads.map((u) => [u.method, u.status])).toEqual([['POST', 200], ['PUT', 201], ['POST', 200], ['PUT', 201]]);
    const put = uploads[1];
    expect(JSON.parse(put.request_body)).toEqual({ fileName: 'A000000.pdf', size: rows[0].size, sha256: rows[0].sha256 });
    expect(put.request_body).not.toContain('%PDF');
    expect(uploads[0].request_headers).toContain('Bearer [redacted]');
    // Uploaded: the "not uploaded" warning is gone.
    expect(mediaIssues(h.db, 'A000000')).toEqual([]);

    const again = await sync();
    expect(again.categories.applications).toMatchObject({ sent: 0, skipped: 3 });
    expect(issued()).toBe(2);
  });

  it('lists in the dry run the uploads the send would make: how many, total size, which applications', async () => {
    const plan = (await h.sync({ runtime: clock, categories: ['applications'], dryRun: true })).plan!;
    const rows = resumeRows(h.db);
    expect(plan.resumeUploads).toEqual({
      files: 2,
      bytes: rows[0].size + rows[1].size,
      applicationCount: 2,
      applications: [
        { key: 'A000000', fileName: 'A000000.pdf', size: rows[0].size },
        { key: 'A000001', fileName: 'A000001.pdf', size: rows[1].size },
      ],
    });
    expect(h.fake.requests).toHaveLength(0);
    await sync();
    const after = (await h.sync({ runtime: clock, categories: ['applications'], dryRun: true })).plan!;
    expect(after.resumeUploads).toMatchObject({ files: 0, bytes: 0, applicationCount: 0 });
  });

  it('uploads a resume again when its URN expired, before resending the application', async () => {
    await sync();
    const first = resumeRows(h.db)[0].media_urn;
    clock.advance(25 * HOUR);
    // Unchanged applications stay as LinkedIn has them: no upload, nothing sent.
    const idle = await sync();
    expect(idle.categories.applications).toMatchObject({ sent: 0, skipped: 3 });
    expect(issued()).toBe(2);

    setValues(h.db, 'applications', 'A000000', { source: 'Career Fair' });
    const summary = await sync();
    expect(summary.categories.applications).toMatchObject({ sent: 1, succeeded: 1, failed: 0 });
    const renewed = resumeRows(h.db)[0];
    expect(renewed.media_urn).not.toBe(first);
    expect(renewed.obtained_at).toBeGreaterThanOrEqual(clock.now() - HOUR);
    expect(issued()).toBe(3);
    expect(h.fake.state.applications.get('A000000')!.entity).toMatchObject({ source: 'Career Fair', media: renewed.media_urn });
  });

  it('resumes an interrupted upload with the URL it was issued, never uploading twice', async () => {
    // The connection drops during every try of the first upload: its application fails, the rest go on.
    h.fake.inject({ type: 'drop' }, { resource: 'mediaUpload', times: 5 });
    const broken = await sync();
    expect(broken.status).toBe('finished');
    expect(broken.categories.applications).toMatchObject({ sent: 2, succeeded: 2, failed: 1 });
    expect(issued()).toBe(2);
    expect(h.fake.state.applications.has('A000000')).toBe(false);

    // One more drop, then it goes through: the same upload URL, retried within the run.
    h.fake.inject({ type: 'drop' }, { resource: 'mediaUpload', times: 1 });
    const summary = await sync();
    expect(summary.status).toBe('finished');
    expect(summary.categories.applications).toMatchObject({ sent: 1, succeeded: 1 });
    expect(issued()).toBe(2);
    const media = [...h.fake.state.media.values()];
    expect(media).toHaveLength(2);
    expect(media.every((m) => m.status === 'AVAILABLE' && m.uploads === 1)).toBe(true);
    const urns = resumeRows(h.db).map((r) => r.media_urn);
    expect(urns.sort()).toEqual(media.map((m) => m.urn).sort());
    const drops = h.db.prepare("SELECT count(*) AS n FROM exchanges WHERE kind = 'upload' AND method = 'PUT' AND status IS NULL").get();
    expect(drops).toEqual({ n: 6 });
  });

  it('fails only the application whose upload LinkedIn refused', async () => {
    h.fake.inject({ type: 'status', status: 415, body: { message: 'Unsupported media', status: 415 } }, { resource: 'mediaUpload', times: 1 });
    const summary = await sync();
    expect(summary.status).toBe('finished');
    expect(summary.categories.applications).toMatchObject({ succeeded: 2, failed: 1 });
    expect(summary.rejected[0]).toMatchObject({ key: 'A000000' });
    expect(summary.rejected[0].message).toContain('A000000.pdf was not uploaded');
    expect(h.fake.state.applications.has('A000000')).toBe(false);
  });

  it('flags a media URN in the media column older than 24 hours at the planned send as an error', async () => {
    await sync();
    const urn = resumeRows(h.db)[1].media_urn!;
    setValues(h.db, 'applications', 'A000002', { media: urn });
    checkAll(h.db, { now: clock.now() });
    expect(mediaIssues(h.db, 'A000002')).toEqual([]);
    checkAll(h.db, { now: clock.now() + 24 * HOUR });
    expect(mediaIssues(h.db, 'A000002')).toEqual([{ rule: 'media-urn-expired', severity: 'error' }]);
    // The attached resume's own URN lapsing is the sync's to renew: a warning.
    expect(mediaIssues(h.db, 'A000000')).toEqual([{ rule: 'media-not-uploaded', severity: 'warning' }]);
    setValues(h.db, 'applications', 'A000002', { media: 'resume.pdf' });
    checkAll(h.db, { now: clock.now() });
    expect(mediaIssues(h.db, 'A000002')).toEqual([{ rule: 'media-urn-format', severity: 'error' }]);
  });
});
