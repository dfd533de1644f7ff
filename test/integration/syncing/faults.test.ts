import { afterEach, describe, expect, it } from 'vitest';
import { applied, candidate, harness, insertRecords, job, keyCounts, records, virtualRuntime, type Harness } from './helpers';

describe('a sync under faults', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('rides out a 429 storm, honouring Retry-After, and sends each record once', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 300 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 429, retryAfter: '3' }, { resource: 'candidates', times: 3 });
    h.fake.inject({ type: 'status', status: 429 }, { resource: 'candidates', times: 4 });
    const runtime = virtualRuntime();
    // One request at a time, so each wait can be read between consecutive exchanges (the virtual
    // clock does not model two requests waiting at once); two on the wire: the next test.
    const summary = await h.sync({ runtime, timing: { requestsInFlight: 1 } });

    expect(summary.status).toBe('finished');
    expect(summary.succeeded).toBe(300);
    expect(summary.retried).toBe(7);
    // Each of the three 429s with Retry-After: 3 was followed by a wait of (virtual) 3 s before the next try.
    const batch = h.db.prepare("SELECT at, status FROM exchanges WHERE kind = 'batch' ORDER BY id").all() as { at: number; status: number }[];
    const gaps = batch.slice(0, 3).map((e, i) => batch[i + 1].at - e.at);
    expect(batch.slice(0, 3).map((e) => e.status)).toEqual([429, 429, 429]);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(3000);
    expect(runtime.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(9000);
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(7);
    const counts = keyCounts(h.fake, 'candidates');
    expect(counts.size).toBe(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const logged429 = h.db.prepare('SELECT count(*) AS n FROM exchanges WHERE status = 429').get() as { n: number };
    expect(logged429.n).toBe(7);
  });

  it('with two requests on the wire, holds back both after a 429 until its Retry-After has passed', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 400 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 429, retryAfter: '1' }, { resource: 'candidates', times: 1 });
    const summary = await h.sync({ timing: { requestsInFlight: 2 } });
    expect(summary).toMatchObject({ status: 'finished', succeeded: 400, retried: 1 });

    const received = h.fake.requests.filter((r) => r.resource === 'candidates');
    const limited = received.find((r) => r.status === 429)!;
    // Nothing reached LinkedIn in the second after the 429 but the request already on its way
    // beside it: the retry and the next batches waited, whichever request they belonged to.
    const since = received.filter((r) => r !== limited).map((r) => r.at - limited.at);
    expect(since.filter((ms) => ms < 1000).length).toBeLessThanOrEqual(1);
    expect(since).toHaveLength(4);
    expect([...keyCounts(h.fake, 'candidates').values()].every((n) => n === 1)).toBe(true);
    expect(keyCounts(h.fake, 'candidates').size).toBe(400);
  });

  it('stops as rate limited, with a hint, when 429s do not end', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 20 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 429 }, { resource: 'candidates', times: Infinity });
    const summary = await h.sync({ runtime: virtualRuntime(), timing: { maxRateLimitRetries: 3 } });
    expect(summary.status).toBe('failed');
    expect(summary.failure).toMatchObject({ kind: 'rate_limited', status: 429 });
    expect(summary.failure!.hint).toMatch(/not resent/);
    expect(h.fake.requests.filter((r) => r.resource === 'candidates')).toHaveLength(4);
    // Not rejected by LinkedIn: the next sync sends them again.
    h.fake.clearFaults();
    const next = await h.sync();
    expect(next.succeeded).toBe(20);
  });

  it('stops at once when Retry-After asks for longer than it will hold the run', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1)]);
    h.fake.inject({ type: 'status', status: 429, retryAfter: '7200' }, { resource: 'candidates' });
    const summary = await h.sync({ runtime: virtualRuntime() });
    expect(summary.failure).toMatchObject({ kind: 'rate_limited' });
    expect(summary.failure!.message).toMatch(/120 min/);
  });

  it('retries 5xx answers with backoff, then succeeds', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 10 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 503 }, { resource: 'candidates', times: 1 });
    h.fake.inject({ type: 'status', status: 500 }, { resource: 'candidates', times: 1 });
    const runtime = virtualRuntime();
    const summary = await h.sync({ runtime, timing: { retryInitialMs: 1000, retryMaxMs: 10_000 } });
    expect(summary).toMatchObject({ status: 'finished', succeeded: 10, retried: 2 });
    expect(runtime.sleeps.reduce((a, b) => a + b, 0)).toBe(750 + 1500);
    const attempts = h.db.prepare("SELECT attempt, status FROM exchanges WHERE kind = 'batch' ORDER BY id").all();
    expect(attempts).toEqual([
      { attempt: 1, status: 503 },
      { attempt: 2, status: 500 },
      { attempt: 3, status: 200 },
    ]);
  });

  it('gives up after five tries of 5xx as LinkedIn unavailable, and sends those records next time', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 3 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 502 }, { resource: 'candidates', times: 5 });
    const summary = await h.sync({ runtime: virtualRuntime() });
    expect(summary.status).toBe('failed');
    expect(summary.failure).toMatchObject({ kind: 'unavailable', status: 502 });
    expect(h.fake.requests.filter((r) => r.resource === 'candidates')).toHaveLength(5);
    expect(records(h.db, 'candidates').map((r) => r.sync_status)).toEqual(['failed', 'failed', 'failed']);
    expect(records(h.db, 'candidates')[0].sync_rejected_hash).toBeNull();
    const next = await h.sync();
    expect(next.succeeded).toBe(3);
  });

  it('retries a dropped connection and a response slower than the timeout', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 150 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'drop' }, { resource: 'candidates', times: 1 });
    h.fake.inject({ type: 'delay', ms: 6000 }, { resource: 'candidates', times: 1 });
    const summary = await h.sync({ timing: { requestTimeoutMs: 1500 } });
    expect(summary).toMatchObject({ status: 'finished', succeeded: 150 });
    const errors = h.db.prepare("SELECT error FROM exchanges WHERE status IS NULL AND kind = 'batch' ORDER BY id").all() as { error: string }[];
    // (A loaded machine may add a timeout of its own: what matters is that both faults were ridden out.)
    expect(errors.slice(0, 2).map((e) => e.error)).toEqual([expect.stringMatching(/dropped|closed/), expect.stringMatching(/No response within/)]);
    expect(summary.retried).toBe(errors.length);
    expect(h.fake.state.candidates.size).toBe(150);
  });

  it('stops as a network failure when LinkedIn cannot be reached at all', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1)]);
    const summary = await h.sync({ settings: { apiBaseUrl: 'http://127.0.0.1:9' }, runtime: virtualRuntime() });
    expect(summary.failure).toMatchObject({ kind: 'network' });
    expect(summary.failure!.hint).toMatch(/network/);
  });

  it('fetches one new token when the token expires mid-sync and carries on', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 300 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'expireToken' }, { resource: 'candidates', skip: 1 });
    const summary = await h.sync();
    expect(summary).toMatchObject({ status: 'finished', succeeded: 300 });
    expect(h.fake.requests.filter((r) => r.resource === 'token')).toHaveLength(2);
    // The request on the wire beside it may carry the expired token too: both are retried with
    // the one new token.
    const refused = h.fake.requests.filter((r) => r.status === 401);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeLessThanOrEqual(2);
    expect([...keyCounts(h.fake, 'candidates').values()].every((n) => n === 1)).toBe(true);
  });

  it('treats a token as expired 30 seconds before LinkedIn says it is', async () => {
    h = await harness({ tokenTtlSeconds: 20 });
    insertRecords(h.db, 'candidates', Array.from({ length: 200 }, (_, i) => candidate(i)));
    // A 20 s token is already inside the 30 s early-expiry margin: every request takes a new one.
    // (One at a time: requests that ask at the same moment share one token fetch.)
    const summary = await h.sync({ settings: { batchSize: 50 }, timing: { requestsInFlight: 1 } });
    expect(summary.succeeded).toBe(200);
    // One per request, and the one taken before the first batch to learn that the credentials work.
    expect(h.fake.requests.filter((r) => r.resource === 'token')).toHaveLength(5);
    expect(h.fake.requests.filter((r) => r.status === 401)).toHaveLength(0);
  });

  it('fails as bad credentials when the secret is wrong, before sending any record', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1)]);
    const summary = await h.sync({ credentials: { clientId: 'fake-client-id', clientSecret: 'wrong' } });
    expect(summary.status).toBe('failed');
    expect(summary.failure).toMatchObject({ kind: 'bad_credentials', status: 401 });
    expect(summary.failure!.hint).toMatch(/client id and secret/);
    expect(h.fake.requests.filter((r) => r.resource === 'candidates')).toHaveLength(0);
  });

  it('fails as bad credentials when a fresh token is refused too', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', [candidate(1)]);
    h.fake.inject({ type: 'expireToken' }, { resource: 'candidates', times: 2 });
    const summary = await h.sync();
    expect(summary.failure).toMatchObject({ kind: 'bad_credentials', status: 401 });
    expect(h.fake.requests.filter((r) => r.resource === 'token')).toHaveLength(2);
  });

  it('stops as missing permission on a 403, keeping the records for the next sync', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 3 }, (_, i) => candidate(i)));
    h.fake.inject({ type: 'status', status: 403, body: { message: 'Not enough permissions to access: atsCandidates', status: 403 } }, { resource: 'candidates' });
    const summary = await h.sync();
    expect(summary.failure).toMatchObject({ kind: 'missing_permission', status: 403 });
    expect(summary.failure!.message).toMatch(/Not enough permissions/);
    expect(records(h.db, 'candidates').every((r) => r.sync_status === 'failed' && r.sync_rejected_hash === null)).toBe(true);
  });

  it('refuses to run without settings or credentials, sending nothing', async () => {
    h = await harness();
    insertRecords(h.db, 'jobs', [job(1)]);
    const noOrg = await h.sync({ settings: { organizationUrn: '' } });
    expect(noOrg.failure).toMatchObject({ kind: 'configuration' });
    const noSecret = await h.sync({ credentials: null });
    expect(noSecret.failure).toMatchObject({ kind: 'bad_credentials' });
    expect(h.fake.requests).toHaveLength(0);
  });

  it('stops when the day’s request budget is used up', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 30 }, (_, i) => candidate(i)));
    const summary = await h.sync({ settings: { batchSize: 10, dailyRequestBudget: 2 } });
    expect(summary.failure).toMatchObject({ kind: 'rate_limited' });
    expect(summary.failure!.message).toMatch(/midnight UTC/);
    expect(applied(h.fake, 'candidates')).toHaveLength(2);
    expect(summary.requestsToday).toBe(2);
  });

  it('paces records under the per-minute limit', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 300 }, (_, i) => candidate(i)));
    const runtime = virtualRuntime();
    const summary = await h.sync({ runtime, settings: { recordsPerMinute: 150 } });
    expect(summary.succeeded).toBe(300);
    // 300 records at 150 a minute: the third batch waits ~a minute for the first to age out.
    expect(runtime.sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(55_000);
    expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
  });
});
