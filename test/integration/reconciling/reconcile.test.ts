import { afterEach, describe, expect, it } from 'vitest';
import { runReconcile, type ReconcileOptions } from '../../../electron/core/reconciling/reconcile-run';
import { reconcileOverview, driftList, unmatchedCandidates } from '../../../electron/core/reconciling/overview';
import { ORG, FAST_TIMING, candidate, harness, insertRecords, setValues, type Harness } from '../syncing/helpers';
import type { FakeLinkedInOptions } from '../../support/fake-linkedin/server';
import { fetchFacets } from '../../../electron/core/records/facets';
import { windowIds } from '../../../electron/core/records/window';
import { runErase } from '../../../electron/core/reconciling/erase-run';

let h: Harness;
afterEach(async () => h.close());

function reconcile(options: Partial<ReconcileOptions> = {}) {
  return runReconcile(h.db, {
    credentials: { clientId: h.fake.clientId, clientSecret: h.fake.clientSecret },
    ...options,
    settings: { organizationUrn: ORG, apiBaseUrl: h.fake.url, oauthBaseUrl: h.fake.url, ...options.settings },
    timing: { ...FAST_TIMING, ...options.timing },
  });
}

/** Candidates 0..n-1; those in `unmatched` have no email (the fake's rule then finds no member). */
async function synced(n: number, unmatched: number[] = [], fake: FakeLinkedInOptions = {}) {
  h = await harness(fake);
  insertRecords(h.db, 'candidates', Array.from({ length: n }, (_, i) => candidate(i, unmatched.includes(i) ? { emailAddresses: '' } : {})));
  const summary = await h.sync({ categories: ['candidates'] });
  expect(summary).toMatchObject({ status: 'finished', succeeded: n });
}

