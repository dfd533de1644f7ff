import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAll, checkReport, complianceSummary } from '../../../electron/core/compliance';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { validRecord, NOW } from '../../unit/rsc/fixtures';
import { insertRecord, setExcluded, tempWorkspace, type TempWorkspace } from './workspace';

let ws: TempWorkspace;
beforeEach(() => {
  ws = tempWorkspace();
});
afterEach(() => ws.close());

function seed() {
  const ids = {
    job: insertRecord(ws.db, 'jobs', validRecord('jobs')),
    badJob: insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'JOB-2', title: '' }),
    excludedJob: insertRecord(ws.db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'JOB-3', location: null }),
    candidate: insertRecord(ws.db, 'candidates', validRecord('candidates')),
    warned: insertRecord(ws.db, 'applications', { ...validRecord('applications'), media: null }),
    both: insertRecord(ws.db, 'applications', { ...validRecord('applications'), atsJobApplicationId: 'A2', media: null, firstName: '' }),
  };
  setExcluded(ws.db, ids.excludedJob, true);
  return ids;
}

describe('the compliance summary', () => {
  it('counts records per category: compliant, non-compliant, with warnings, excluded apart', () => {
    seed();
    checkAll(ws.db, { now: NOW });
    const { categories, packVersion, lastCheck } = complianceSummary(ws.db);
    expect(packVersion).toBe(RULE_PACK_VERSION);
    expect(lastCheck).toEqual({ at: NOW, packVersion: RULE_PACK_VERSION, timeZone: 'UTC', records: 6 });
    expect(categories).toEqual({
      jobs: { total: 3, compliant: 1, nonCompliant: 1, warnings: 0, excluded: 1, unchecked: 0 },
      candidates: { total: 1, compliant: 1, nonCompliant: 0, warnings: 0, excluded: 0, unchecked: 0 },
      applications: { total: 2, compliant: 1, nonCompliant: 1, warnings: 2, excluded: 0, unchecked: 0 },
      stages: { total: 0, compliant: 0, nonCompliant: 0, warnings: 0, excluded: 0, unchecked: 0 },
    });
  });

  it('counts records and issues per rule, with the rule\'s severity, source and title', () => {
    seed();
    checkAll(ws.db, { now: NOW });
    const { rules } = complianceSummary(ws.db);
    expect(rules.find((r) => r.category === 'jobs' && r.rule === 'field-unsupported')).toEqual({
      category: 'jobs', rule: 'field-unsupported', severity: 'info', source: 'api', title: 'Field no longer read by LinkedIn', records: 3, issues: 3,
    });
    expect(rules.find((r) => r.category === 'applications' && r.rule === 'available-missing')).toMatchObject({ records: 2, issues: 2, severity: 'warning' });
    expect(rules.find((r) => r.rule === 'location-required')).toMatchObject({ category: 'jobs', records: 1 });
    expect(rules.map((r) => r.records)).toEqual([...rules.map((r) => r.records)].sort((a, b) => b - a));
  });

  it('counts records per field and severity', () => {
    seed();
    checkAll(ws.db, { now: NOW });
    const { fields } = complianceSummary(ws.db);
    expect(fields.find((f) => f.category === 'applications' && f.field === 'media')).toEqual({
      category: 'applications', field: 'media', records: 2, errors: 0, warnings: 2, infos: 0,
    });
    expect(fields.find((f) => f.category === 'jobs' && f.field === 'title')).toMatchObject({ records: 1, errors: 1 });
  });

  it('counts unchecked records before the first check', () => {
    seed();
    const summary = complianceSummary(ws.db);
    expect(summary.categories.jobs).toMatchObject({ total: 3, unchecked: 2, excluded: 1 });
    expect(summary.lastCheck).toBeNull();
  });

  it('counts a record with errors and warnings as non-compliant and as having warnings', () => {
    seed();
    checkAll(ws.db, { now: NOW });
    const { categories } = complianceSummary(ws.db);
    expect(categories.applications).toMatchObject({ compliant: 1, nonCompliant: 1, warnings: 2 });
  });
});

describe('the check report (check --json)', () => {
  it('has exactly the documented shape, with excluded records marked', () => {
    seed();
    checkAll(ws.db, { now: NOW });
    const report = checkReport(ws.db);
    expect(Object.keys(report)).toEqual(['categories', 'records']);
    expect(Object.keys(report.categories)).toEqual(['jobs', 'candidates', 'applications', 'stages']);
    expect(report.categories.jobs).toEqual({ total: 3, compliant: 1, nonCompliant: 1, warnings: 0, excluded: 1 });
    expect(report.records.map((r) => `${r.category}:${r.key}`)).toEqual([
      'jobs:JOB-1', 'jobs:JOB-2', 'jobs:JOB-3', 'candidates:C1', 'applications:A1', 'applications:A2',
    ]);
    expect(report.records[0]).toEqual({
      category: 'jobs', key: 'JOB-1', compliant: true,
      issues: [{ rule: 'field-unsupported', field: 'state', severity: 'info', message: expect.stringContaining('state') }],
    });
    expect(report.records[2]).toMatchObject({ key: 'JOB-3', compliant: false, excluded: true });
    expect(report.records.filter((r) => 'excluded' in r).map((r) => r.key)).toEqual(['JOB-3']);
    expect(report.records[5].issues.map((i) => Object.keys(i))).toEqual(
      report.records[5].issues.map(() => ['rule', 'field', 'severity', 'message']),
    );
    expect(report.records[5]).toMatchObject({ key: 'A2', compliant: false });
  });

  it('round-trips through JSON unchanged', () => {
    seed();
    checkAll(ws.db, { now: NOW });
    const report = checkReport(ws.db);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
