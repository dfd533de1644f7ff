import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAll, recheckRecords, InsertChecker, LAST_CHECK_SETTING } from '../../../electron/core/compliance';
import { setColumnFormat } from '../../../electron/core/compliance/check-context';
import { setSetting, getSetting } from '../../../electron/core/db/settings-table';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import type { FieldValues } from '../../../shared/domain';
import { validRecord, NOW } from '../../unit/rsc/fixtures';
import { editRecord, insertRecord, setExcluded, snapshot, stored, tempWorkspace, type TempWorkspace } from './workspace';
import { recordInserter } from '../../support/record-rows';

let ws: TempWorkspace;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.close());

function seedOneOfEach(): Record<'job' | 'candidate' | 'application' | 'stage', number> {
  return {
    job: insertRecord(ws.db, 'jobs', validRecord('jobs')),
    candidate: insertRecord(ws.db, 'candidates', validRecord('candidates')),
    application: insertRecord(ws.db, 'applications', validRecord('applications')),
    stage: insertRecord(ws.db, 'stages', validRecord('stages')),
  };
}

describe('a full check', () => {
  it('stores each record\'s status, counts, pack version, time and issues', () => {
    const ids = seedOneOfEach();
    const broken = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'JOB-2', title: '', listedAt: 1_736_899_200 });
    const result = checkAll(ws.db, { now: NOW });

    expect(result).toMatchObject({ checked: 5, changed: 5, packVersion: RULE_PACK_VERSION, checkedAt: NOW, timeZone: 'UTC' });
    expect(stored(ws.db, ids.job)).toEqual({
      status: 'compliant', error_count: 0, warning_count: 0, info_count: 1, pack_version: RULE_PACK_VERSION, checked_at: NOW,
      rules: ['field-unsupported'],
    });
    expect(stored(ws.db, ids.stage)).toMatchObject({ status: 'compliant', rules: [] });
    expect(stored(ws.db, broken)).toMatchObject({
      status: 'error', error_count: 2, warning_count: 0, info_count: 1, rules: ['required-missing', 'field-unsupported', 'date-seconds'],
    });
  });

  it('stores the machine fix with the issue', () => {
    const id = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), integrationContext: '1234' });
    checkAll(ws.db, { now: NOW });
    const fix = ws.db.prepare("SELECT fix_json FROM record_issues WHERE record_id = ? AND rule = 'organization-urn-format'").pluck().get(id);
    expect(JSON.parse(fix as string)).toEqual({ label: 'Prefix urn:li:organization:', field: 'integrationContext', value: 'urn:li:organization:1234' });
  });

  it('marks a record with only warnings as "warning", which does not block', () => {
    seedOneOfEach();
    const id = insertRecord(ws.db, 'applications', { ...validRecord('applications'), atsJobApplicationId: 'A2', media: null });
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, id)).toMatchObject({ status: 'warning', error_count: 0, warning_count: 1, rules: ['available-missing'] });
  });

  it('warns about references to records that were not imported, whatever order the records are stored in', () => {
    const stage = insertRecord(ws.db, 'stages', validRecord('stages'));
    const orphan = insertRecord(ws.db, 'stages', { ...validRecord('stages'), atsJobApplicationId: 'A404', stageId: 'S1' });
    const application = insertRecord(ws.db, 'applications', { ...validRecord('applications'), atsCandidateId: 'C404' });
    insertRecord(ws.db, 'candidates', validRecord('candidates'));
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, stage).rules).toEqual([]);
    expect(stored(ws.db, orphan).rules).toEqual(['application-not-imported']);
    expect(stored(ws.db, application).rules.sort()).toEqual(['candidate-not-imported', 'job-not-imported']);
  });

  it('reports a key shared by two records after an edit as an error on both, and not once one is excluded', () => {
    const a = insertRecord(ws.db, 'candidates', validRecord('candidates'));
    const b = insertRecord(ws.db, 'candidates', { ...validRecord('candidates'), atsCandidateId: 'C2' });
    editRecord(ws.db, b, { atsCandidateId: ' C1 ' });
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, a).rules).toEqual(['duplicate-key']);
    expect(stored(ws.db, b).rules).toEqual(['duplicate-key']);
    const message = ws.db.prepare('SELECT message FROM record_issues WHERE record_id = ?').pluck().get(a) as string;
    expect(message).toContain('2 candidates share the key "C1"');

    setExcluded(ws.db, b, true);
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, a).rules).toEqual([]);
    expect(stored(ws.db, b).rules).toEqual([]);
  });

  it('finds a duplicate between two edited records whose stored keys both differ', () => {
    const a = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'J-A' });
    const b = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'J-B' });
    const c = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'J-C' });
    editRecord(ws.db, a, { externalJobPostingId: 'J-Z' });
    editRecord(ws.db, b, { externalJobPostingId: 'J-Z' });
    editRecord(ws.db, c, { externalJobPostingId: 'J-A' });
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, a).rules).toContain('duplicate-key');
    expect(stored(ws.db, b).rules).toContain('duplicate-key');
    expect(stored(ws.db, c).rules).not.toContain('duplicate-key');
  });

  it('checks excluded records too', () => {
    const id = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), title: '' });
    setExcluded(ws.db, id, true);
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, id)).toMatchObject({ status: 'error', rules: ['required-missing', 'field-unsupported'] });
  });

  it('rewrites nothing when run again on unchanged records, and records the run', () => {
    seedOneOfEach();
    checkAll(ws.db, { now: NOW });
    const before = snapshot(ws.db);
    const again = checkAll(ws.db, { now: NOW + 1000 });
    expect(again).toMatchObject({ checked: 4, changed: 0 });
    expect(snapshot(ws.db)).toEqual(before);
    expect(ws.db.prepare('SELECT DISTINCT checked_at FROM records').pluck().all()).toEqual([NOW]);
    expect(JSON.parse(getSetting(ws.db, LAST_CHECK_SETTING)!)).toEqual({ at: NOW + 1000, packVersion: RULE_PACK_VERSION, timeZone: 'UTC', records: 4 });
  });

  it('rewrites records checked with another pack version', () => {
    const ids = seedOneOfEach();
    checkAll(ws.db, { now: NOW });
    ws.db.prepare("UPDATE records SET pack_version = 'rsc-2020.01-1' WHERE id = ?").run(ids.candidate);
    const again = checkAll(ws.db, { now: NOW + 1000 });
    expect(again.changed).toBe(1);
    expect(stored(ws.db, ids.candidate)).toMatchObject({ pack_version: RULE_PACK_VERSION, checked_at: NOW + 1000 });
  });

  it('rewrites only the records whose result changed', () => {
    const ids = seedOneOfEach();
    checkAll(ws.db, { now: NOW });
    editRecord(ws.db, ids.candidate, { firstName: '' });
    editRecord(ws.db, ids.job, { title: 'Senior Backend Engineer' });
    const again = checkAll(ws.db, { now: NOW + 1000 });
    expect(again.changed).toBe(1);
    expect(stored(ws.db, ids.candidate)).toMatchObject({ status: 'error', checked_at: NOW + 1000 });
    expect(stored(ws.db, ids.job).checked_at).toBe(NOW);
  });

  it('reads zoneless dates in the workspace time zone from the settings', () => {
    const id = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), listedAt: '2026-06-01T13:30:00' });
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, id).rules).toContain('listed-at-future'); // 13:30 UTC is after NOW (12:00 UTC)
    setSetting(ws.db, 'workspace.timeZone', 'Europe/Berlin');
    const result = checkAll(ws.db, { now: NOW });
    expect(result.timeZone).toBe('Europe/Berlin');
    expect(stored(ws.db, id).rules).not.toContain('listed-at-future'); // 13:30 in Berlin is 11:30 UTC
  });

  it('re-reads a whole column once its date format is chosen for the workspace', () => {
    insertRecord(ws.db, 'applications', validRecord('applications'));
    const a = insertRecord(ws.db, 'stages', { ...validRecord('stages'), stageId: 'S1', atsCreatedAt: '03/04/2025' });
    const b = insertRecord(ws.db, 'stages', { ...validRecord('stages'), stageId: 'S2', atsCreatedAt: '13/04/2025' });
    checkAll(ws.db, { now: NOW });
    expect([stored(ws.db, a).rules, stored(ws.db, b).rules]).toEqual([['date-ambiguous'], ['date-ambiguous']]);
    setColumnFormat(ws.db, 'stages', 'atsCreatedAt', 'dd/MM/yyyy');
    checkAll(ws.db, { now: NOW });
    expect([stored(ws.db, a).rules, stored(ws.db, b).rules]).toEqual([[], []]);
    setColumnFormat(ws.db, 'stages', 'atsCreatedAt', 'MM/dd/yyyy');
    checkAll(ws.db, { now: NOW });
    expect([stored(ws.db, a).rules, stored(ws.db, b).rules]).toEqual([[], ['date-format-mismatch']]);
    setColumnFormat(ws.db, 'stages', 'atsCreatedAt', null);
    expect(getSetting(ws.db, 'compliance.dateFormats')).toBeNull();
  });

  it('takes a sheet\'s own date formats over the workspace\'s', () => {
    const file = ws.db.prepare("INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES ('/x.xlsx', 'x.xlsx', 'h', 1, 0)").run();
    const sheet = ws.db
      .prepare("INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json, options_json) VALUES (?, 'S', 'stages', 1, '[]', '{}', ?)")
      .run(file.lastInsertRowid, JSON.stringify({ dateFormats: { atsCreatedAt: 'MM/dd/yyyy' } }));
    setColumnFormat(ws.db, 'stages', 'atsCreatedAt', 'dd/MM/yyyy');
    insertRecord(ws.db, 'applications', validRecord('applications'));
    const fromSheet = insertRecord(ws.db, 'stages', { ...validRecord('stages'), atsCreatedAt: '03/25/2025' }, Number(sheet.lastInsertRowid));
    const loose = insertRecord(ws.db, 'stages', { ...validRecord('stages'), stageId: 'S2', atsCreatedAt: '25/03/2025' });
    checkAll(ws.db, { now: NOW });
    expect(stored(ws.db, fromSheet).rules).toEqual([]);
    expect(stored(ws.db, loose).rules).toEqual([]);
  });

  it('reports progress up to the number of records', () => {
    for (let i = 0; i < 30; i++) insertRecord(ws.db, 'candidates', { ...validRecord('candidates'), atsCandidateId: `C${i}` });
    const calls: [number, number][] = [];
    checkAll(ws.db, { now: NOW, onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.at(-1)).toEqual([30, 30]);
    expect(calls.every(([done, total]) => done <= total)).toBe(true);
  });

  it('changes nothing when cancelled', () => {
    seedOneOfEach();
    checkAll(ws.db, { now: NOW });
    const before = snapshot(ws.db);
    const setting = getSetting(ws.db, LAST_CHECK_SETTING);
    editRecord(ws.db, ws.db.prepare('SELECT min(id) FROM records').pluck().get() as number, { title: '' });
    expect(() => checkAll(ws.db, { now: NOW + 5, isCancelled: () => true })).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(snapshot(ws.db)).toEqual(before);
    expect(getSetting(ws.db, LAST_CHECK_SETTING)).toBe(setting);
  });
});

