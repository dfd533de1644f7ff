import { afterEach, describe, expect, it } from 'vitest';
import { runErase, type EraseOptions } from '../../../electron/core/reconciling/erase-run';
import { markForErasure } from '../../../electron/core/reconciling/erase-targets';
import { ORG, FAST_TIMING, application, candidate, harness, insertRecords, stage, type Harness } from '../syncing/helpers';
import type { FakeLinkedInOptions } from '../../support/fake-linkedin/server';

let h: Harness;
afterEach(async () => h.close());

function erase(options: Partial<EraseOptions> = {}) {
  return runErase(h.db, {
    credentials: { clientId: h.fake.clientId, clientSecret: h.fake.clientSecret },
    ...options,
    settings: { organizationUrn: ORG, apiBaseUrl: h.fake.url, oauthBaseUrl: h.fake.url, ...options.settings },
    timing: { ...FAST_TIMING, ...options.timing },
  });
}

async function synced(fake: FakeLinkedInOptions = {}, n = 4) {
  h = await harness(fake);
  insertRecords(h.db, 'candidates', Array.from({ length: n }, (_, i) => candidate(i)));
  insertRecords(h.db, 'applications', Array.from({ length: n }, (_, i) => application(i)));
  insertRecords(h.db, 'stages', [stage(0, 0), stage(0, 1), stage(1, 0)]);
  const summary = await h.sync({ categories: ['candidates', 'applications', 'stages'] });
  expect(summary).toMatchObject({ status: 'finished', failed: 0 });
}

function flagMissing(category: string, keys: string[]) {
  const stmt = h.db.prepare('UPDATE records SET missing_from_source = 1 WHERE category = ? AND key = ?');
  for (const k of keys) stmt.run(category, k);
}

function erasures() {
  return h.db
    .prepare('SELECT r.category, r.key, e.reason, e.status, r.sync_hash, r.sync_status FROM linkedin_erasures e JOIN records r ON r.id = e.record_id ORDER BY r.id')
    .all() as { category: string; key: string; reason: string; status: string; sync_hash: string | null; sync_status: string | null }[];
}

