import { afterEach, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../shared/domain';
import type { SyncProgress } from '../../../shared/contract/sync';
import { buildPayload } from '../../../shared/payload/elements';
import { ORG, application, applied, candidate, harness, insertRecords, job, keyCounts, records, setValues, stage, type Harness } from './helpers';

function seedAll(h: Harness, n = { jobs: 3, candidates: 130, applications: 12, stagesPer: 2, stageApps: 4 }) {
  insertRecords(h.db, 'jobs', Array.from({ length: n.jobs }, (_, i) => job(i)));
  insertRecords(h.db, 'candidates', Array.from({ length: n.candidates }, (_, i) => candidate(i)));
  insertRecords(h.db, 'applications', Array.from({ length: n.applications }, (_, i) => application(i)));
  insertRecords(h.db, 'stages', Array.from({ length: n.stageApps }, (_, i) => Array.from({ length: n.stagesPer }, (_, j) => stage(i, j))).flat());
}

describe('a full sync', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('sends every category in order, and every record ends succeeded and linked to its request', async () => {
    h = await harness();
    seedAll(h);
    const summary = await h.sync();

    expect(summary.status).toBe('finished');
    expect(summary).toMatchObject({ sent: 153, succeeded: 153, failed: 0, skipped: 0, pending: 0 });
    const order = h.fake.requests.filter((r) => r.resource !== 'token' && r.resource !== 'tasks').map((r) => r.resource);
    const firstIndex = (res: string) => order.indexOf(res as never);
    const lastIndex = (res: string) => order.lastIndexOf(res as never);
    expect(lastIndex('jobs')).toBeLessThan(firstIndex('candidates'));
    expect(lastIndex('candidates')).toBeLessThan(firstIndex('applications'));
    expect(lastIndex('applications')).toBeLessThan(firstIndex('stages'));

    expect(h.fake.state.jobs.size).toBe(3);
    expect(h.fake.state.candidates.size).toBe(130);
    expect(h.fake.state.applications.size).toBe(12);
    expect(h.fake.state.stages.size).toBe(8);
    for (const c of CATEGORIES) {
      for (const r of records(h.db, c)) {
        expect(r.sync_status).toBe('succeeded');
        expect(r.sync_hash).toMatch(/^[A-Za-z0-9+/]{22}$/);
        const exchange = h.db.prepare('SELECT record_keys, status FROM exchanges WHERE id = ?').get(r.sync_exchange_id) as {
          record_keys: string;
          status: number;
        };
        expect(exchange.status).toBe(200);
        expect(JSON.parse(exchange.record_keys)).toContain(r.key);
      }
    }
    expect(records(h.db, 'jobs').map((r) => r.linkedin_urn)).toEqual(
      ['JOB-0', 'JOB-1', 'JOB-2'].map((id) => h.fake.state.jobs.get(id)!.jobPosting),
    );
    const run = h.db.prepare('SELECT status, dry_run FROM sync_runs WHERE id = ?').get(summary.runId);
    expect(run).toEqual({ status: 'finished', dry_run: 0 });
  });

  it('keeps two requests on the wire, acknowledges each answer as it comes, and finishes a category before the next', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 600 }, (_, i) => candidate(i)));
    insertRecords(h.db, 'applications', Array.from({ length: 12 }, (_, i) => application(i)));
    // The first request is slow: the other slot sends the next batches meanwhile.
    h.fake.inject({ type: 'delay', ms: 400 }, { resource: 'candidates', times: 1 });
    const progress: SyncProgress[] = [];
    const summary = await h.sync({ onProgress: (p) => progress.push(p) });
    expect(summary).toMatchObject({ status: 'finished', succeeded: 612, failed: 0 });
    // While the slow one was out, progress counted it as sent, and in today's requests.
    const waiting = progress.filter((p) => p.categories.candidates.sent - p.categories.candidates.succeeded >= 100);
    expect(waiting.length).toBeGreaterThan(0);
    for (const p of progress) expect(p.requestsToday).toBe(p.requests);

    const api = h.fake.requests.filter((r) => r.resource === 'candidates' || r.resource === 'applications');
    const onTheWire = (at: number) => api.filter((r) => r.at <= at && r.answeredAt! > at).length;
    expect(Math.max(...api.map((r) => onTheWire(r.at)))).toBe(2);
    const [slow, ...others] = api.filter((r) => r.resource === 'candidates');
    expect(others.length).toBe(5);
    // Batches two to five were answered while the first was held, and logged in the order answered.
    expect(others.filter((r) => r.answeredAt! < slow.answeredAt!).length).toBeGreaterThanOrEqual(2);
    const logged = (h.db.prepare("SELECT record_keys FROM exchanges WHERE category = 'candidates' ORDER BY id").all() as { record_keys: string }[])
      .map((e) => (JSON.parse(e.record_keys) as string[])[0]);
    expect(logged[0]).not.toBe(slow.keys[0]);
    expect(logged).toContain(slow.keys[0]);
    // Applications waited for every candidate answer.
    const firstApplication = api.find((r) => r.resource === 'applications')!;
    expect(Math.max(...api.filter((r) => r.resource === 'candidates').map((r) => r.answeredAt!))).toBeLessThanOrEqual(firstApplication.at);
    expect([...keyCounts(h.fake, 'candidates').values()].every((n) => n === 1)).toBe(true);
    expect(records(h.db, 'candidates').every((r) => r.sync_status === 'succeeded')).toBe(true);
  });

  it('sends one request at a time when told to', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 300 }, (_, i) => candidate(i)));
    const summary = await h.sync({ timing: { requestsInFlight: 1 } });
    expect(summary.succeeded).toBe(300);
    const api = h.fake.requests.filter((r) => r.resource === 'candidates');
    for (let i = 1; i < api.length; i++) expect(api[i].at).toBeGreaterThanOrEqual(api[i - 1].answeredAt!);
    // A setting of 0 (or less) still sends, one at a time.
    const again = await h.sync({ force: true, timing: { requestsInFlight: 0 } });
    expect(again.succeeded).toBe(300);
  });

  it('sends only compliant or warning records that are not excluded', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [
      { ...candidate(1), status: 'compliant' },
      { ...candidate(2), status: 'warning' },
      { ...candidate(3), status: 'error' },
      { ...candidate(4), status: 'unchecked' },
      { ...candidate(5), excluded: true },
    ]);
    const summary = await h.sync();
    expect(summary.sent).toBe(2);
    expect([...h.fake.state.candidates.keys()].sort()).toEqual(['C000001', 'C000002']);
  });

  it('sends nothing the second time, not even a token request', async () => {
    h = await harness();
    seedAll(h);
    await h.sync();
    const before = h.fake.requests.length;
    const second = await h.sync();
    expect(h.fake.requests.length).toBe(before);
    expect(second).toMatchObject({ requests: 0, sent: 0, skipped: 153, succeeded: 0, failed: 0 });
  });

  it('recognises the hashes earlier versions stored, sends nothing for them, and stores them anew', async () => {
    h = await harness();
    seedAll(h, { jobs: 2, candidates: 5, applications: 0, stagesPer: 0, stageApps: 0 });
    await h.sync();
    // What a version that hashed with the portable cyrb53 left behind; one record changed since.
    const stored = new Map<string, string>();
    for (const c of ['jobs', 'candidates'] as const) {
      const rows = h.db
        .prepare('SELECT r.id, r.key, v.values_json FROM records r JOIN record_values v ON v.record_id = r.id WHERE r.category = ?')
        .all(c) as { id: number; key: string; values_json: string }[];
      for (const r of rows) {
        const built = buildPayload({ category: c, key: r.key, values: JSON.parse(r.values_json) }, { organizationUrn: ORG });
        if (!built.ok) throw new Error(built.problem);
        stored.set(r.key, built.hash);
        h.db.prepare('UPDATE records SET sync_hash = ? WHERE id = ?').run(built.hash, r.id);
      }
    }
    expect([...stored.values()].every((hash) => /^[0-9a-f]{14}$/.test(hash))).toBe(true);
    setValues(h.db, 'candidates', 'C000003', { lastName: 'Lovelace' });
    const before = h.fake.requests.length;
    const second = await h.sync();
    expect(second).toMatchObject({ sent: 1, skipped: 6, succeeded: 1 });
    expect(h.fake.requests.slice(before).flatMap((r) => r.keys)).toEqual(['C000003']);
    for (const c of ['jobs', 'candidates'] as const) {
      for (const r of records(h.db, c)) expect(r.sync_hash).toMatch(/^[A-Za-z0-9+/]{22}$/);
    }
    expect(await h.sync()).toMatchObject({ requests: 0, sent: 0, skipped: 7 });
  });

  it('sends a changed record again, alone, and force sends everything', async () => {
    h = await harness();
    seedAll(h, { jobs: 2, candidates: 5, applications: 0, stagesPer: 0, stageApps: 0 });
    await h.sync();
    setValues(h.db, 'candidates', 'C000003', { lastName: 'Lovelace' });
    setValues(h.db, 'jobs', 'JOB-1', { title: 'Staff Engineer' });
    const before = h.fake.requests.length;
    const delta = await h.sync();
    expect(delta).toMatchObject({ sent: 2, skipped: 5, succeeded: 2 });
    const sent = h.fake.requests.slice(before).filter((r) => r.resource === 'candidates' || r.resource === 'jobs');
    expect(sent.flatMap((r) => r.keys).sort()).toEqual(['C000003', 'JOB-1']);
    expect(h.fake.state.candidates.get('C000003')!.entity.lastName).toBe('Lovelace');
    const jobRequest = sent.find((r) => r.resource === 'jobs')!;
    expect(JSON.parse(jobRequest.jsonBody!).elements[0].jobPostingOperationType).toBe('UPDATE');
    expect(h.fake.state.jobs.get('JOB-1')!.element.title).toBe('Staff Engineer');

    const forced = await h.sync({ force: true });
    expect(forced.sent).toBe(7);
  });

  it('plans a dry run without sending anything', async () => {
    h = await harness();
    seedAll(h, { jobs: 2, candidates: 250, applications: 3, stagesPer: 2, stageApps: 2 });
    const summary = await h.sync({ dryRun: true, credentials: null });
    expect(h.fake.requests).toHaveLength(0);
    expect(summary.dryRun).toBe(true);
    const plan = summary.plan!;
    expect(plan.categories.candidates).toMatchObject({ records: 250, toSend: 250, requests: 3, tunnelled: 3 });
    expect(plan.categories.stages).toMatchObject({ toSend: 4, requests: 2 });
    expect(plan.requests).toBe(1 + 3 + 1 + 2);
    expect(summary.requests).toBe(plan.requests);
    expect(plan.categories.jobs.samplePayloads[0]).toMatchObject({ externalJobPostingId: 'JOB-0', jobPostingOperationType: 'CREATE' });
    expect(plan.estimatedDurationMs).toBeGreaterThan(0);
    expect(records(h.db, 'candidates').every((r) => r.sync_status === null)).toBe(true);
    expect(h.db.prepare('SELECT count(*) AS n FROM exchanges').get()).toEqual({ n: 0 });
  });

  it('estimates a wait in the dry run when the records pass the per-minute limit', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 300 }, (_, i) => candidate(i)));
    const fast = await h.sync({ dryRun: true, credentials: null });
    const paced = await h.sync({ dryRun: true, credentials: null, settings: { recordsPerMinute: 150 } });
    expect(paced.plan!.estimatedDurationMs - fast.plan!.estimatedDurationMs).toBeGreaterThanOrEqual(60_000);
  });

  it('estimates the requests of a dry run as overlapping, two at a time, each category ending on a whole answer', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 300 }, (_, i) => candidate(i)));
    insertRecords(h.db, 'applications', Array.from({ length: 12 }, (_, i) => application(i)));
    const timing = { estimatedRequestMs: 400 };
    const one = await h.sync({ dryRun: true, credentials: null, timing: { ...timing, requestsInFlight: 1 } });
    const two = await h.sync({ dryRun: true, credentials: null, timing: { ...timing, requestsInFlight: 2 } });
    // 3 candidate requests and 1 application request.
    expect(one.plan!.estimatedDurationMs).toBe(4 * 400);
    expect(two.plan!.estimatedDurationMs).toBe(3 * 200 + 200 + 200 + 200);
  });

  it('splits a batch whose keys would pass 4 KB when told to split instead of tunnelling', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 100 }, (_, i) => candidate(i)));
    const summary = await h.sync({ settings: { oversizeStrategy: 'split' } });
    const puts = applied(h.fake, 'candidates');
    expect(puts.length).toBeGreaterThan(1);
    expect(puts.every((r) => !r.tunnelled && r.query.length <= 4000)).toBe(true);
    expect(summary.succeeded).toBe(100);
    expect([...keyCounts(h.fake, 'candidates').values()].every((n) => n === 1)).toBe(true);
  });

  it('tunnels a batch whose keys would pass 4 KB, and the fake would have refused it as is', async () => {
    h = await harness();
    insertRecords(h.db, 'applications', Array.from({ length: 100 }, (_, i) => application(i)));
    const summary = await h.sync();
    const [put] = applied(h.fake, 'applications');
    expect(put.tunnelled).toBe(true);
    expect(put.method).toBe('POST');
    expect(put.effectiveMethod).toBe('PUT');
    expect(put.query.length).toBeGreaterThan(4096);
    expect(put.keys).toHaveLength(100);
    expect(summary.succeeded).toBe(100);
    expect(h.fake.requests.some((r) => r.status === 414)).toBe(false);
  });
});
