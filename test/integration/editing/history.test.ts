import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection';
import { NO_PROGRESS, historyPage, runEditCommand, type EditCommand } from '../../../electron/core/editing';
import { ContractFailure } from '../../../shared/contract/define';
import type { GridFilter } from '../../../shared/contract/records';
import { idOf, openSeeded, snapshot, statusesOf, valueOf } from './support/seeded';

let db: Db;

beforeEach(() => {
  ({ db } = openSeeded({ candidates: 40 }));
});
afterEach(() => db.close());

function run<C extends EditCommand>(c: C) {
  return runEditCommand(db, c, NO_PROGRESS).result;
}

const all: GridFilter = { category: 'candidates' };
const setLast = (key: string, value: string) => run({ type: 'edit', changes: [{ recordId: idOf(db, key), field: 'lastName', value }] });

function refusal(fn: () => unknown): ContractFailure {
  try {
    fn();
  } catch (err) {
    if (err instanceof ContractFailure) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('undo and redo', () => {
  it('undo restores every cell and every check result of a bulk operation, and redo re-applies them', () => {
    const values0 = snapshot(db);
    const status0 = statusesOf(db);
    run({ type: 'fixAll', rule: 'date-seconds', category: 'candidates' });
    const values1 = snapshot(db);
    const status1 = statusesOf(db);
    expect(values1).not.toEqual(values0);
    expect(status1).not.toEqual(status0);

    const undone = run({ type: 'undo' });
    expect(undone.message).toMatch(/^Undid #1: Fixed all/);
    expect(snapshot(db)).toEqual(values0);
    expect(statusesOf(db)).toEqual(status0);

    const redone = run({ type: 'redo' });
    expect(redone.operation?.undone).toBe(false);
    expect(snapshot(db)).toEqual(values1);
    expect(statusesOf(db)).toEqual(status1);
  });

  it('walks back through several operations in order and forward again', () => {
    setLast('C1', 'A');
    setLast('C1', 'B');
    run({ type: 'exclude', filter: { category: 'candidates', recordIds: [idOf(db, 'C1')] }, reason: 'gone' });
    run({ type: 'undo' });
    run({ type: 'undo' });
    expect(valueOf(db, 'C1', 'lastName')).toBe('A');
    expect(db.prepare("SELECT excluded FROM records WHERE key = 'C1'").pluck().get()).toBe(0);
    run({ type: 'redo' });
    expect(valueOf(db, 'C1', 'lastName')).toBe('B');
    run({ type: 'redo' });
    expect(db.prepare("SELECT exclude_reason FROM records WHERE key = 'C1'").pluck().get()).toBe('gone');
    expect(run({ type: 'redo' })).toEqual({ operation: null, changedCells: 0, message: 'Nothing to redo.' });
  });

  it('undoes an exclusion back to the earlier reason', () => {
    const target = { category: 'candidates' as const, recordIds: [idOf(db, 'C2')] };
    run({ type: 'exclude', filter: target, reason: 'first' });
    run({ type: 'exclude', filter: target, reason: 'second' });
    run({ type: 'undo' });
    expect(db.prepare("SELECT excluded, exclude_reason FROM records WHERE key = 'C2'").get()).toEqual({ excluded: 1, exclude_reason: 'first' });
  });

  it('a new operation after an undo ends what can be redone', () => {
    setLast('C1', 'A');
    run({ type: 'undo' });
    setLast('C2', 'B');
    expect(run({ type: 'redo' }).operation).toBeNull();
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jones');
  });

  it('undoes a set of a column named like an Object property, which no record had, back to empty', () => {
    // "constructor" and "toString" are plain column names to a spreadsheet; an empty one must read
    // as empty, never as the function every JS object inherits under that name.
    const values0 = snapshot(db);
    for (const field of ['constructor', 'toString']) {
      const done = run({ type: 'bulk', filter: all, action: { kind: 'fill', field, from: 'firstName', overwrite: false } });
      expect(done.changedCells).toBeGreaterThan(30);
    }
    expect(valueOf(db, 'C1', 'constructor')).toBe(valueOf(db, 'C1', 'firstName'));
    run({ type: 'undo' });
    expect(run({ type: 'undo' }).message).toMatch(/^Undid #1/);
    // Back to empty (an emptied cell is stored as null); every other cell as it was.
    const after = snapshot(db);
    for (const [key, was] of Object.entries(values0)) {
      const [json, rest] = [after[key].slice(0, after[key].indexOf('}|') + 1), after[key].slice(after[key].indexOf('}|') + 1)];
      const { constructor: c, toString: t, ...others } = JSON.parse(json) as Record<string, unknown>;
      expect([c, t]).toEqual([null, null]);
      expect(`${JSON.stringify(others)}${rest}`).toBe(was);
    }
  });

  it('says so when there is nothing to undo', () => {
    expect(run({ type: 'undo' })).toEqual({ operation: null, changedCells: 0, message: 'Nothing to undo.' });
  });

  it('lists every operation newest first with what undo and redo would act on', () => {
    const a = setLast('C1', 'A').operation!;
    const b = run({ type: 'bulk', filter: all, action: { kind: 'transform', field: 'firstName', transform: { name: 'trim' } } }).operation!;
    run({ type: 'undo' });
    const page = historyPage(db);
    expect(page.total).toBe(2);
    expect(page.entries.map((e) => [e.id, e.undone])).toEqual([[b.id, true], [a.id, false]]);
    expect(page.entries[0]).toMatchObject({ kind: 'transform', description: 'Trim spaces in firstName', recordCount: 14, cellCount: 14 });
    expect(page.undo?.id).toBe(a.id);
    expect(page.redo?.id).toBe(b.id);
  });
});

describe('reverting one earlier operation', () => {
  it('reverts it alone when no later operation touched the same cells', () => {
    const first = setLast('C1', 'A').operation!;
    setLast('C2', 'B');
    run({ type: 'bulk', filter: all, action: { kind: 'set', field: 'manualMatchedMember', value: 'urn:li:person:abc123' } });
    const r = run({ type: 'revert', operationId: first.id });
    expect(r.message).toBe(`Reverted #${first.id}: Edited lastName of C1.`);
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jones');
    expect(valueOf(db, 'C2', 'lastName')).toBe('B');
    expect(valueOf(db, 'C2', 'manualMatchedMember')).toBe('urn:li:person:abc123');
    // Undo now acts on the newest operation, not on the reverted one.
    expect(run({ type: 'undo' }).operation?.kind).toBe('set');
  });

  it('refuses when a later operation changed the same cells, naming it', () => {
    const first = setLast('C1', 'A').operation!;
    const later = run({ type: 'bulk', filter: { category: 'candidates', recordIds: [idOf(db, 'C1'), idOf(db, 'C2')] }, action: { kind: 'set', field: 'lastName', value: 'Z' } }).operation!;
    const before = snapshot(db);
    const err = refusal(() => run({ type: 'revert', operationId: first.id }));
    expect(err.code).toBe('OVERLAP');
    expect(err.message).toBe(
      `Cannot revert #${first.id} (Edited lastName of C1): later operation #${later.id} (Set lastName to "Z", 1 cell) changed the same cells. Undo or revert #${later.id} first.`,
    );
    expect(err.details).toEqual({ operations: [{ id: later.id, description: later.description, cells: 1 }] });
    expect(snapshot(db)).toEqual(before);
  });

  it('allows it once the overlapping operation is undone', () => {
    const first = setLast('C1', 'A').operation!;
    setLast('C1', 'B');
    run({ type: 'undo' });
    run({ type: 'revert', operationId: first.id });
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jones');
  });

  it('does not let a reverted operation come back over later changes', () => {
    const first = setLast('C1', 'A').operation!;
    run({ type: 'revert', operationId: first.id });
    setLast('C1', 'C');
    const err = refusal(() => run({ type: 'reapply', operationId: first.id }));
    expect(err.code).toBe('OVERLAP');
    expect(valueOf(db, 'C1', 'lastName')).toBe('C');
  });

  it('re-applies a reverted operation when nothing overlaps', () => {
    const first = setLast('C1', 'A').operation!;
    setLast('C2', 'B');
    run({ type: 'revert', operationId: first.id });
    run({ type: 'reapply', operationId: first.id });
    expect(valueOf(db, 'C1', 'lastName')).toBe('A');
  });

  it('refuses to redo over a cell that an older revert changed since', () => {
    const first = setLast('C1', 'A').operation!;
    setLast('C1', 'B');
    run({ type: 'undo' });
    run({ type: 'revert', operationId: first.id });
    const err = refusal(() => run({ type: 'reapply', operationId: first.id + 1 }));
    expect(err.code).toBe('CHANGED');
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jones');
  });

  it('refuses when a cell was changed outside the history', () => {
    const first = setLast('C1', 'A').operation!;
    db.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', 'Reimported') WHERE record_id IN (SELECT id FROM records WHERE key = 'C1')").run();
    const err = refusal(() => run({ type: 'revert', operationId: first.id }));
    expect(err.code).toBe('CHANGED');
    expect(valueOf(db, 'C1', 'lastName')).toBe('Reimported');
  });

  it('refuses operations that do not exist or are already undone', () => {
    const first = setLast('C1', 'A').operation!;
    run({ type: 'undo' });
    expect(refusal(() => run({ type: 'revert', operationId: first.id })).code).toBe('ALREADY_UNDONE');
    expect(refusal(() => run({ type: 'revert', operationId: 999 })).code).toBe('NOT_FOUND');
  });
});