describe('checking at import time', () => {
  it('stores results a following full check keeps, except where other records change them', () => {
    const checker = new InsertChecker(ws.db, { now: NOW });
    const COLUMNS = ['status', 'error_count', 'warning_count', 'info_count', 'pack_version', 'checked_at', 'check_hash'] as const;
    const insert = recordInserter(ws.db, ['category', 'key', 'original_json', 'values_json', ...COLUMNS]);
    const add = (category: 'jobs' | 'applications', values: Record<string, string | number>, key: string) => {
      const { columns, issues } = checker.check(category, values, null);
      const json = JSON.stringify(values);
      const id = insert(category, key, json, json, ...COLUMNS.map((c) => columns[c]));
      checker.storeIssues(id, category, issues);
      return id;
    };
    const job = add('jobs', validRecord('jobs') as Record<string, string | number>, 'JOB-1');
    const app = add('applications', { ...validRecord('applications'), atsCandidateId: '' } as Record<string, string | number>, 'A1');
    const orphan = add('applications', { ...validRecord('applications'), atsJobApplicationId: 'A2', atsJobPostingId: 'JOB-9', atsCandidateId: '' } as Record<string, string | number>, 'A2');
    expect(stored(ws.db, job)).toMatchObject({ status: 'compliant', info_count: 1, checked_at: NOW });

    const result = checkAll(ws.db, { now: NOW + 1 });
    expect(result.changed).toBe(1);
    expect(stored(ws.db, app)).toMatchObject({ status: 'warning', checked_at: NOW, rules: ['available-missing'] });
    expect(stored(ws.db, orphan)).toMatchObject({ checked_at: NOW + 1, rules: ['available-missing', 'job-not-imported'] });
  });
});

