import { createHash } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { checkAll } from '../../../electron/core/compliance';
import { runEditCommand, type EditCommand, type EditOptions, type EditProgress } from '../../../electron/core/editing';
import { ChunkHelper, keptHelperThread } from '../../../electron/core/jobs/helper-thread';
import { NO_PROGRESS } from '../../../electron/core/editing/progress';
import { tempDir } from '../../support/temp';
import { openSeeded, storedResults } from './support/seeded';

// A large bulk action is planned and checked on two threads (bulk-pipeline.ts). It must write
// exactly what the one-thread path writes: values, results, issues, the edit log, the operation.
const ONE_THREAD: EditOptions = { sharedFrom: Number.POSITIVE_INFINITY };
// The helper takes its first chunk before this thread starts, so it has a share however fast this thread is.
const SHARED: EditOptions = { sharedFrom: 0, helperFirst: true };

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  vi.restoreAllMocks();
});

/** Two copies of one checked workspace: 10,000 candidates (four chunks), jobs and applications. */
function twoCopies(): [Db, Db] {
  const { db, file } = openSeeded({ candidates: 10_000, jobs: 40, applications: 3_000 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const second = join(tempDir('rscw-shared-bulk-'), 'copy.rscw');
  copyFileSync(file, second);
  const dbs: [Db, Db] = [openWorkspaceDb(file), openWorkspaceDb(second)];
  open.push(...dbs);
  return dbs;
}

/** Everything an edit writes (edit rows after `editsAfter`), without the clock times (each copy ran at its own moment). */
function stateOf(db: Db, editsAfter = 0): unknown {
  const all = (sql: string) => db.prepare(sql).raw().all();
  return {
    records: all(
      `SELECT id, key, values_json, status, error_count, warning_count, info_count, excluded, exclude_reason, check_hash,
              check_key, check_parent, check_candidate FROM records_wide ORDER BY id`,
    ),
    issues: all('SELECT record_id, rule, field, severity, message, fix_json FROM record_issues ORDER BY record_id, rule, field, message'),
    edits: db.prepare('SELECT id, operation_id, record_id, field, before_json, after_json FROM edits WHERE id > ? ORDER BY id').raw().all(editsAfter),
    operations: all('SELECT id, kind, description, record_count, undone, details_json FROM operations ORDER BY id'),
  };
}

/** stateOf(actual) equals stateOf(expected): compared by digest first, as deep equality of ~100,000 rows is slow. */
function expectSameState(actual: Db, expected: Db, name: string, editsAfter: number): void {
  const [a, e] = [stateOf(actual, editsAfter), stateOf(expected, editsAfter)];
  const digest = (state: unknown) => createHash('sha256').update(JSON.stringify(state)).digest('hex');
  if (digest(a) !== digest(e)) expect(a, name).toEqual(e);
}

function withoutTimes(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result, (key, value: unknown) => (key === 'createdAt' ? undefined : value)));
}

