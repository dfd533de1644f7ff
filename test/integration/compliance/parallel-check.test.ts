import { copyFileSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkAll, LAST_CHECK_SETTING } from '../../../electron/core/compliance';
import { ScanHelper } from '../../../electron/core/compliance/scan-helper';
import { HELPER_BUSY, HELPER_IDLE, keptHelperThread } from '../../../electron/core/jobs/helper-thread';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { getSetting } from '../../../electron/core/db/settings-table';
import type { Category, FieldValues } from '../../../shared/domain';
import { DAY, NOW, validRecord } from '../../unit/rsc/fixtures';
import { tempDir } from '../../support/temp';
import { editRecord, insertRecord, setExcluded, snapshot } from './workspace';

const SEQUENTIAL = { parallelFrom: Number.POSITIVE_INFINITY };
// The helper takes its first chunk before this thread starts, so it has a share however fast this thread is.
const SHARED = { parallelFrom: 0, helperFirst: true };

let dir = '';
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function workspace(name: string): Db {
  const db = openWorkspaceDb(join(dir, name));
  open.push(db);
  return db;
}

/** A copy of the workspace file, opened on its own connection. */
function copyOf(db: Db, name: string): Db {
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(db.name, join(dir, name));
  return workspace(name);
}

/**
 * ~12,000 linked records stored in shuffled category order, so references point across the
 * split in both directions, with defects, references to records not imported, and exclusions.
 */
function seed(db: Db): number[] {
  let state = 11;
  const rnd = () => ((state = (state * 16807) % 2147483647) / 2147483647);
  const rows: [Category, FieldValues][] = [];
  const N = 3000;
  for (let i = 0; i < N; i++) {
    const defect = rnd() < 0.1 ? Math.floor(rnd() * 4) : -1;
    rows.push(['jobs', { ...validRecord('jobs'), externalJobPostingId: `J${i}`, title: defect === 0 ? '' : `Engineer ${i}` }]);
    rows.push(['candidates', { ...validRecord('candidates'), atsCandidateId: `C${i}`, emailAddresses: defect === 1 ? 'nope' : `c${i}@example.com` }]);
    rows.push([
      'applications',
      {
        ...validRecord('applications'),
        atsJobApplicationId: `A${i}`,
        atsJobPostingId: `J${defect === 2 ? i + N : Math.floor(rnd() * N)}`,
        atsCandidateId: `C${Math.floor(rnd() * N)}`,
        atsCreatedAt: defect === 3 ? Math.floor((NOW - 30 * DAY) / 1000) : NOW - 30 * DAY,
      },
    ]);
    rows.push(['stages', { ...validRecord('stages'), atsJobApplicationId: `A${rnd() < 0.05 ? i + N : i}`, stageId: `S${i}` }]);
  }
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [rows[i], rows[j]] = [rows[j], rows[i]];
  }
  const ids: number[] = [];
  db.transaction(() => {
    for (const [category, values] of rows) ids.push(insertRecord(db, category, values));
  })();
  return ids;
}

/** Key edits that make duplicates (one of each pair on each side of the split) and fix some, exclusions, defects. */
function edit(db: Db, ids: number[], round: number): void {
  const byCategory = (category: Category) =>
    db.prepare('SELECT id FROM records WHERE category = ? ORDER BY id').pluck().all(category) as number[];
  const candidates = byCategory('candidates');
  const jobs = byCategory('jobs');
  const keyOf = (id: number) => db.prepare('SELECT key FROM records WHERE id = ?').pluck().get(id) as string;
  for (let k = 0; k < 40; k++) {
    // A record of the first half takes the key of one in the second, and the other way round.
    const low = candidates[k * 7 + round];
    const high = candidates[candidates.length - 1 - k * 5 - round];
    if (k % 2 === 0) editRecord(db, low, { atsCandidateId: keyOf(high) });
    else editRecord(db, high, { atsCandidateId: keyOf(low) });
  }
  for (let k = 0; k < 20; k++) {
    const job = k % 2 === 0 ? jobs[k * 11 + round] : jobs[jobs.length - 1 - k * 11 - round];
    editRecord(db, job, { externalJobPostingId: `J${k * 13 + 1}` });
  }
  for (let k = 0; k < 30; k++) setExcluded(db, ids[(k * 397 + round * 31) % ids.length], k % 3 !== 0);
  for (let k = 0; k < 50; k++) editRecord(db, ids[(k * 211 + round) % ids.length], { atsCreatedAt: 1_700_000_000 });
}

