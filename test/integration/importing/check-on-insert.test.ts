import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { checkAll, TIME_ZONE_SETTING } from '../../../electron/core/compliance';
import { NO_PROGRESS, runEditCommand } from '../../../electron/core/editing';
import { setSetting } from '../../../electron/core/db/settings-table';
import type { Db } from '../../../electron/core/db/connection';
import type { SheetPlan } from '../../../shared/contract/import';
import { record, testWorkspace, writeSheets } from './support';

const JOBS = ['externalJobPostingId', 'title', 'description', 'location', 'state', 'companyApplyUrl', 'listedAt'];
const CANDIDATES = ['atsCandidateId', 'firstName', 'lastName', 'emailAddresses', 'atsCreatedAt'];
const APPLICATIONS = ['atsJobApplicationId', 'atsCandidateId', 'atsJobPostingId', 'firstName', 'lastName', 'candidateEmail', 'atsCreatedAt'];
const STAGES = ['atsJobApplicationId', 'stage', 'atsCreatedAt'];

const identity = (headers: string[]) => Object.fromEntries(headers.map((h) => [h, h]));
const PLAN: SheetPlan[] = [
  // Applications and stages come before the jobs and candidates they refer to.
  { sheet: 'Stages', category: 'stages', mapping: identity(STAGES) },
  { sheet: 'Applications', category: 'applications', mapping: identity(APPLICATIONS) },
  { sheet: 'Jobs', category: 'jobs', mapping: identity(JOBS) },
  { sheet: 'Candidates', category: 'candidates', mapping: identity(CANDIDATES) },
];

function job(i: number, over: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    externalJobPostingId: `J-${i}`,
    title: `Engineer ${i}`,
    description: `Build reliable things for team ${i}. `.repeat(8),
    location: 'Berlin, Germany',
    state: 'LISTED',
    companyApplyUrl: `https://careers.example.com/jobs/${i}`,
    listedAt: '2025-03-01 09:30',
    ...over,
  };
  return JOBS.map((h) => base[h] ?? null);
}

function candidate(i: number, over: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    atsCandidateId: `C-${i}`, firstName: `Ada${i}`, lastName: 'Lovelace', emailAddresses: `ada${i}@example.com`, atsCreatedAt: '2025-02-01 08:00', ...over,
  };
  return CANDIDATES.map((h) => base[h] ?? null);
}

function application(i: number, jobId: string, candidateId: string, over: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    atsJobApplicationId: `A-${i}`, atsCandidateId: candidateId, atsJobPostingId: jobId, firstName: `Ada${i}`, lastName: 'Lovelace',
    candidateEmail: `ada${i}@example.com`, atsCreatedAt: '2025-03-02 10:00', ...over,
  };
  return APPLICATIONS.map((h) => base[h] ?? null);
}

function stage(applicationId: string, name: string, createdAt: unknown): unknown[] {
  return [applicationId, name, createdAt];
}

function recordId(db: Db, category: string, key: string): number {
  return db.prepare('SELECT id FROM records WHERE category = ? AND key = ?').pluck().get(category, key) as number;
}

function rulesOf(db: Db, category: string, key: string): string[] {
  return db
    .prepare('SELECT rule FROM record_issues WHERE record_id = ? ORDER BY rule')
    .pluck()
    .all(recordId(db, category, key)) as string[];
}

