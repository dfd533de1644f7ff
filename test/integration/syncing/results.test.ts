import { afterEach, describe, expect, it } from 'vitest';
import { application, applied, candidate, harness, insertRecords, job, keyCounts, records, setValues, stage, type Harness } from './helpers';
import { listExchanges } from '../../../electron/core/syncing/exchange-log';

describe('per-record results', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('fail only the records LinkedIn rejects inside a 200, with its message, and never resend them unchanged', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [
      candidate(1),
      candidate(2, { firstName: null }),
      candidate(3, { emailAddresses: 'not-an-email' }),
      candidate(4),
    ]);
    const summary = await h.sync();
    expect(summary).toMatchObject({ status: 'finished', sent: 4, succeeded: 2, failed: 2 });
    expect(summary.rejected.map((r) => [r.key, r.message])).toEqual([
      ['C000002', 'ERROR :: /firstName :: field is required but not found and has no default value'],
      ['C000003', 'ERROR :: /emailAddresses :: every item must be an email address'],
    ]);
    const rows = records(h.db, 'candidates');
    expect(rows.map((r) => r.sync_status)).toEqual(['succeeded', 'failed', 'failed', 'succeeded']);
    expect(rows[1].sync_message).toMatch(/firstName/);
    expect(rows[1].sync_exchange_id).toBe(rows[0].sync_exchange_id);

    const before = h.fake.requests.length;
    const again = await h.sync();
    expect(again).toMatchObject({ sent: 0, skipped: 4 });
    expect(h.fake.requests.length).toBe(before);
  });

  it('re-sends just the failed records when asked to retry failed ones, and a fixed record on a normal sync', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1), candidate(2, { firstName: null }), candidate(3, { firstName: null })]);
    await h.sync();
    const retry = await h.sync({ retryFailed: true });
    expect(retry).toMatchObject({ sent: 2, failed: 2, skipped: 1 });
    expect(applied(h.fake, 'candidates').at(-1)!.keys).toEqual(['C000002', 'C000003']);

    setValues(h.db, 'candidates', 'C000002', { firstName: 'Grace' });
    const fixed = await h.sync();
    expect(fixed).toMatchObject({ sent: 1, succeeded: 1, skipped: 2 });
    expect(applied(h.fake, 'candidates').at(-1)!.keys).toEqual(['C000002']);
    expect(records(h.db, 'candidates').map((r) => r.sync_status)).toEqual(['succeeded', 'succeeded', 'failed']);
  });

  it('halves a batch LinkedIn refuses as a whole until only the record that causes it is rejected', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 20 }, (_, i) => candidate(i)));
    h.fake.inject(
      { type: 'status', status: 400, body: { message: 'Batch key parameter value is invalid', status: 400 } },
      { resource: 'candidates', times: Infinity, match: (r) => r.keys.includes('C000007') },
    );
    const summary = await h.sync();
    expect(summary).toMatchObject({ status: 'finished', sent: 20, succeeded: 19, failed: 1 });
    expect(summary.rejected).toEqual([{ category: 'candidates', key: 'C000007', message: 'Batch key parameter value is invalid', exchangeId: expect.any(Number) }]);
    const refused = h.fake.requests.filter((r) => r.status === 400).map((r) => r.keys.length);
    expect(refused).toEqual([20, 10, 5, 3, 1]);
    expect([...keyCounts(h.fake, 'candidates').values()].every((n) => n === 1)).toBe(true);
    expect(records(h.db, 'candidates').find((r) => r.key === 'C000007')!.sync_rejected_hash).not.toBeNull();
    const again = await h.sync();
    expect(again.sent).toBe(0);
  });

  it('records a job task that FAILED with LinkedIn’s message and a job rejected at once with its 422', async () => {
    h = await harness();
    insertRecords(h.db, 'jobs', [job(1), { ...job(2), values: { ...job(2).values, companyApplyUrl: 'ftp://nope' } }, { ...job(3), values: { ...job(3).values, description: 'too short' } }]);
    const summary = await h.sync();
    expect(summary.categories.jobs).toMatchObject({ sent: 3, succeeded: 1, failed: 2, pending: 0 });
    const rows = records(h.db, 'jobs');
    expect(rows[0]).toMatchObject({ sync_status: 'succeeded', linkedin_urn: expect.stringMatching(/^urn:li:jobPosting:/) });
    expect(rows[1]).toMatchObject({ sync_status: 'failed', sync_message: 'Invalid companyApplyUrl: it must be an http(s) URL' });
    expect(rows[2].sync_message).toMatch(/description :: length must be at least 100/);
    const tasks = h.db.prepare('SELECT status FROM sync_tasks ORDER BY task_urn').all();
    expect(tasks).toEqual([{ status: 'SUCCEEDED' }, { status: 'FAILED' }]);
  });

  it('leaves job tasks open when told not to wait, and the next sync polls them without resending', async () => {
    h = await harness({ taskPollsBeforeDone: 3 });
    insertRecords(h.db, 'jobs', [job(1), job(2)]);
    const first = await h.sync({ waitForTasks: false, timing: { taskFirstPollMs: 60_000 } });
    expect(first).toMatchObject({ sent: 2, succeeded: 0, pending: 2 });
    expect(records(h.db, 'jobs').map((r) => r.sync_status)).toEqual(['pending', 'pending']);

    const second = await h.sync();
    expect(second).toMatchObject({ sent: 0, succeeded: 2, pending: 0 });
    expect(records(h.db, 'jobs').map((r) => r.sync_status)).toEqual(['succeeded', 'succeeded']);
    expect([...keyCounts(h.fake, 'jobs').values()]).toEqual([1, 1]);
    expect(h.fake.requests.filter((r) => r.resource === 'tasks').length).toBeGreaterThanOrEqual(4);
  });

  it('sends stages under their application and fails stages whose application LinkedIn does not have', async () => {
    h = await harness();
    insertRecords(h.db, 'applications', [application(1)]);
    insertRecords(h.db, 'stages', [stage(1, 0), stage(1, 1), stage(2, 0), { ...stage(1, 2), values: { ...stage(1, 2).values, stage: 'Not Available' } }]);
    const summary = await h.sync();
    expect(summary.categories.stages).toMatchObject({ sent: 4, succeeded: 2, failed: 2, requests: 2 });
    const rows = records(h.db, 'stages');
    expect(rows.map((r) => r.sync_status)).toEqual(['succeeded', 'succeeded', 'failed', 'failed']);
    expect(rows[2]).toMatchObject({ sync_message: 'Application A000002 was not found', sync_rejected_hash: null });
    expect(rows[3].sync_rejected_hash).not.toBeNull();
    expect(h.fake.state.stages.has('A000001/S0')).toBe(true);
  });

  it('sends dates as the compliance check reads them, in the workspace time zone', async () => {
    h = await harness();
    h.db.prepare("INSERT INTO settings (key, value) VALUES ('workspace.timeZone', 'America/New_York')").run();
    insertRecords(h.db, 'candidates', [candidate(1, { atsCreatedAt: '2024-01-01 00:00', atsLastModifiedAt: '2024-01-02T12:00:00Z' })]);
    await h.sync();
    const sent = h.fake.state.candidates.get('C000001')!.entity;
    expect(sent.atsCreatedAt).toBe(Date.UTC(2024, 0, 1, 5));
    expect(sent.atsLastModifiedAt).toBe(Date.UTC(2024, 0, 2, 12));
  });

  it('keeps the client secret and every access token out of the exchange log', async () => {
    h = await harness({ clientSecret: 'Sup3r/Secret+Value==' });
    insertRecords(h.db, 'jobs', [job(1)]);
    insertRecords(h.db, 'candidates', Array.from({ length: 120 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'expireToken' }, { resource: 'candidates' });
    await h.sync({ credentials: { clientId: h.fake.clientId, clientSecret: 'Sup3r/Secret+Value==' } });
    const tokens = h.fake.issuedTokens();
    expect(tokens.length).toBe(2);
    const rows = h.db.prepare('SELECT * FROM exchanges').all() as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(4);
    const secrets = ['Sup3r/Secret+Value==', encodeURIComponent('Sup3r/Secret+Value=='), ...tokens];
    for (const row of rows) for (const secret of secrets) expect(JSON.stringify(row)).not.toContain(secret);
    const settings = h.db.prepare('SELECT * FROM settings').all();
    for (const secret of secrets) expect(JSON.stringify(settings)).not.toContain(secret);
    const runs = h.db.prepare('SELECT options_json, summary_json FROM sync_runs').all();
    for (const secret of secrets) expect(JSON.stringify(runs)).not.toContain(secret);
  });

  it('logs every exchange with its record keys, searchable by status and key', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 5 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 503 }, { resource: 'candidates' });
    await h.sync();
    const all = listExchanges(h.db);
    expect(all.rows.map((r) => [r.kind, r.status, r.attempt])).toEqual([
      ['batch', 200, 2],
      ['batch', 503, 1],
      ['token', 200, 1],
    ]);
    expect(listExchanges(h.db, { status: ['5xx'] }).rows[0].recordKeys).toHaveLength(5);
    expect(listExchanges(h.db, { recordKey: 'C000003' }).total).toBe(2);
  });

  it('prunes exchanges older than the retention setting at the start of a sync', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1)]);
    h.db.prepare(`INSERT INTO exchanges (at, method, url, request_headers, kind) VALUES (?, 'GET', 'old', '{}', 'batch')`).run(Date.now() - 40 * 86_400_000);
    await h.sync();
    expect(listExchanges(h.db, { search: 'old' }).total).toBe(1);
    setValues(h.db, 'candidates', 'C000001', { lastName: 'Changed' });
    await h.sync({ settings: { logRetentionDays: 30 } });
    expect(listExchanges(h.db, { search: 'old' }).total).toBe(0);
    expect(listExchanges(h.db).total).toBe(4);
  });
});