function stateOf(db: Db): unknown {
  return {
    outcomes: snapshot(db),
    columns: db.prepare('SELECT id, check_hash, check_key, check_parent, check_candidate, checked_at FROM records ORDER BY id').all(),
  };
}

describe('a full check shared with a second thread', () => {
  it('reaches exactly the verdicts of the single-threaded check, first time and after edits', () => {
    dir = tempDir('rscw-parallel-check-');
    const one = workspace('one.rscw');
    const ids = seed(one);
    const two = copyOf(one, 'two.rscw');
    const started = vi.spyOn(ScanHelper, 'start');
    const claims = vi.spyOn(ScanHelper.prototype, 'claim');

    const first = [checkAll(one, { now: NOW, ...SEQUENTIAL }), checkAll(two, { now: NOW, ...SHARED })];
    expect(started).toHaveBeenCalledTimes(1);
    expect(started.mock.results[0].value).toBeInstanceOf(ScanHelper);
    // The helper scanned chunks (at least the first, taken before this thread began); how many this
    // thread took depends on how the two were scheduled.
    const taken = claims.mock.results.filter((r) => r.value !== null).length;
    const chunks = (started.mock.calls[0][1] as { count: number }).count;
    expect(chunks).toBe(6);
    expect(taken).toBeLessThan(chunks);
    expect(first[1]).toMatchObject({ checked: first[0].checked, changed: first[0].changed, threads: 2 });
    expect(first[0].threads).toBe(1);
    expect(first[0].checked).toBe(12_000);
    expect(stateOf(two)).toEqual(stateOf(one));
    // The data has what makes the halves depend on each other.
    const rules = one.prepare('SELECT DISTINCT rule FROM record_issues').pluck().all();
    expect(rules).toEqual(expect.arrayContaining(['job-not-imported', 'application-not-imported', 'email-format', 'date-seconds']));

    for (let round = 1; round <= 2; round++) {
      edit(one, ids, round);
      edit(two, ids, round);
      const again = [checkAll(one, { now: NOW + round, ...SEQUENTIAL }), checkAll(two, { now: NOW + round, ...SHARED })];
      expect(again[1]).toMatchObject({ checked: again[0].checked, changed: again[0].changed });
      expect(again[0].changed).toBeGreaterThan(100);
      expect(stateOf(two), `round ${round}`).toEqual(stateOf(one));
      expect(one.prepare("SELECT count(*) FROM record_issues WHERE rule = 'duplicate-key'").pluck().get()).toBeGreaterThan(40);
    }
    expect(started).toHaveBeenCalledTimes(3);
  });

  it('changes nothing when cancelled while taking the second thread\'s verdicts', () => {
    dir = tempDir('rscw-parallel-check-');
    const db = workspace('w.rscw');
    seed(db);
    checkAll(db, { now: NOW, ...SHARED });
    const before = stateOf(db);
    const setting = getSetting(db, LAST_CHECK_SETTING);
    db.prepare("UPDATE records SET pack_version = 'older'").run();
    // The consultant cancels once this thread is taking the helper's chunks.
    let taking = false;
    const take = ScanHelper.prototype.take;
    vi.spyOn(ScanHelper.prototype, 'take').mockImplementation(function (this: ScanHelper, index) {
      const chunk = take.call(this, index);
      if (chunk) taking = true;
      return chunk;
    });
    const waitFor = ScanHelper.prototype.waitFor;
    vi.spyOn(ScanHelper.prototype, 'waitFor').mockImplementation(function (this: ScanHelper, index) {
      taking = true;
      return waitFor.call(this, index);
    });
    expect(() => checkAll(db, { now: NOW + 9, ...SHARED, isCancelled: () => taking })).toThrow(
      expect.objectContaining({ code: 'CANCELLED' }),
    );
    expect(taking).toBe(true);
    db.prepare("UPDATE records SET pack_version = ?").run(JSON.parse(setting!).packVersion as string);
    expect(stateOf(db)).toEqual(before);
    expect(getSetting(db, LAST_CHECK_SETTING)).toBe(setting);
  });

  it('fails with the second thread\'s reason, and writes nothing, when that thread cannot check its chunk', () => {
    dir = tempDir('rscw-parallel-check-');
    const db = workspace('w.rscw');
    const broken = insertRecord(db, 'jobs', validRecord('jobs'));
    for (let i = 2; i < 40; i++) insertRecord(db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: `J${i}` });
    // Values no JSON reader accepts, in the first chunk: the one the helper takes first.
    db.prepare("UPDATE record_values SET values_json = '{not json' WHERE record_id = ?").run(broken);
    expect(() => checkAll(db, { now: NOW, ...SHARED })).toThrow(/second thread failed: .*JSON/);
    expect(db.prepare("SELECT count(*) FROM records WHERE status <> 'unchecked'").pluck().get()).toBe(0);
    // The helper thread serves the next check as before.
    const kept = keptHelperThread();
    db.prepare("UPDATE record_values SET values_json = ? WHERE record_id = ?").run(JSON.stringify(validRecord('jobs')), broken);
    expect(checkAll(db, { now: NOW, ...SHARED })).toMatchObject({ checked: 39, threads: 2 });
    expect(keptHelperThread()).toBe(kept);
  });

  it('checks everything on this thread when the second cannot open the workspace', () => {
    dir = tempDir('rscw-parallel-check-');
    const one = workspace('one.rscw');
    for (let i = 1; i < 40; i++) insertRecord(one, 'jobs', { ...validRecord('jobs'), externalJobPostingId: `J${i}`, title: i % 3 ? 'T' : '' });
    const two = copyOf(one, 'two.rscw');
    // The helper opens the file by name: gone, it cannot start.
    unlinkSync(two.name);
    const shared = checkAll(two, { now: NOW, ...SHARED });
    expect(shared).toMatchObject({ checked: 39, changed: 39 });
    checkAll(one, { now: NOW, ...SEQUENTIAL });
    expect(stateOf(two)).toEqual(stateOf(one));
  });

  it('keeps its helper thread for the next check, and replaces one that never ends its last scan', () => {
    dir = tempDir('rscw-parallel-check-');
    const db = workspace('w.rscw');
    for (let i = 1; i < 40; i++) insertRecord(db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: `J${i}` });
    expect(checkAll(db, { now: NOW, ...SHARED }).threads).toBe(2);
    const first = keptHelperThread();
    expect(first).not.toBeNull();
    expect(checkAll(db, { now: NOW + 1, ...SHARED }).threads).toBe(2);
    expect(keptHelperThread()).toBe(first);
    // Still busy (as if stuck in the last check's scan): the next check does not wait for it. It
    // marks its last scan ended a moment after the check returns: wait for that, then pretend.
    while (Atomics.load(first!.state, 0) !== HELPER_IDLE) Atomics.wait(first!.state, 0, HELPER_BUSY, 100);
    Atomics.store(first!.state, 0, HELPER_BUSY);
    expect(checkAll(db, { now: NOW + 2, ...SHARED }).threads).toBe(2);
    expect(keptHelperThread()).not.toBe(first);
    expect(keptHelperThread()!.worker.threadId).not.toBe(first!.worker.threadId);
  });

  it('is not used inside a caller\'s transaction, whose writes another connection cannot see', () => {
    dir = tempDir('rscw-parallel-check-');
    const db = workspace('w.rscw');
    const id = insertRecord(db, 'jobs', validRecord('jobs'));
    const started = vi.spyOn(ScanHelper, 'start');
    db.transaction(() => {
      editRecord(db, id, { title: '' });
      checkAll(db, { now: NOW, ...SHARED });
    })();
    expect(started).not.toHaveBeenCalled();
    expect(db.prepare('SELECT status FROM records WHERE id = ?').pluck().get(id)).toBe('error');
  });
});