describe('a bulk action shared with a second thread', () => {
  it('writes exactly what one thread writes, through key edits, re-checks, undo and redo', () => {
    const [one, two] = twoCopies();
    const started = vi.spyOn(ChunkHelper.prototype, 'waitUntilStarted');
    // Chunks this thread received from the helper.
    let received = 0;
    const take = ChunkHelper.prototype.take;
    vi.spyOn(ChunkHelper.prototype, 'take').mockImplementation(function (this: ChunkHelper<unknown>, index) {
      const chunk = take.call(this, index);
      if (chunk) received++;
      return chunk;
    });
    const waitFor = ChunkHelper.prototype.waitFor;
    vi.spyOn(ChunkHelper.prototype, 'waitFor').mockImplementation(function (this: ChunkHelper<unknown>, index) {
      received++;
      return waitFor.call(this, index);
    });
    const candidates = { category: 'candidates' } as const;
    const steps: [string, EditCommand][] = [
      ['set', { type: 'bulk', filter: candidates, action: { kind: 'set', field: 'lastName', value: 'Okafor' } }],
      ['transform', {
        type: 'bulk', filter: candidates, action: { kind: 'transform', field: 'atsCreatedAt', transform: { name: 'secondsToMillis' } },
      }],
      ['transform with skipped cells', {
        type: 'bulk', filter: candidates,
        action: { kind: 'transform', field: 'atsLastModifiedAt', transform: { name: 'parseDate', format: 'yyyy-MM-dd', zone: 'UTC' } },
      }],
      ['fix all', { type: 'fixAll', rule: 'date-seconds', category: 'candidates' }],
      ['fix all on a field in a view', {
        type: 'fixAll', rule: 'url-format', field: 'externalProfileUrl', filter: { category: 'candidates', status: 'error' },
      }],
      ['replace in every field', { type: 'bulk', filter: candidates, action: { kind: 'replace', find: 'example.com', replace: 'example.org' } }],
      ['fill from a source column', {
        type: 'bulk', filter: candidates, action: { kind: 'fill', field: 'manualMatchedMember', from: 'Recruiter', fromSource: true, overwrite: false },
      }],
      ['clear on a filter', { type: 'bulk', filter: { category: 'candidates', status: 'error' }, action: { kind: 'clear', field: 'firstName' } }],
      // Keys that collide with others: these records are settled by the re-check after the write.
      ['key edits making duplicates', {
        type: 'bulk', filter: candidates, action: { kind: 'replace', field: 'atsCandidateId', find: '^C1(\\d\\d)$', replace: 'C2$1', regex: true },
      }],
      ['undo', { type: 'undo' }],
      ['redo', { type: 'redo' }],
      // Every application's reference changes: a full re-check.
      ['references', { type: 'bulk', filter: { category: 'applications' }, action: { kind: 'set', field: 'atsJobPostingId', value: 'J999' } }],
      ['undo again', { type: 'undo' }],
      // An operation picked from the history: the first, the set.
      ['revert', { type: 'revert', operationId: 1 }],
      ['reapply', { type: 'reapply', operationId: 1 }],
      ['exclude', { type: 'exclude', filter: { category: 'candidates', search: 'C2' }, reason: 'Duplicates' }],
      ['undo the exclusion', { type: 'undo' }],
      // The oldest undone operation after the newest in effect: the references set, undone above.
      ['redo the references', { type: 'redo' }],
    ];
    const outcomes = new Map<string, ReturnType<typeof runEditCommand>>();
    const run = (db: Db, command: EditCommand, options: EditOptions) => {
      try {
        return runEditCommand(db, command, NO_PROGRESS, options);
      } catch (err) {
        return { failed: String(err) } as unknown as ReturnType<typeof runEditCommand>;
      }
    };
    // Edit rows are never rewritten: each step compares the ones it added.
    let editsSeen = 0;
    for (const [name, command] of steps) {
      const a = run(one, command, ONE_THREAD);
      const b = run(two, command, SHARED);
      expect(withoutTimes(b), name).toEqual(withoutTimes(a));
      expect(a, name).not.toHaveProperty('failed');
      expectSameState(two, one, name, editsSeen);
      editsSeen = one.prepare('SELECT coalesce(max(id), 0) FROM edits').pluck().get() as number;
      if (name === 'key edits making duplicates') {
        expect(one.prepare("SELECT count(*) FROM record_issues WHERE rule = 'duplicate-key'").pluck().get()).toBeGreaterThan(100);
      }
      outcomes.set(name, a);
    }
    // Every bulk step, fix all, undo, redo, revert and reapply ran on two threads, and this thread
    // wrote chunks the helper planned in each (the exclusion is one-thread work).
    const shared = steps.filter(([, c]) => c.type !== 'exclude').length;
    expect(started).toHaveBeenCalledTimes(shared);
    expect(received).toBeGreaterThanOrEqual(shared);

    // A cell changed outside the history (as by a re-import): both refuse the undo, alike, and write nothing.
    for (const db of [one, two]) {
      const [recordId, field] = db
        .prepare('SELECT record_id, field FROM edits WHERE operation_id = (SELECT max(id) FROM operations WHERE undone = 0) ORDER BY id DESC LIMIT 1')
        .raw()
        .get() as [number, string];
      db.prepare('UPDATE record_values SET values_json = json_set(values_json, ?, ?) WHERE record_id = ?').run(`$.${field}`, 'Re-imported', recordId);
    }
    const before = stateOf(two);
    const a = run(one, { type: 'undo' }, ONE_THREAD);
    const b = run(two, { type: 'undo' }, SHARED);
    expect(b).toEqual(a);
    expect(String((a as unknown as { failed: string }).failed)).toMatch(/1 of its cells has changed outside the history/);
    expect(stateOf(two)).toEqual(before);
    // The data exercised what the steps were meant to.
    expect((outcomes.get('transform')!.result as { changedRecords: number }).changedRecords).toBe(2_000);
    expect((outcomes.get('transform with skipped cells')!.result as { skipped: number }).skipped).toBe(2_000);
    expect((outcomes.get('fill from a source column')!.result as { changedRecords: number }).changedRecords).toBe(10_000);
    expect((outcomes.get('fix all')!.result as { changedRecords: number }).changedRecords).toBe(2_000);
    expect((outcomes.get('fix all on a field in a view')!.result as { changedRecords: number }).changedRecords).toBeGreaterThan(100);
    expect(outcomes.get('references')!.categories).toEqual(expect.arrayContaining(['applications']));
  });

  it('counts a record whose exclusion a shared undo lifted when another takes its key, as a full check does', () => {
    const [db] = twoCopies();
    const id = (key: string) => db.prepare("SELECT id FROM records WHERE category = 'candidates' AND key = ?").pluck().get(key) as number;
    const edit = (key: string, value: string) =>
      runEditCommand(db, { type: 'edit', changes: [{ recordId: id(key), field: 'atsCandidateId', value }] }, NO_PROGRESS, ONE_THREAD);
    // C5 (a key of its own) is excluded, then included again by a shared undo.
    runEditCommand(db, { type: 'exclude', filter: { category: 'candidates', recordIds: [id('C5')] }, reason: 'Later' }, NO_PROGRESS, ONE_THREAD);
    runEditCommand(db, { type: 'undo' }, NO_PROGRESS, SHARED);
    // Another record takes its key: the targeted re-check counts the active records holding it from its index.
    edit('C6', 'C5');
    expect(db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'duplicate-key' AND record_id IN (?, ?)").pluck().get(id('C5'), id('C6'))).toBe(2);
    const results = storedResults(db);
    checkAll(db);
    expect(storedResults(db)).toEqual(results);
  });

  it('changes nothing when cancelled while writing the chunks', () => {
    const [db] = twoCopies();
    const before = stateOf(db);
    let written = 0;
    const progress: EditProgress = {
      progress: (_done, _total, message) => {
        if (message === 'Writing') written++;
      },
      throwIfCancelled: () => {
        if (written >= 2) throw Object.assign(new Error('Cancelled'), { code: 'CANCELLED' });
      },
    };
    const set: EditCommand = { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'set', field: 'lastName', value: 'Okafor' } };
    expect(() => runEditCommand(db, set, progress, SHARED)).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(written).toBe(2);
    expect(stateOf(db)).toEqual(before);
    // The helper thread serves the next edit.
    expect(runEditCommand(db, set, NO_PROGRESS, SHARED).result.changedRecords).toBe(10_000);
  });

  it('fails with the second thread\'s reason, and writes nothing, when that thread cannot plan its chunk', () => {
    const [db] = twoCopies();
    const first = db.prepare("SELECT min(id) FROM records WHERE category = 'candidates'").pluck().get() as number;
    // Source cells SQLite cannot read, in the first chunk: the one the helper takes first.
    db.prepare("UPDATE record_sources SET source_json = '{not json' WHERE record_id = ?").run(first);
    const before = stateOf(db);
    const fill: EditCommand = {
      type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'fill', field: 'manualMatchedMember', from: 'Recruiter', fromSource: true, overwrite: true },
    };
    expect(() => runEditCommand(db, fill, NO_PROGRESS, SHARED)).toThrow(/edit's second thread failed: .*JSON/);
    expect(stateOf(db)).toEqual(before);
  });

  it('shares the check\'s helper thread, and is not used inside a caller\'s transaction', () => {
    const [db] = twoCopies();
    checkAll(db, { parallelFrom: 0, helperFirst: true });
    const kept = keptHelperThread();
    expect(kept).not.toBeNull();
    const started = vi.spyOn(ChunkHelper.prototype, 'waitUntilStarted');
    const set: EditCommand = { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'set', field: 'lastName', value: 'Okafor' } };
    runEditCommand(db, set, NO_PROGRESS, SHARED);
    expect(started).toHaveBeenCalledTimes(1);
    expect(keptHelperThread()).toBe(kept);
    db.transaction(() => runEditCommand(db, { ...set, action: { kind: 'set', field: 'lastName', value: 'Silva' } }, NO_PROGRESS, SHARED))();
    expect(started).toHaveBeenCalledTimes(1);
    expect(db.prepare("SELECT count(*) FROM records_wide WHERE category = 'candidates' AND values_json ->> '$.lastName' = 'Silva'").pluck().get()).toBe(10_000);
  });
});
