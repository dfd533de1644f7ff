import { describe, expect, it } from 'vitest';
import { checkCrossRecord, duplicateKeyIssue, findDuplicateKeys } from '../../../shared/rsc/cross';

const lookups = {
  jobIds: new Set(['JOB-1']),
  candidateIds: new Set(['C1']),
  applicationIds: new Set(['A1']),
};

describe('cross-record rules', () => {
  it('warn about an application for a job that was not imported', () => {
    const issues = checkCrossRecord('applications', { atsJobPostingId: 'JOB-2', atsCandidateId: 'C1' }, lookups);
    expect(issues).toEqual([expect.objectContaining({ rule: 'job-not-imported', field: 'atsJobPostingId', severity: 'warning' })]);
    expect(issues[0].message).toContain('"JOB-2"');
  });

  it('warn about an application for a candidate that was not imported', () => {
    const issues = checkCrossRecord('applications', { atsJobPostingId: 'JOB-1', atsCandidateId: 'C2' }, lookups);
    expect(issues.map((i) => i.rule)).toEqual(['candidate-not-imported']);
  });

  it('warn about a stage of an application that was not imported', () => {
    expect(checkCrossRecord('stages', { atsJobApplicationId: 'A2' }, lookups).map((i) => i.rule)).toEqual(['application-not-imported']);
  });

  it('accept references to imported records, written as whole numbers or text alike', () => {
    const numeric = { jobIds: new Set(['10090']), candidateIds: new Set(['7']), applicationIds: new Set(['5']) };
    expect(checkCrossRecord('applications', { atsJobPostingId: 10090, atsCandidateId: '7.0' }, numeric)).toEqual([]);
    expect(checkCrossRecord('stages', { atsJobApplicationId: 5 }, numeric)).toEqual([]);
  });

  it('leave a missing reference to the required-field rules', () => {
    expect(checkCrossRecord('applications', { atsJobPostingId: null, atsCandidateId: null }, lookups)).toEqual([]);
  });

  it('do not apply to jobs and candidates', () => {
    expect(checkCrossRecord('jobs', { externalJobPostingId: 'nope' }, lookups)).toEqual([]);
    expect(checkCrossRecord('candidates', { atsCandidateId: 'nope' }, lookups)).toEqual([]);
  });
});

describe('duplicate keys', () => {
  it('are grouped, two or more records per key, ignoring records without a key', () => {
    const groups = findDuplicateKeys([
      { id: 1, key: 'A' }, { id: 2, key: 'B' }, { id: 3, key: 'A' }, { id: 4, key: null }, { id: 5, key: null }, { id: 6, key: 'A' },
    ]);
    expect([...groups]).toEqual([['A', [1, 3, 6]]]);
  });

  it('are an error on the key field that says how many records share the key', () => {
    const issue = duplicateKeyIssue('stages', 'A1/S1', 3);
    expect(issue).toMatchObject({ rule: 'duplicate-key', field: 'stageId', severity: 'error' });
    expect(issue.message).toContain('3 application stages share the key "A1/S1"');
  });
});