describe('erase', () => {
  it('a dry run lists what would be deleted and sends nothing', async () => {
    await synced();
    flagMissing('candidates', ['C000001', 'C000002']);
    flagMissing('applications', ['A000000']);
    const before = h.fake.requests.length;
    const plan = await erase({ missing: true, dryRun: true });
    expect(plan).toMatchObject({ dryRun: true, status: 'finished', requests: 2, deleted: 0, failed: 0 });
    expect(plan.records.map((r) => [r.category, r.key, r.status])).toEqual([
      ['applications', 'A000000', 'planned'],
      ['stages', 'A000000/S0', 'planned'],
      ['stages', 'A000000/S1', 'planned'],
      ['candidates', 'C000001', 'planned'],
      ['candidates', 'C000002', 'planned'],
    ]);
    expect(h.fake.requests.length).toBe(before);
    expect(erasures()).toEqual([]);
  });

  it('deletes what the import no longer holds, logs each request, and marks the records erased (not synced again)', async () => {
    await synced();
    flagMissing('candidates', ['C000001', 'C000002']);
    flagMissing('applications', ['A000000']);
    const summary = await erase({ missing: true });
    expect(summary).toMatchObject({ dryRun: false, status: 'finished', requests: 2, deleted: 5, failed: 0, notFound: 0 });
    expect(summary.records.find((r) => r.key === 'C000001')).toEqual({ category: 'candidates', key: 'C000001', status: 'deleted', reason: 'missing' });
    // The fake no longer holds them; the application's stages went with it.
    expect([...h.fake.state.candidates.keys()]).toEqual(['C000000', 'C000003']);
    expect(h.fake.state.applications.has('A000000')).toBe(false);
    expect([...h.fake.state.stages.keys()]).toEqual(['A000001/S0']);
    const deletes = h.fake.requests.filter((r) => r.effectiveMethod === 'DELETE');
    expect(deletes.map((r) => [r.resource, r.keys])).toEqual([
      ['applications', ['A000000']],
      ['candidates', ['C000001', 'C000002']],
    ]);
    expect(deletes[0].headers['x-restli-method']).toBe('batch_delete');
    const logged = h.db.prepare("SELECT category, method, status, record_keys FROM exchanges WHERE kind = 'delete' ORDER BY id").all();
    expect(logged).toEqual([
      { category: 'applications', method: 'DELETE', status: 200, record_keys: '["A000000","A000000/S0","A000000/S1"]' },
      { category: 'candidates', method: 'DELETE', status: 200, record_keys: '["C000001","C000002"]' },
    ]);
    expect(erasures().map((e) => [e.key, e.status, e.sync_hash])).toEqual([
      ['C000001', 'erased', null], ['C000002', 'erased', null], ['A000000', 'erased', null], ['A000000/S0', 'erased', null], ['A000000/S1', 'erased', null],
    ]);

    // A forced sync sends everything eligible, yet never an erased record.
    h.fake.requests.length = 0;
    const again = await h.sync({ categories: ['candidates', 'applications', 'stages'], force: true });
    expect(again.status).toBe('finished');
    const sentKeys = h.fake.requests.filter((r) => r.effectiveMethod === 'PUT').flatMap((r) => r.keys);
    expect(sentKeys.sort()).toEqual(['A000001', 'A000001/S0', 'A000002', 'A000003', 'C000000', 'C000003']);

    // A later import that brings one back lifts its erasure: it is sent again, whole.
    h.db.prepare("UPDATE records SET missing_from_source = 0 WHERE key = 'C000001'").run();
    expect(erasures().map((e) => e.key)).not.toContain('C000001');
    h.fake.requests.length = 0;
    const back = await h.sync({ categories: ['candidates'] });
    expect(back).toMatchObject({ status: 'finished', sent: 1, succeeded: 1 });
    expect(h.fake.state.candidates.has('C000001')).toBe(true);
  });

  it("deletes a stage alone under its application's key, and a stage of an application LinkedIn lacks as not found", async () => {
    await synced();
    flagMissing('stages', ['A000000/S1', 'A000001/S0']);
    h.fake.state.applications.delete('A000001');
    const summary = await erase({ missing: true, categories: ['stages'] });
    expect(summary).toMatchObject({ status: 'finished', requests: 2, deleted: 1, notFound: 1, failed: 0 });
    const deletes = h.fake.requests.filter((r) => r.effectiveMethod === 'DELETE');
    expect(deletes.map((r) => [r.resource, r.path, r.keys, r.status])).toEqual([
      ['stages', '/v2/atsApplications/(atsJobApplicationId:A000000,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A2414183)/stages', ['A000000/S1'], 200],
      ['stages', '/v2/atsApplications/(atsJobApplicationId:A000001,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A2414183)/stages', ['A000001/S0'], 404],
    ]);
    // (The test took A000001 from the fake's map directly, so its stage is left there, unreachable.)
    expect([...h.fake.state.stages.keys()]).toEqual(['A000000/S0', 'A000001/S0']);
    expect(erasures().map((e) => [e.key, e.status])).toEqual([['A000000/S1', 'erased'], ['A000001/S0', 'erased']]);
  });

  it('erases records the consultant names, tunnelling a long DELETE as a POST with X-HTTP-Method-Override', async () => {
    await synced({}, 60);
    const keys = Array.from({ length: 60 }, (_, i) => `C${String(i).padStart(6, '0')}`);
    const summary = await erase({ records: keys.map((key) => ({ category: 'candidates', key })) });
    expect(summary).toMatchObject({ status: 'finished', requests: 1, tunnelled: 1, deleted: 60 });
    const [del] = h.fake.requests.filter((r) => r.effectiveMethod === 'DELETE');
    expect(del).toMatchObject({ method: 'POST', tunnelled: true, status: 200 });
    expect(del.headers['x-http-method-override']).toBe('DELETE');
    expect(del.keys).toHaveLength(60);
    expect(h.fake.state.candidates.size).toBe(0);
    expect(erasures().every((e) => e.reason === 'marked' && e.status === 'erased')).toBe(true);
  });

  it('reports a key LinkedIn does not hold as notFound (404 per key) and still marks it erased', async () => {
    await synced();
    h.fake.state.candidates.delete('C000002');
    const summary = await erase({ records: [{ category: 'candidates', key: 'C000002' }, { category: 'candidates', key: 'C000003' }] });
    expect(summary).toMatchObject({ status: 'finished', deleted: 1, notFound: 1, failed: 0 });
    expect(summary.records.map((r) => r.status)).toEqual(['notFound', 'deleted']);
    expect(erasures().map((e) => [e.key, e.status])).toEqual([['C000002', 'erased'], ['C000003', 'erased']]);
  });

  it('keeps a record LinkedIn refused to delete as failed, listed for the next erase', async () => {
    await synced({ readDelete: { refuseDelete: (_res, id) => (id === 'C000001' ? { status: 403, message: 'Not allowed to delete C000001' } : null) } });
    markForErasure(h.db, 'candidates', ['C000001', 'C000002'], 1);
    const summary = await erase({ marked: true });
    expect(summary).toMatchObject({ status: 'finished', deleted: 1, failed: 1 });
    expect(summary.records.find((r) => r.key === 'C000001')).toMatchObject({ status: 'failed', message: 'Not allowed to delete C000001' });
    const rows = erasures();
    expect(rows.map((e) => [e.key, e.status])).toEqual([['C000001', 'failed'], ['C000002', 'erased']]);
    expect(rows[0].sync_hash).not.toBeNull();
    // Still listed: the next erase of marked records tries it again.
    const plan = await erase({ marked: true, dryRun: true });
    expect(plan.records.map((r) => r.key)).toEqual(['C000001']);
  });

  it('stops when LinkedIn refuses a whole request, leaving the records unerased', async () => {
    await synced();
    h.fake.inject({ type: 'status', status: 403, body: { message: 'Not enough permissions', status: 403 } }, { resource: 'candidates' });
    const summary = await erase({ records: [{ category: 'candidates', key: 'C000000' }] });
    expect(summary).toMatchObject({ status: 'failed', failed: 1, deleted: 0, failure: { kind: 'missing_permission' } });
    expect(h.fake.state.candidates.has('C000000')).toBe(true);
    expect(erasures().map((e) => [e.key, e.status])).toEqual([['C000000', 'failed']]);
  });

  it('refuses names not in the workspace, before anything is sent', async () => {
    await synced();
    const before = h.fake.requests.length;
    const summary = await erase({ records: [{ category: 'candidates', key: 'NOPE' }] });
    expect(summary).toMatchObject({ status: 'failed', failure: { kind: 'configuration', message: 'Not in the workspace: candidates NOPE.' } });
    expect(h.fake.requests.length).toBe(before);
  });
});