describe('checking records as the import writes them', () => {
  it('leaves nothing for a full check to change after a first import and after a re-import with changes', async () => {
    const w = testWorkspace();
    // Not UTC: derived stage ids and local dates depend on it.
    setSetting(w.db, TIME_ZONE_SETTING, 'America/New_York');
    const first = await writeSheets(join(w.dir, 'export-1.xlsx'), {
      Stages: [
        STAGES,
        stage('A-1', 'Screen', '2025-03-03 09:00'),
        stage('A-1', 'Interview', '2025-03-04 09:00'),
        stage('A-2', 'Screen', '2025-03-05 09:00'),
        stage('A-99', 'Screen', '2025-03-06 09:00'), // application not imported
        stage('A-1', 'Screen', '2025-03-03 09:00'), // same derived key as the first row: skipped
      ],
      Applications: [
        APPLICATIONS,
        application(1, 'J-1', 'C-1'),
        application(2, 'J-2', 'C-2', { candidateEmail: 'not an email' }),
        application(3, 'J-404', 'C-3'), // job not imported
        application(4, 'J-1', 'C-404'), // candidate not imported
        application(5, 'J-3', 'C-1'), // J-3 only arrives with the second export
      ],
      Jobs: [
        JOBS,
        job(1),
        job(2, { companyApplyUrl: 'not a url', title: null }),
        job(4, { description: 'short' }),
        job(1, { title: 'Duplicate of J-1' }), // same key: skipped
      ],
      Candidates: [CANDIDATES, candidate(1), candidate(2, { emailAddresses: 'nope' }), candidate(3), candidate(5)],
    });

    const imported = await importIntoWorkspace(w.db, { path: first, sheets: PLAN });
    expect(imported.checked).toBe(true);
    expect(imported.sheets.map((s) => [s.category, s.added, s.skipped])).toEqual([
      ['stages', 4, 1], ['applications', 5, 0], ['jobs', 3, 1], ['candidates', 4, 0],
    ]);
    expect(w.db.prepare("SELECT count(*) FROM records WHERE status = 'unchecked'").pluck().get()).toBe(0);
    expect(rulesOf(w.db, 'applications', 'A-3')).toContain('job-not-imported');
    expect(rulesOf(w.db, 'applications', 'A-4')).toContain('candidate-not-imported');
    expect(rulesOf(w.db, 'applications', 'A-5')).toContain('job-not-imported');
    expect(rulesOf(w.db, 'applications', 'A-1')).not.toContain('job-not-imported');
    const orphanStage = w.db.prepare("SELECT id FROM records WHERE category = 'stages' AND key LIKE 'A-99/%'").pluck().get() as number;
    expect(w.db.prepare('SELECT rule FROM record_issues WHERE record_id = ?').pluck().all(orphanStage)).toContain('application-not-imported');
    expect(w.db.prepare("SELECT status FROM records WHERE category = 'jobs' AND key = 'J-2'").pluck().get()).toBe('error');
    expect(checkAll(w.db).changed).toBe(0);

    // The consultant fixes a job title and gives C-5 the id of C-3 (two candidates now share a key).
    runEditCommand(w.db, { type: 'edit', changes: [{ recordId: recordId(w.db, 'jobs', 'J-4'), field: 'title', value: 'Staff Engineer' }] }, NO_PROGRESS);
    runEditCommand(w.db, { type: 'edit', changes: [{ recordId: recordId(w.db, 'jobs', 'J-1'), field: 'title', value: 'Lead Engineer' }] }, NO_PROGRESS);
    runEditCommand(w.db, { type: 'edit', changes: [{ recordId: recordId(w.db, 'candidates', 'C-5'), field: 'atsCandidateId', value: 'C-3' }] }, NO_PROGRESS);
    expect(rulesOf(w.db, 'candidates', 'C-3')).toContain('duplicate-key');

    // The next export: J-3 arrives, J-1's title and J-2's URL change, A-2 moves to J-404, C-3 gets a bad email, A-6 is new.
    const second = await writeSheets(join(w.dir, 'export-2.xlsx'), {
      Applications: [
        APPLICATIONS,
        application(1, 'J-1', 'C-1'),
        application(2, 'J-404', 'C-2', { candidateEmail: 'not an email' }),
        application(6, 'J-3', 'C-3'),
      ],
      Jobs: [JOBS, job(1, { title: 'Principal Engineer' }), job(2, { title: null }), job(3), job(4, { description: 'short' })],
      Candidates: [CANDIDATES, candidate(3, { emailAddresses: 'broken' })],
    });
    const again = await importIntoWorkspace(w.db, { path: second, sheets: PLAN.filter((p) => p.sheet !== 'Stages') });
    expect(again.checked).toBe(true);
    const jobs = again.sheets.find((s) => s.category === 'jobs')!;
    expect(jobs).toMatchObject({ added: 1, updated: 2, unchanged: 1, keptEdits: 1, conflictCount: 1 });
    expect(jobs.conflicts).toEqual([{ key: 'J-1', field: 'title', edited: 'Lead Engineer', previousSource: 'Engineer 1', newSource: 'Principal Engineer' }]);
    expect(record(w.db, 'jobs', 'J-4').values.title).toBe('Staff Engineer');
    expect(rulesOf(w.db, 'applications', 'A-5')).not.toContain('job-not-imported');
    expect(rulesOf(w.db, 'applications', 'A-2')).toContain('job-not-imported');
    expect(rulesOf(w.db, 'candidates', 'C-3')).toContain('duplicate-key');
    expect(checkAll(w.db).changed).toBe(0);
  });

  it('falls back to a full check when stored results were made in another time zone', async () => {
    const w = testWorkspace();
    const file = await writeSheets(join(w.dir, 'export.xlsx'), {
      Stages: [STAGES, stage('A-1', 'Screen', '2025-03-03 09:00')],
      Applications: [APPLICATIONS, application(1, 'J-1', 'C-404')],
      Jobs: [JOBS, job(1)],
    });
    const plan = PLAN.filter((p) => p.sheet !== 'Candidates');
    await importIntoWorkspace(w.db, { path: file, sheets: plan });
    setSetting(w.db, TIME_ZONE_SETTING, 'Asia/Tokyo');
    const again = await importIntoWorkspace(w.db, { path: file, sheets: plan });
    expect(again.checked).toBe(true);
    expect(JSON.parse(w.db.prepare("SELECT value FROM settings WHERE key = 'compliance.lastFullCheck'").pluck().get() as string)).toMatchObject({
      timeZone: 'Asia/Tokyo',
    });
    expect(checkAll(w.db).changed).toBe(0);
  });
});
