import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection';
import { checkAll } from '../../../electron/core/compliance';
import { NO_PROGRESS, runEditCommand, type EditCommand } from '../../../electron/core/editing';
import { idOf, openSeeded, storedResults } from './support/seeded';

// Edits decide most records' new results in memory, from the stored cross-record issues; the
// rest go through the engine's re-check. Either way, a full check afterwards must leave every
// stored result (status, counts, issues, fingerprint, keys) as it is: they are already current.
let db: Db;

beforeEach(() => {
  ({ db } = openSeeded({ candidates: 60, jobs: 12, applications: 80 }));
});

afterEach(() => db.close());

function run(c: EditCommand): void {
  runEditCommand(db, c, NO_PROGRESS);
}

function fingerprints(): Record<number, string> {
  const rows = db
    .prepare('SELECT id, check_hash, check_key, check_parent, check_candidate, checked_at IS NOT NULL AS checked FROM records')
    .raw()
    .all() as [number, string, string | null, string | null, string | null, number][];
  return Object.fromEntries(rows.map(([id, ...rest]) => [id, rest.join('|')]));
}

function expectCurrent(): void {
  const results = storedResults(db);
  const hashes = fingerprints();
  checkAll(db);
  expect(storedResults(db)).toEqual(results);
  expect(fingerprints()).toEqual(hashes);
}

describe('results written by edits', () => {
  it('match a full check after value, key, reference and exclusion edits, undo and redo', () => {
    const c1 = idOf(db, 'C1');
    const c2 = idOf(db, 'C2');
    const steps: EditCommand[] = [
      { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'set', field: 'lastName', value: 'Okafor' } },
      { type: 'edit', changes: [{ recordId: c1, field: 'atsCandidateId', value: 'C2' }] },
      { type: 'exclude', filter: { category: 'candidates', recordIds: [c2] }, reason: 'Duplicate' },
      { type: 'include', filter: { category: 'candidates', recordIds: [c2] } },
      { type: 'exclude', filter: { category: 'candidates' }, reason: 'Not this time' },
      { type: 'undo' },
      { type: 'bulk', filter: { category: 'applications', search: 'A1' }, action: { kind: 'set', field: 'atsJobPostingId', value: 'J999' } },
      { type: 'edit', changes: [{ recordId: idOf(db, 'J0', 'jobs'), field: 'externalJobPostingId', value: 'J0-renamed' }] },
      // Records whose stored cross-record issues (job not imported) carry over unchanged.
      { type: 'bulk', filter: { category: 'applications' }, action: { kind: 'set', field: 'source', value: 'Agency' } },
      { type: 'fixAll', rule: 'date-seconds', category: 'candidates' },
      { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'replace', find: 'example.com', replace: 'example.org' } },
      { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'transform', field: 'firstName', transform: { name: 'trim' } } },
      { type: 'undo' },
      { type: 'undo' },
      { type: 'redo' },
      { type: 'edit', changes: [{ recordId: c1, field: 'atsCandidateId', value: 'C1' }] },
    ];
    for (const step of steps) {
      run(step);
      expectCurrent();
    }
    const orphans = db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'job-not-imported'").pluck().get() as number;
    expect(orphans).toBeGreaterThan(1);
  });

  it('keep duplicate keys counted when one holder of a shared key is excluded and included again', () => {
    const c3 = idOf(db, 'C3');
    const c4 = idOf(db, 'C4');
    run({ type: 'edit', changes: [{ recordId: c3, field: 'atsCandidateId', value: 'C4' }] });
    const duplicates = () => db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'duplicate-key'").pluck().get();
    expect(duplicates()).toBe(2);
    run({ type: 'exclude', filter: { category: 'candidates', recordIds: [c4] }, reason: 'Older copy' });
    expect(duplicates()).toBe(0);
    expectCurrent();
    run({ type: 'include', filter: { category: 'candidates', recordIds: [c4] } });
    expect(duplicates()).toBe(2);
    expectCurrent();
  });
});