describe('incremental re-checks', () => {
  it('agree with a full check after any sequence of edits, exclusions and deletions', () => {
    // Deterministic pseudo-random edits over a small linked workspace.
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: `J${i}` }));
      ids.push(insertRecord(ws.db, 'candidates', { ...validRecord('candidates'), atsCandidateId: `C${i}` }));
      ids.push(insertRecord(ws.db, 'applications', { ...validRecord('applications'), atsJobApplicationId: `A${i}`, atsJobPostingId: `J${i % 4}`, atsCandidateId: `C${i % 5}` }));
      ids.push(insertRecord(ws.db, 'stages', { ...validRecord('stages'), atsJobApplicationId: `A${i % 5}`, stageId: `S${i}` }));
    }
    checkAll(ws.db, { now: NOW });
    recheckRecords(ws.db, [], { now: NOW }); // builds the index before the first edit, as the editor does
    const patches: FieldValues[] = [
      { externalJobPostingId: 'J1' }, { externalJobPostingId: 'J9' }, { atsCandidateId: 'C1' }, { atsCandidateId: 'C7' },
      { atsJobApplicationId: 'A1' }, { atsJobApplicationId: 'A8' }, { atsJobPostingId: 'J9' }, { atsJobPostingId: 'J2' },
      { stageId: 'S1' }, { stageId: null }, { title: '' }, { listedAt: 1_700_000_000 }, { stage: 'Not Available' },
    ];
    for (let step = 0; step < 60; step++) {
      const id = pick(ids.filter((x) => ws.db.prepare('SELECT 1 FROM records WHERE id = ?').get(x)));
      const action = rnd();
      if (action < 0.1) ws.db.prepare('DELETE FROM records WHERE id = ?').run(id);
      else if (action < 0.25) setExcluded(ws.db, id, rnd() < 0.5);
      else editRecord(ws.db, id, pick(patches));
      recheckRecords(ws.db, [id], { now: NOW });
      const incremental = snapshot(ws.db);
      checkAll(ws.db, { now: NOW });
      expect(snapshot(ws.db), `after step ${step}`).toEqual(incremental);
    }
  });
});
