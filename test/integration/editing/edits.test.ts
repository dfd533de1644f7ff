import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection';
import { NO_PROGRESS, previewBulk, runEditCommand, type EditCommand } from '../../../electron/core/editing';
import { ContractFailure } from '../../../shared/contract/define';
import type { BulkAction, GridFilter } from '../../../shared/contract/records';
import { candidateValues } from '../records/support/workspace-fixture';
import { idOf, issuesOf, openSeeded, storedResults, valueOf } from './support/seeded';

const N = 60;
let db: Db;

beforeEach(() => {
  ({ db } = openSeeded({ candidates: N, applications: 20 }));
});
afterEach(() => db.close());

function run<C extends EditCommand>(c: C) {
  return runEditCommand(db, c, NO_PROGRESS).result;
}

const all: GridFilter = { category: 'candidates' };

function editsOf(operationId: number) {
  return db.prepare('SELECT record_id, field, before_json, after_json FROM edits WHERE operation_id = ? ORDER BY id').all(operationId) as {
    record_id: number;
    field: string;
    before_json: string;
    after_json: string;
  }[];
}

describe('an inline edit', () => {
  it('changes the value, keeps the original, and logs one operation with one edit', () => {
    const r = run({ type: 'edit', changes: [{ recordId: idOf(db, 'C1'), field: 'lastName', value: 'Jonas' }] });
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jonas');
    const original = db.prepare("SELECT original_json ->> '$.lastName' FROM records_wide WHERE key = 'C1'").pluck().get();
    expect(original).toBe('Jones');
    expect(r.operation).toMatchObject({ kind: 'edit', recordCount: 1, cellCount: 1, categories: ['candidates'], undone: false });
    expect(r.operation?.description).toBe('Edited lastName of C1');
    expect(editsOf(r.operation!.id)).toEqual([{ record_id: idOf(db, 'C1'), field: 'lastName', before_json: '"Jones"', after_json: '"Jonas"' }]);
  });

  it('re-checks the record at once', () => {
    expect(issuesOf(db, 'C17').some((i) => i.rule === 'required-missing' && i.field === 'lastName')).toBe(true);
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'C17'), field: 'lastName', value: 'Novak' }] });
    expect(issuesOf(db, 'C17').some((i) => i.field === 'lastName')).toBe(false);
  });

  it('re-checks the records whose cross-record rules depend on the edited one', () => {
    // Application A3 refers to candidate C3; renaming C3's id orphans it.
    expect(issuesOf(db, 'A3', 'applications').some((i) => i.rule === 'candidate-not-imported')).toBe(false);
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'C3'), field: 'atsCandidateId', value: 'C3-renamed' }] });
    expect(issuesOf(db, 'A3', 'applications').some((i) => i.rule === 'candidate-not-imported')).toBe(true);
  });

  it('leaves every stored result as a full check of the workspace would, after edits of keys and references', async () => {
    const { checkAll } = await import('../../../electron/core/compliance');
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'C3'), field: 'atsCandidateId', value: 'C4' }] });
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'A5', 'applications'), field: 'atsCandidateId', value: 'C999' }] });
    run({ type: 'exclude', filter: { category: 'candidates', recordIds: [idOf(db, 'C4')] }, reason: 'duplicate' });
    run({ type: 'undo' });
    run({ type: 'fixAll', rule: 'date-seconds', category: 'candidates' });
    const afterEdits = storedResults(db);
    checkAll(db);
    expect(storedResults(db)).toEqual(afterEdits);
  });

  it('stores a number typed into a date field as a number', () => {
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'C0'), field: 'atsCreatedAt', value: '1704067200000' }] });
    expect(valueOf(db, 'C0', 'atsCreatedAt')).toBe(1704067200000);
  });

  it('writes nothing when the value is unchanged', () => {
    const r = run({ type: 'edit', changes: [{ recordId: idOf(db, 'C1'), field: 'lastName', value: 'Jones' }] });
    expect(r.operation).toBeNull();
    expect(db.prepare('SELECT count(*) FROM operations').pluck().get()).toBe(0);
  });

  it('records a pasted range as one operation', () => {
    const r = run({
      type: 'edit',
      changes: [
        { recordId: idOf(db, 'C1'), field: 'firstName', value: 'A' },
        { recordId: idOf(db, 'C1'), field: 'lastName', value: 'B' },
        { recordId: idOf(db, 'C2'), field: 'firstName', value: 'C' },
      ],
    });
    expect(r).toMatchObject({ changedCells: 3, changedRecords: 2 });
    expect(r.operation?.description).toBe('Edited 3 cells in 2 records');
  });

  it('refuses unknown records and pseudo-fields before changing anything', () => {
    expect(() => run({ type: 'edit', changes: [{ recordId: 1, field: 'firstName', value: 'x' }, { recordId: 99999, field: 'firstName', value: 'x' }] })).toThrow(
      'no longer exists',
    );
    expect(valueOf(db, 'C0', 'firstName')).toBe(candidateValues(0).firstName);
    expect(() => run({ type: 'edit', changes: [{ recordId: 1, field: '$excluded', value: 'x' }] })).toThrow(ContractFailure);
  });
});

