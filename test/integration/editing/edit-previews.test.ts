import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection';
import { NO_PROGRESS, previewBulk, previewFixAll, runEditCommand } from '../../../electron/core/editing';
import { idOf, openSeeded, valueOf } from './support/seeded';

const N = 60;
let db: Db;

beforeEach(() => {
  ({ db } = openSeeded({ candidates: N }));
});
afterEach(() => db.close());

describe('setting a value on only the empty cells', () => {
  it('previews how many records it sets, of how many, and how many already have a value', () => {
    // lastName is empty in C0, C17, C34 and C51.
    const p = previewBulk(db, { category: 'candidates' }, { kind: 'set', field: 'lastName', value: 'Unknown', onlyEmpty: true });
    expect(p).toMatchObject({ changedRecords: 4, changedCells: 4, targetRecords: N, alreadyFilled: N - 4, keyRecords: 0 });
    runEditCommand(db, { type: 'bulk', filter: { category: 'candidates' }, action: { kind: 'set', field: 'lastName', value: 'Unknown', onlyEmpty: true } }, NO_PROGRESS);
    expect(valueOf(db, 'C17', 'lastName')).toBe('Unknown');
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jones');
  });

  it('counts the records whose key a change would change', () => {
    const p = previewBulk(db, { category: 'candidates', recordIds: [idOf(db, 'C1'), idOf(db, 'C2')] }, { kind: 'set', field: 'atsCandidateId', value: 'X' });
    expect(p).toMatchObject({ changedRecords: 2, targetRecords: 2, alreadyFilled: 2, keyRecords: 2 });
  });
});

describe('fix all like this, previewed', () => {
  it('counts what it would change and lists the first changes before → after, writing nothing', () => {
    const before = db.prepare('SELECT count(*) FROM operations').pluck().get();
    const p = previewFixAll(db, { rule: 'date-seconds', category: 'candidates' }, 3);
    expect(p.changedRecords).toBe(N / 5);
    expect(p.changedCells).toBe((N / 5) * 2);
    expect(p.changes).toHaveLength(3);
    expect(p.changes[0]).toMatchObject({ key: 'C0', field: 'atsCreatedAt' });
    expect(p.changes[0].after).toBe((p.changes[0].before as number) * 1000);
    expect(db.prepare('SELECT count(*) FROM operations').pluck().get()).toBe(before);
    const done = runEditCommand(db, { type: 'fixAll', rule: 'date-seconds', category: 'candidates' }, NO_PROGRESS).result;
    expect(done.changedCells).toBe(p.changedCells);
  });
});

describe('the words a person reads about an edit', () => {
  it('says "empty", never "null"', async () => {
    const { describeBulk } = await import('../../../electron/core/editing/plan-bulk');
    expect(describeBulk({ kind: 'set', field: 'source', value: null })).toBe('Set source to empty');
    expect(describeBulk({ kind: 'set', field: 'source', value: 'Referral', onlyEmpty: true })).toBe('Set empty source to "Referral"');
  });
});
