import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAll, recheckRecords } from '../../../electron/core/compliance';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { validRecord, NOW } from '../../unit/rsc/fixtures';
import { editRecord, insertRecord, setExcluded, stored, tempWorkspace, type TempWorkspace } from './workspace';

let ws: TempWorkspace;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.close());

const opts = { now: NOW };

describe('re-checking one record', () => {
  it('stores its new result and says which records changed', () => {
    const job = insertRecord(ws.db, 'jobs', validRecord('jobs'));
    const other = insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'JOB-2' });
    checkAll(ws.db, opts);
    editRecord(ws.db, job, { title: '' });
    const result = recheckRecords(ws.db, [job], { now: NOW + 1 });
    expect(result).toEqual({ recordIds: [job], changedIds: [job], categories: ['jobs'] });
    expect(stored(ws.db, job)).toMatchObject({ status: 'error', checked_at: NOW + 1, rules: ['required-missing', 'field-unsupported'] });
    expect(stored(ws.db, other).checked_at).toBe(NOW);
  });

  it('leaves the row alone when the result did not change', () => {
    const job = insertRecord(ws.db, 'jobs', validRecord('jobs'));
    checkAll(ws.db, opts);
    editRecord(ws.db, job, { title: 'Another title' });
    expect(recheckRecords(ws.db, [job], { now: NOW + 1 }).changedIds).toEqual([]);
    expect(stored(ws.db, job).checked_at).toBe(NOW);
  });

  it('re-checks the applications of a job whose id changed, both old and new', () => {
    const job = insertRecord(ws.db, 'jobs', validRecord('jobs'));
    insertRecord(ws.db, 'candidates', validRecord('candidates'));
    const onOld = insertRecord(ws.db, 'applications', validRecord('applications'));
    const onNew = insertRecord(ws.db, 'applications', { ...validRecord('applications'), atsJobApplicationId: 'A2', atsJobPostingId: 'JOB-NEW' });
    checkAll(ws.db, opts);
    expect(stored(ws.db, onNew).rules).toEqual(['job-not-imported']);

    editRecord(ws.db, job, { externalJobPostingId: 'JOB-NEW' });
    const result = recheckRecords(ws.db, [job], opts);
    expect(result.recordIds.sort()).toEqual([job, onOld, onNew].sort());
    expect(stored(ws.db, onOld).rules).toEqual(['job-not-imported']);
    expect(stored(ws.db, onNew).rules).toEqual([]);
    expect(result.categories.sort()).toEqual(['applications', 'jobs']);
  });

  it('clears the warning of stages once their application is imported', () => {
    const stage = insertRecord(ws.db, 'stages', validRecord('stages'));
    checkAll(ws.db, opts);
    expect(stored(ws.db, stage).rules).toEqual(['application-not-imported']);
    const application = insertRecord(ws.db, 'applications', validRecord('applications'));
    recheckRecords(ws.db, [application], opts);
    expect(stored(ws.db, stage).rules).toEqual([]);
  });

  it('warns the applications of a deleted candidate', () => {
    const candidate = insertRecord(ws.db, 'candidates', validRecord('candidates'));
    insertRecord(ws.db, 'jobs', validRecord('jobs'));
    const application = insertRecord(ws.db, 'applications', validRecord('applications'));
    checkAll(ws.db, opts);
    recheckRecords(ws.db, [], opts);
    ws.db.prepare('DELETE FROM records WHERE id = ?').run(candidate);
    const result = recheckRecords(ws.db, [candidate], opts);
    expect(result.recordIds).toEqual([application]);
    expect(stored(ws.db, application).rules).toEqual(['candidate-not-imported']);
  });

  it('reports a duplicate on both records when a key is edited to another\'s, and clears it on exclusion', () => {
    const a = insertRecord(ws.db, 'applications', validRecord('applications'));
    const b = insertRecord(ws.db, 'applications', { ...validRecord('applications'), atsJobApplicationId: 'A2' });
    insertRecord(ws.db, 'jobs', validRecord('jobs'));
    insertRecord(ws.db, 'candidates', validRecord('candidates'));
    checkAll(ws.db, opts);
    recheckRecords(ws.db, [], opts);
    editRecord(ws.db, b, { atsJobApplicationId: 'A1' });
    recheckRecords(ws.db, [b], opts);
    expect(stored(ws.db, a).rules).toEqual(['duplicate-key']);
    expect(stored(ws.db, b).rules).toEqual(['duplicate-key']);

    setExcluded(ws.db, a, true);
    recheckRecords(ws.db, [a], opts);
    expect(stored(ws.db, a).rules).toEqual([]);
    expect(stored(ws.db, b).rules).toEqual([]);

    editRecord(ws.db, b, { atsJobApplicationId: 'A2' });
    setExcluded(ws.db, a, false);
    recheckRecords(ws.db, [a, b], opts);
    expect([stored(ws.db, a).rules, stored(ws.db, b).rules]).toEqual([[], []]);
  });

  it('sees changes another connection committed (an import or a job) before re-checking', () => {
    const application = insertRecord(ws.db, 'applications', validRecord('applications'));
    insertRecord(ws.db, 'candidates', validRecord('candidates'));
    checkAll(ws.db, opts);
    recheckRecords(ws.db, [], opts);
    expect(stored(ws.db, application).rules).toEqual(['job-not-imported']);

    const other = openWorkspaceDb(ws.file);
    try {
      insertRecord(other, 'jobs', validRecord('jobs'));
    } finally {
      other.close();
    }
    editRecord(ws.db, application, { source: 'LinkedIn' });
    recheckRecords(ws.db, [application], opts);
    expect(stored(ws.db, application).rules).toEqual([]);
  });

  it('knows an edited record\'s old key on a connection that never saw it, from what its last check stored', () => {
    const job = insertRecord(ws.db, 'jobs', validRecord('jobs'));
    insertRecord(ws.db, 'candidates', validRecord('candidates'));
    const application = insertRecord(ws.db, 'applications', validRecord('applications'));
    checkAll(ws.db, opts);
    expect(ws.db.prepare('SELECT check_key, check_parent, check_candidate FROM records WHERE id = ?').get(application)).toEqual({
      check_key: 'A1', check_parent: 'JOB-1', check_candidate: 'C1',
    });

    const editor = openWorkspaceDb(ws.file);
    try {
      editRecord(editor, job, { externalJobPostingId: 'JOB-9' });
      const result = recheckRecords(editor, [job], opts);
      expect(result.recordIds.sort()).toEqual([job, application].sort());
      expect(stored(editor, application).rules).toEqual(['job-not-imported']);
      expect(editor.prepare('SELECT check_key FROM records WHERE id = ?').pluck().get(job)).toBe('JOB-9');
    } finally {
      editor.close();
    }
  });

  it('ignores ids of records that never existed', () => {
    expect(recheckRecords(ws.db, [424242], opts)).toEqual({ recordIds: [], changedIds: [], categories: [] });
  });
});