describe('reconcile', () => {
  it('reads every synced candidate back, keeps its matches, and counts them', async () => {
    await synced(7, [1, 4, 6]);
    const summary = await reconcile();
    expect(summary.status).toBe('finished');
    expect(summary.candidates).toEqual({ synced: 7, checked: 7, matched: 4, unmatched: 3, notFound: 0 });
    const c0 = summary.records.find((r) => r.key === 'C000000')!;
    expect(c0).toEqual({ category: 'candidates', key: 'C000000', status: 'matched', members: ['urn:li:person:mC000000'], manualMatchedMember: null });
    expect(summary.records.find((r) => r.key === 'C000001')!.status).toBe('unmatched');

    const reads = h.fake.requests.filter((r) => r.resource === 'candidates' && r.effectiveMethod === 'GET');
    expect(reads).toHaveLength(1);
    expect(reads[0].keys).toHaveLength(7);
    expect(reads[0].headers['x-restli-method']).toBe('batch_get');
    // Logged like a sync's exchange, with the token redacted.
    const logged = h.db.prepare("SELECT kind, category, method, status, request_headers, record_keys FROM exchanges WHERE kind = 'read'").all() as {
      kind: string; category: string; method: string; status: number; request_headers: string; record_keys: string;
    }[];
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ category: 'candidates', method: 'GET', status: 200 });
    expect(JSON.parse(logged[0].request_headers).Authorization).toBe('Bearer [redacted]');
    expect(JSON.parse(logged[0].record_keys)).toHaveLength(7);

    const stored = h.db
      .prepare("SELECT r.key, m.status, m.members_json, m.manual_member, m.read_at FROM linkedin_matches m JOIN records r ON r.id = m.record_id ORDER BY r.id")
      .all() as { key: string; status: string; members_json: string; read_at: number }[];
    expect(stored).toHaveLength(7);
    expect(stored[0]).toMatchObject({ key: 'C000000', status: 'matched', members_json: '["urn:li:person:mC000000"]' });
    expect(stored[0].read_at).toBe(summary.readAt);

    const overview = reconcileOverview(h.db);
    expect(overview.overall).toEqual(summary.candidates);
    // The app asks for the counts only: the matches are stored, not sent back whole.
    const lean = await reconcile({ listRecords: false });
    expect(lean.records).toEqual([]);
    expect(lean.candidates).toEqual(summary.candidates);
    expect(overview.lastReadAt).toBeGreaterThanOrEqual(summary.readAt);
    const unmatched = unmatchedCandidates(h.db, {});
    expect(unmatched.total).toBe(3);
    // candidate() gives no phone, LinkedIn profile, company or title; #1 has no email either.
    expect(unmatched.rows[0]).toMatchObject({ key: 'C000001', lacks: ['emailAddresses', 'phoneNumbers', 'linkedInProfileUrl', 'currentCompanyName', 'currentJobTitle'] });
  });

  it('reads in requests of at most 100 keys, tunnelling past 4 KB as a POST with X-HTTP-Method-Override: GET', async () => {
    await synced(130);
    const summary = await reconcile();
    expect(summary.candidates).toMatchObject({ synced: 130, checked: 130, matched: 130 });
    const reads = h.fake.requests.filter((r) => r.resource === 'candidates' && r.effectiveMethod === 'GET');
    expect(reads.map((r) => r.keys.length)).toEqual([100, 30]);
    const [big, small] = reads;
    expect(big).toMatchObject({ method: 'POST', tunnelled: true, status: 200 });
    expect(big.headers['x-http-method-override']).toBe('GET');
    expect(big.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(big.body.startsWith('ids=List((atsCandidateId:C000000,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A2414183)')).toBe(true);
    expect(small).toMatchObject({ method: 'GET', tunnelled: false });
    expect(summary.requests).toBe(2);
  });

  it('answers notFound for a candidate LinkedIn no longer holds (a 404 for its key)', async () => {
    await synced(3);
    h.fake.state.candidates.delete('C000001');
    const summary = await reconcile();
    expect(summary.candidates).toEqual({ synced: 3, checked: 3, matched: 2, unmatched: 0, notFound: 1 });
    expect(summary.records.find((r) => r.key === 'C000001')).toMatchObject({ status: 'notFound', members: [] });
    const response = JSON.parse(h.db.prepare("SELECT response_body FROM exchanges WHERE kind = 'read'").pluck().get() as string);
    expect(Object.values(response.errors)).toEqual([{ status: 404, message: 'Candidate C000001 was not found' }]);
  });

  it('reads a manual match, objects carrying a Person URN, and logs other shapes as unrecognized instead of failing', async () => {
    const shapes: Record<string, unknown> = {
      C000000: [{ member: 'urn:li:person:abc123', score: 0.9 }],
      C000001: 'urn:li:person:not-a-list',
      C000002: [42, 'urn:li:person:xyz'],
      C000003: [],
    };
    await synced(4, [], { readDelete: { matchedMembers: (id) => shapes[id] } });
    h.fake.state.candidates.get('C000003')!.entity.manualMatchedMember = 'urn:li:person:manual7';
    const summary = await reconcile();
    expect(summary.status).toBe('finished');
    const byKey = new Map(summary.records.map((r) => [r.key, r]));
    expect(byKey.get('C000000')).toMatchObject({ status: 'matched', members: ['urn:li:person:abc123'] });
    expect(byKey.get('C000001')).toMatchObject({ status: 'unmatched', members: [] });
    expect(byKey.get('C000002')).toMatchObject({ status: 'matched', members: ['urn:li:person:xyz'] });
    expect(byKey.get('C000003')).toMatchObject({ status: 'matched', members: [], manualMatchedMember: 'urn:li:person:manual7' });
    expect(summary.unrecognized).toBe(2);
    const unrecognized = h.db.prepare('SELECT unrecognized FROM linkedin_matches WHERE unrecognized IS NOT NULL ORDER BY record_id').pluck().all();
    expect(unrecognized).toEqual(['matchedMembers: "urn:li:person:not-a-list"', 'matchedMembers: [42]']);
  });

  it('lists drift: the fields LinkedIn holds otherwise than they were sent', async () => {
    await synced(3);
    const held = h.fake.state.candidates.get('C000002')!.entity;
    held.firstName = 'Changed';
    delete held.externalProfileUrl;
    const summary = await reconcile();
    expect(summary.drifted).toBe(1);
    const drift = driftList(h.db, {});
    expect(drift.total).toBe(1);
    expect(drift.rows[0].key).toBe('C000002');
    expect(drift.rows[0].fields).toEqual([
      { field: 'externalProfileUrl', sent: 'https://ats.example.com/candidates/C000002' },
      { field: 'firstName', sent: 'First2', linkedin: 'Changed' },
    ]);
  });

  it('compares with what was sent, not with values edited since: the logged request tells, while the log keeps it', async () => {
    await synced(3);
    setValues(h.db, 'candidates', 'C000001', { firstName: 'Edited after the sync' });
    setValues(h.db, 'candidates', 'C000002', { firstName: 'Edited too' });
    h.fake.state.candidates.get('C000002')!.entity.lastName = 'Otherwise';
    const summary = await reconcile();
    expect(summary.drifted).toBe(1);
    expect(driftList(h.db, {}).rows).toEqual([
      { key: 'C000002', fields: [{ field: 'lastName', sent: 'Last2', linkedin: 'Otherwise' }], readAt: summary.readAt },
    ]);
    // Once the log no longer holds the request, what was sent is unknown: no difference is claimed.
    h.db.prepare("DELETE FROM exchanges WHERE kind = 'batch'").run();
    expect((await reconcile()).drifted).toBe(0);
  });

  it('uses the sync retries and token: a 503 then a 401 are retried, and the read goes through', async () => {
    await synced(2);
    h.fake.inject({ type: 'status', status: 503 }, { resource: 'candidates', match: (r) => r.effectiveMethod === 'GET' });
    h.fake.inject({ type: 'expireToken' }, { resource: 'candidates', match: (r) => r.effectiveMethod === 'GET' });
    const summary = await reconcile();
    expect(summary).toMatchObject({ status: 'finished', candidates: { checked: 2, matched: 2 } });
    const attempts = h.db.prepare("SELECT status FROM exchanges WHERE kind = 'read' ORDER BY id").pluck().all();
    expect(attempts).toEqual([503, 401, 200]);
  });

  it('stops with a classified failure when LinkedIn refuses the read, and counts against the day budget', async () => {
    await synced(2);
    h.fake.inject({ type: 'status', status: 403, body: { message: 'Not enough permissions', status: 403 } }, { resource: 'candidates' });
    const summary = await reconcile();
    expect(summary.status).toBe('failed');
    expect(summary.failure).toMatchObject({ kind: 'missing_permission', status: 403 });
    expect(summary.candidates.checked).toBe(0);

    const budgetStop = await reconcile({ settings: { dailyRequestBudget: 1 } as never });
    expect(budgetStop.status).toBe('failed');
    expect(budgetStop.failure?.kind).toBe('rate_limited');
  });

  it('reads only the candidates of one import when asked', async () => {
    await synced(4);
    const file = Number(h.db.prepare("INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES ('/x.csv', 'x.csv', 'h', 1, 1)").run().lastInsertRowid);
    const sheet = Number(
      h.db.prepare("INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json) VALUES (?, 'x', 'candidates', 1, '[]', '{}')").run(file).lastInsertRowid,
    );
    h.db.prepare("UPDATE records SET sheet_id = ? WHERE key IN ('C000001', 'C000003')").run(sheet);
    const summary = await reconcile({ fileId: file });
    expect(summary.candidates).toMatchObject({ synced: 2, checked: 2 });
    expect(summary.records.map((r) => r.key)).toEqual(['C000001', 'C000003']);
    const overview = reconcileOverview(h.db);
    expect(overview.imports.find((i) => i.fileId === file)).toMatchObject({ name: 'x.csv', synced: 2, checked: 2, matched: 2 });
    expect(overview.imports.find((i) => i.fileId === null)).toMatchObject({ synced: 2, checked: 0 });
  });

  it('gives the grid a "LinkedIn match" facet that counts and filters by what LinkedIn answered', async () => {
    await synced(6, [1, 4]);
    insertRecords(h.db, 'candidates', [candidate(50)]);
    h.fake.state.candidates.delete('C000005');
    expect(fetchFacets(h.db, { category: 'candidates' }).match).toEqual({ matched: 0, unmatched: 0, notFound: 0, unread: 7, erased: 0 });
    await reconcile();
    await runErase(h.db, {
      records: [{ category: 'candidates', key: 'C000003' }],
      credentials: { clientId: h.fake.clientId, clientSecret: h.fake.clientSecret },
      settings: { organizationUrn: ORG, apiBaseUrl: h.fake.url, oauthBaseUrl: h.fake.url },
      timing: FAST_TIMING,
    });
    expect(fetchFacets(h.db, { category: 'candidates' }).match).toEqual({ matched: 2, unmatched: 2, notFound: 1, unread: 1, erased: 1 });
    const keys = (match: 'matched' | 'unmatched' | 'notFound' | 'unread' | 'erased') => {
      const ids = windowIds(h.db, { category: 'candidates', match }, undefined, 100, 0);
      return h.db.prepare('SELECT key FROM records WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').pluck().all(JSON.stringify(ids));
    };
    expect(keys('matched')).toEqual(['C000000', 'C000002']);
    expect(keys('unmatched')).toEqual(['C000001', 'C000004']);
    expect(keys('notFound')).toEqual(['C000005']);
    expect(keys('unread')).toEqual(['C000050']);
    expect(keys('erased')).toEqual(['C000003']);
    // Each facet counts the view without its own criterion.
    expect(fetchFacets(h.db, { category: 'candidates', match: 'matched' }).match?.unmatched).toBe(2);
  });
});
