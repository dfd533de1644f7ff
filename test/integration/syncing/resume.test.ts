import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordResultWriter } from '../../../electron/core/syncing/record-store';

const original = RecordResultWriter.prototype.writeOutcomes;
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { application, candidate, FAST_TIMING, harness, insertRecords, job, keyCounts, ORG, records, stage, type Harness } from './helpers';
import type { ReceivedRequest } from '../../support/fake-linkedin/server';

const CHILD = fileURLToPath(new URL('./fixtures/sync-child.ts', import.meta.url));

describe('a sync killed mid-run', () => {
  let h: Harness;
  afterEach(async () => h.close());

  it('resumes without resending acknowledged batches and without missing any record', async () => {
    h = await harness({ taskPollsBeforeDone: 1 });
    insertRecords(h.db, 'jobs', Array.from({ length: 4 }, (_, i) => job(i)));
    insertRecords(h.db, 'candidates', Array.from({ length: 450 }, (_, i) => candidate(i)));
    insertRecords(h.db, 'applications', Array.from({ length: 30 }, (_, i) => application(i)));
    insertRecords(h.db, 'stages', Array.from({ length: 5 }, (_, i) => [stage(i, 0), stage(i, 1)]).flat());

    // The third candidates request reaches LinkedIn but never gets an answer. The other request
    // slot carries on (the fourth and fifth batches are answered and acknowledged, after the
    // third went out), and the child is killed while the category waits for the third, as a
    // crash or a closed laptop would.
    h.fake.inject({ type: 'hang' }, { resource: 'candidates', skip: 2 });
    const hung = new Promise<ReceivedRequest>((resolve) => {
      h.fake.events.on('request', (r) => {
        if (r.resource === 'candidates' && r.fault === 'hang') resolve(r);
      });
    });
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CHILD,
        JSON.stringify({
          file: h.file,
          credentials: { clientId: h.fake.clientId, clientSecret: h.fake.clientSecret },
          settings: { organizationUrn: ORG, apiBaseUrl: h.fake.url, oauthBaseUrl: h.fake.url },
          // Job tasks are first polled after a minute, so they are still open when the child dies.
          timing: { ...FAST_TIMING, taskFirstPollMs: 60_000, requestTimeoutMs: 30_000 },
        }),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const hungRequest = await Promise.race([
      hung,
      exited.then(() => {
        throw new Error(`the child ended before the hang: ${stderr}`);
      }),
    ]);
    // Read the child's workspace as it writes (WAL allows it) until the batches beside the hung
    // one are acknowledged.
    const watcher = openWorkspaceDb(h.file);
    const acknowledgedCount = () =>
      (watcher.prepare("SELECT count(*) AS n FROM exchanges WHERE category = 'candidates' AND status = 200").get() as { n: number }).n;
    await vi.waitFor(() => expect(acknowledgedCount()).toBe(4), { timeout: 15_000, interval: 20 });
    watcher.close();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killedAt = h.fake.requests.length;

    // What the killed run left behind: four acknowledged candidate batches, their results applied
    // to the records in the same transactions, and jobs waiting on tasks.
    const afterKill = openWorkspaceDb(h.file);
    const acks = afterKill
      .prepare(
        `SELECT record_keys, p.results AS pending_results FROM exchanges e LEFT JOIN sync_pending_results p ON p.exchange_id = e.id
         WHERE category = 'candidates' AND status = 200`,
      )
      .all() as { record_keys: string; pending_results: string | null }[];
    expect(acks).toHaveLength(4);
    expect(acks.every((a) => a.pending_results === null)).toBe(true);
    const { n: succeeded } = afterKill
      .prepare("SELECT count(*) AS n FROM records WHERE category = 'candidates' AND sync_status = 'succeeded'")
      .get() as { n: number };
    expect(succeeded).toBe(350);
    expect(afterKill.prepare("SELECT count(*) AS n FROM sync_tasks WHERE status = 'IN_PROGRESS'").get()).toEqual({ n: 4 });
    expect(afterKill.prepare('SELECT status FROM sync_runs').all()).toEqual([{ status: 'running' }]);
    afterKill.close();

    const resumed = await h.sync();
    expect(resumed.status).toBe('finished');
    expect(resumed).toMatchObject({ sent: 100 + 30 + 10, failed: 0, pending: 0 });
    expect(resumed.categories.jobs).toMatchObject({ sent: 0, succeeded: 4 });

    // From the fake's own record: every candidate arrived in exactly one handled request…
    const handled = h.fake.requests.filter((r) => r.applied);
    const counts = (resource: string) => {
      const m = new Map<string, number>();
      for (const r of handled.filter((x) => x.resource === resource)) for (const k of r.keys) m.set(k, (m.get(k) ?? 0) + 1);
      return m;
    };
    for (const [resource, total] of [['jobs', 4], ['candidates', 450], ['applications', 30], ['stages', 10]] as const) {
      const m = counts(resource);
      expect(m.size).toBe(total);
      expect([...m.values()].every((n) => n === 1)).toBe(true);
    }
    // …the acknowledged batches were never put on the wire again, and the unanswered one was, once.
    const acknowledged = h.fake.requests.slice(0, killedAt).filter((r) => r.resource === 'candidates' && r.status === 200).flatMap((r) => r.keys);
    expect(acknowledged).toHaveLength(350);
    const afterResume = h.fake.requests.slice(killedAt);
    const resentKeys = afterResume.filter((r) => r.resource === 'candidates').flatMap((r) => r.keys);
    expect(resentKeys.filter((k) => acknowledged.includes(k))).toEqual([]);
    expect(resentKeys.filter((k) => hungRequest.keys.includes(k))).toHaveLength(hungRequest.keys.length);
    expect(afterResume.filter((r) => r.resource === 'jobs')).toHaveLength(0);

    expect(records(h.db, 'candidates').every((r) => r.sync_status === 'succeeded')).toBe(true);
    expect(records(h.db, 'jobs').every((r) => r.sync_status === 'succeeded' && r.linkedin_urn)).toBe(true);
    expect(h.db.prepare('SELECT status FROM sync_runs ORDER BY id').all()).toEqual([{ status: 'failed' }, { status: 'finished' }]);
    expect(h.db.prepare('SELECT count(*) AS n FROM sync_pending_results').get()).toEqual({ n: 0 });

    const again = await h.sync();
    expect(again.sent).toBe(0);
  });

  it('records an answer and its results together: a process that dies in between leaves neither, and the batch goes again', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 250 }, (_, i) => candidate(i)));
    // The process dies while recording the second answer, after its exchange row is written.
    let writes = 0;
    const write = vi
      .spyOn(RecordResultWriter.prototype, 'writeOutcomes')
      .mockImplementation(function (this: RecordResultWriter, ...args: Parameters<RecordResultWriter['writeOutcomes']>) {
        if (++writes === 2) throw new Error('process died');
        original.apply(this, args);
      });
    await expect(h.sync()).rejects.toThrow('process died');
    write.mockRestore();
    // The second answer left no trace; the first (and the third, when it was already on the wire
    // beside the second) were recorded with their results.
    const acks = h.db.prepare("SELECT record_keys FROM exchanges WHERE category = 'candidates' AND status = 200 ORDER BY id").all() as {
      record_keys: string;
    }[];
    const recorded = acks.flatMap((a) => JSON.parse(a.record_keys) as string[]);
    const succeeded = records(h.db, 'candidates').filter((r) => r.sync_status === 'succeeded').map((r) => r.key);
    expect(succeeded.sort()).toEqual([...recorded].sort());
    const lost = h.fake.requests.filter((r) => r.resource === 'candidates')[1].keys;
    expect(lost).toHaveLength(100);
    expect(lost.some((k) => recorded.includes(k))).toBe(false);
    expect(recorded.length).toBeGreaterThanOrEqual(100);

    const resumed = await h.sync();
    const left = 250 - recorded.length;
    expect(resumed).toMatchObject({ sent: left, succeeded: left, skipped: recorded.length, failed: 0 });
    const resent = h.fake.requests.filter((r) => r.resource === 'candidates').slice(-Math.ceil(left / 100)).flatMap((r) => r.keys);
    expect(resent).toEqual(expect.arrayContaining(lost));
    expect(records(h.db, 'candidates').every((r) => r.sync_status === 'succeeded')).toBe(true);
    expect(keyCounts(h.fake, 'candidates').size).toBe(250);
  });

  it('applies results an earlier version stored beside their exchange and never applied', async () => {
    h = await harness();
    insertRecords(h.db, 'candidates', Array.from({ length: 3 }, (_, i) => candidate(i)));
    await h.sync();
    const [first, second] = records(h.db, 'candidates');
    h.db.prepare("UPDATE records SET sync_status = NULL, sync_hash = NULL, synced_at = NULL, sync_exchange_id = NULL WHERE id IN (?, ?)").run(first.id, second.id);
    const { id: exchangeId } = h.db.prepare("SELECT id FROM exchanges WHERE category = 'candidates'").get() as { id: number };
    const pending = {
      at: 1_700_000_000_000, runId: 1, firstPollAt: 1_700_000_000_000,
      items: [[first.id, first.sync_hash, 's'], [second.id, second.sync_hash, 'f', 'Refused', 1]],
    };
    h.db.prepare('INSERT INTO sync_pending_results (exchange_id, results) VALUES (?, ?)').run(exchangeId, JSON.stringify(pending));
    const received = h.fake.requests.length;

    const summary = await h.sync();
    expect(h.db.prepare('SELECT count(*) AS n FROM sync_pending_results').get()).toEqual({ n: 0 });
    const [a, b] = records(h.db, 'candidates');
    expect(a).toMatchObject({ sync_status: 'succeeded', sync_hash: first.sync_hash, sync_exchange_id: exchangeId });
    expect(b).toMatchObject({ sync_status: 'failed', sync_message: 'Refused', sync_rejected_hash: second.sync_hash });
    // Applied before the run decided what to send: the first is up to date, the refused one is not resent unchanged.
    expect(summary).toMatchObject({ sent: 0, skipped: 3 });
    expect(h.fake.requests.length).toBe(received);
  });
});