describe('bulk operations', () => {
  it('set a value on every record of the filter', () => {
    const r = run({ type: 'bulk', filter: { category: 'candidates', rule: 'date-seconds' }, action: { kind: 'set', field: 'manualMatchedMember', value: 'urn:li:person:abc123' } });
    expect(r.changedRecords).toBe(N / 5);
    expect(valueOf(db, 'C5', 'manualMatchedMember')).toBe('urn:li:person:abc123');
    expect(valueOf(db, 'C6', 'manualMatchedMember')).toBeNull();
  });

  it('set a value on a selection only', () => {
    const ids = [idOf(db, 'C2'), idOf(db, 'C4')];
    const r = run({ type: 'bulk', filter: { category: 'candidates', recordIds: ids }, action: { kind: 'set', field: 'lastName', value: 'Same' } });
    expect(r.changedRecords).toBe(2);
    expect([valueOf(db, 'C2', 'lastName'), valueOf(db, 'C3', 'lastName'), valueOf(db, 'C4', 'lastName')]).toEqual(['Same', 'Novak', 'Same']);
  });

  it('clear a field, leaving already-empty cells out of the operation', () => {
    const r = run({ type: 'bulk', filter: all, action: { kind: 'clear', field: 'lastName' } });
    expect(r.changedCells).toBe(N - Math.ceil(N / 17));
    expect(valueOf(db, 'C1', 'lastName')).toBeNull();
  });

  it('find and replace plain text in one field', () => {
    const r = run({ type: 'bulk', filter: all, action: { kind: 'replace', field: 'externalProfileUrl', find: 'ATS.example', replace: 'ats.sample' } });
    expect(r.changedCells).toBe(N);
    expect(valueOf(db, 'C1', 'externalProfileUrl')).toBe('https://ats.sample.com/candidates/1');
    expect(valueOf(db, 'C1', 'emailAddresses')).toBe('ben.jones1@example.com');
  });

  it('find and replace with a regular expression and groups', () => {
    run({ type: 'bulk', filter: all, action: { kind: 'replace', field: 'externalProfileUrl', find: '^ats\\.example\\.com/(.*)$', replace: 'https://ats.example.com/$1', regex: true } });
    expect(valueOf(db, 'C13', 'externalProfileUrl')).toBe('https://ats.example.com/candidates/13');
    expect(issuesOf(db, 'C13').some((i) => i.rule === 'url-format')).toBe(false);
  });

  it('find and replace across every field', () => {
    const r = run({ type: 'bulk', filter: { category: 'candidates', recordIds: [idOf(db, 'C1')] }, action: { kind: 'replace', find: 'jones', replace: 'Jonas' } });
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jonas');
    expect(valueOf(db, 'C1', 'emailAddresses')).toBe('ben.Jonas1@example.com');
    expect(r.changedCells).toBe(2);
  });

  it('find and replace limited to failing rows of a field', () => {
    const r = run({ type: 'bulk', filter: all, action: { kind: 'replace', field: 'externalProfileUrl', find: 'candidates', replace: 'people', onlyFailing: true } });
    expect(r.changedRecords).toBe(Math.ceil(N / 13));
    expect(valueOf(db, 'C13', 'externalProfileUrl')).toBe('ats.example.com/people/13');
    expect(valueOf(db, 'C1', 'externalProfileUrl')).toBe('https://ats.example.com/candidates/1');
  });

  it('refuse an invalid regular expression with its reason', () => {
    expect(() => run({ type: 'bulk', filter: all, action: { kind: 'replace', find: '(', replace: '', regex: true } })).toThrow(/Invalid regular expression/);
  });

  it('run a transform and report the cells it could not convert', () => {
    const r = run({ type: 'bulk', filter: all, action: { kind: 'transform', field: 'firstName', transform: { name: 'trim' } } });
    expect(r.changedCells).toBe(N / 3);
    expect(valueOf(db, 'C3', 'firstName')).toBe('Dmitri');
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'C1'), field: 'atsCreatedAt', value: 'not a date' }] });
    const dates = run({ type: 'bulk', filter: { category: 'candidates', rule: 'date-seconds' }, action: { kind: 'transform', field: 'atsCreatedAt', transform: { name: 'secondsToMillis' } } });
    expect(dates.changedCells).toBe(N / 5);
    const bad = run({ type: 'bulk', filter: { category: 'candidates', recordIds: [idOf(db, 'C1')] }, action: { kind: 'transform', field: 'atsCreatedAt', transform: { name: 'secondsToMillis' } } });
    expect(bad.operation).toBeNull();
    expect(bad.skipReasons).toEqual([{ reason: '"not a date" is not a number of seconds', count: 1 }]);
  });

  it('refuse a transform with an invalid option before changing anything', () => {
    expect(() => run({ type: 'bulk', filter: all, action: { kind: 'transform', field: 'atsCreatedAt', transform: { name: 'parseDate', format: 'dd/MM/yyyy', zone: 'Nowhere/City' } } })).toThrow(
      /not a time zone/,
    );
  });

  it('fill empty cells from another field', () => {
    const r = run({ type: 'bulk', filter: all, action: { kind: 'fill', field: 'lastName', from: 'firstName' } });
    expect(r.changedCells).toBe(Math.ceil(N / 17));
    expect(valueOf(db, 'C17', 'lastName')).toBe(candidateValues(17).firstName);
    expect(valueOf(db, 'C1', 'lastName')).toBe('Jones');
  });

  it('fill from an unmapped source column, overwriting when asked', () => {
    const r = run({ type: 'bulk', filter: all, action: { kind: 'fill', field: 'lastName', from: 'Recruiter', fromSource: true, overwrite: true } });
    expect(r.changedCells).toBe(N);
    expect(valueOf(db, 'C21', 'lastName')).toBe('Recruiter 1');
  });

  it('preview exactly what applying changes, with the count, and write nothing', () => {
    const action: BulkAction = { kind: 'transform', field: 'emailAddresses', transform: { name: 'lowercaseEmails' } };
    const before = db.prepare('SELECT count(*) FROM edits').pluck().get();
    const preview = previewBulk(db, all, action, 5);
    expect(db.prepare('SELECT count(*) FROM edits').pluck().get()).toBe(before);
    expect(preview.changes.length).toBe(5);
    expect(preview.changes[0]).toEqual({ recordId: idOf(db, 'C3'), key: 'C3', field: 'emailAddresses', before: 'DMITRI.NOVAK3@EXAMPLE.COM', after: 'dmitri.novak3@example.com' });
    const r = run({ type: 'bulk', filter: all, action });
    expect(r.changedCells).toBe(preview.changedCells);
    expect(editsOf(r.operation!.id).slice(0, 5).map((e) => e.after_json)).toEqual(preview.changes.map((c) => JSON.stringify(c.after)));
  });
});

describe('a transform', () => {
  it('stores exactly the value its preview showed, spaces included', () => {
    run({ type: 'edit', changes: [{ recordId: idOf(db, 'C1'), field: 'emailAddresses', value: ' Zoe@Example.com ' }] });
    const one: GridFilter = { category: 'candidates', recordIds: [idOf(db, 'C1')] };
    const lower: BulkAction = { kind: 'transform', field: 'emailAddresses', transform: { name: 'changeCase', mode: 'lower' } };
    expect(previewBulk(db, one, lower, 5).changes.map((c) => [c.before, c.after])).toEqual([[' Zoe@Example.com ', ' zoe@example.com ']]);
    run({ type: 'bulk', filter: one, action: lower });
    expect(valueOf(db, 'C1', 'emailAddresses')).toBe(' zoe@example.com ');

    const trim: BulkAction = { kind: 'transform', field: 'emailAddresses', transform: { name: 'trim' } };
    expect(previewBulk(db, one, trim, 5).changes.map((c) => c.after)).toEqual(['zoe@example.com']);
    run({ type: 'bulk', filter: one, action: trim });
    expect(valueOf(db, 'C1', 'emailAddresses')).toBe('zoe@example.com');
  });
});

describe('fixes', () => {
  it("apply one record's fix and re-check it", () => {
    const r = run({ type: 'applyFix', recordId: idOf(db, 'C13'), rule: 'url-format' });
    expect(r.changedCells).toBe(1);
    expect(valueOf(db, 'C13', 'externalProfileUrl')).toBe('https://ats.example.com/candidates/13');
    expect(issuesOf(db, 'C13').some((i) => i.rule === 'url-format')).toBe(false);
    expect(r.operation?.kind).toBe('fix');
  });

  it('refuse a rule the record has no fixable issue of', () => {
    expect(() => run({ type: 'applyFix', recordId: idOf(db, 'C1'), rule: 'url-format' })).toThrow(/no issue "url-format"/);
  });

  it('fix every record with the same issue in one operation', () => {
    const count = db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'date-seconds'").pluck().get() as number;
    const r = run({ type: 'fixAll', rule: 'date-seconds', category: 'candidates' });
    expect(r.changedCells).toBe(count);
    expect(r.changedRecords).toBe(N / 5);
    expect(db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'date-seconds'").pluck().get()).toBe(0);
    expect(valueOf(db, 'C5', 'atsCreatedAt')).toBe((candidateValues(5).atsCreatedAt as number) * 1000);
    expect(db.prepare('SELECT count(*) FROM operations').pluck().get()).toBe(1);
  });

  it('fix all within a view only', () => {
    const r = run({ type: 'fixAll', rule: 'date-seconds', filter: { category: 'candidates', recordIds: [idOf(db, 'C5'), idOf(db, 'C6')] } });
    expect(r.changedRecords).toBe(1);
  });
});

describe('exclusion', () => {
  it('excludes records with a reason as an operation, and includes them again', () => {
    const ids = [idOf(db, 'C11'), idOf(db, 'C22')];
    const ex = run({ type: 'exclude', filter: { category: 'candidates', recordIds: ids }, reason: 'No email in the ATS' });
    expect(ex.operation).toMatchObject({ kind: 'exclude', recordCount: 2, description: 'Excluded: No email in the ATS' });
    const rows = db.prepare('SELECT key, excluded, exclude_reason FROM records WHERE id IN (?, ?) ORDER BY id').all(...ids);
    expect(rows).toEqual([
      { key: 'C11', excluded: 1, exclude_reason: 'No email in the ATS' },
      { key: 'C22', excluded: 1, exclude_reason: 'No email in the ATS' },
    ]);
    expect(editsOf(ex.operation!.id).map((e) => [e.field, e.before_json, e.after_json])).toEqual([
      ['$excluded', 'null', '"No email in the ATS"'],
      ['$excluded', 'null', '"No email in the ATS"'],
    ]);
    const inc = run({ type: 'include', filter: { category: 'candidates', status: 'excluded' } });
    expect(inc.changedRecords).toBe(2);
    expect(db.prepare('SELECT count(*) FROM records WHERE excluded = 1').pluck().get()).toBe(0);
  });
});

describe('a bulk operation over most of a large workspace', () => {
  it('re-checks with a full check whose results match a fresh check of every record', async () => {
    const { FULL_CHECK_MIN } = await import('../../../electron/core/editing/recheck');
    const { checkAll } = await import('../../../electron/core/compliance');
    db.close();
    ({ db } = openSeeded({ candidates: FULL_CHECK_MIN + 100 }));
    const missing = () => db.prepare("SELECT count(*) FROM record_issues WHERE rule = 'email-or-person-required'").pluck().get();
    expect(missing()).toBeGreaterThan(0);
    const r = run({ type: 'bulk', filter: all, action: { kind: 'set', field: 'manualMatchedMember', value: 'urn:li:person:abc123' } });
    expect(r.changedRecords).toBe(FULL_CHECK_MIN + 100);
    expect(missing()).toBe(0);
    const afterEdit = storedResults(db);
    checkAll(db);
    expect(storedResults(db)).toEqual(afterEdit);
  });
});

describe('a cancelled bulk operation', () => {
  it('leaves the workspace exactly as it was', async () => {
    const { snapshot } = await import('./support/seeded');
    const { PROGRESS_BATCH } = await import('../../../electron/core/editing/progress');
    db.close();
    ({ db } = openSeeded({ candidates: PROGRESS_BATCH + 10 }));
    const before = snapshot(db);
    let batches = 0;
    const cancelling = {
      progress: () => undefined,
      throwIfCancelled: () => {
        if (++batches === 1) throw new ContractFailure('CANCELLED', 'Cancelled: nothing was changed.');
      },
    };
    expect(() =>
      runEditCommand(db, { type: 'bulk', filter: all, action: { kind: 'set', field: 'lastName', value: 'X' } }, cancelling),
    ).toThrow('Cancelled');
    expect(snapshot(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM operations').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM edits').pluck().get()).toBe(0);
  });
});
