import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend } from '../../../electron/core/backend';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { FIELDS } from '../../../shared/rsc/fields';
import { RULES } from '../../../shared/rsc/rules';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import type { CheckReport } from '../../../shared/contract/rules';
import { validRecord } from '../../unit/rsc/fixtures';
import { insertRecord, setExcluded } from './workspace';

const cleanups: (() => void)[] = [];
const savedEnv = { ...process.env };
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
  process.env = { ...savedEnv };
});

/** A workspace file with a few linked records, one broken, one excluded, one ambiguous date. */
function seededWorkspace(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-compliance-contract-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'w.rscw');
  const db = openWorkspaceDb(file);
  insertRecord(db, 'jobs', validRecord('jobs'));
  insertRecord(db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'JOB-2', integrationContext: '1234' });
  const excluded = insertRecord(db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: 'JOB-3', description: 'short' });
  setExcluded(db, excluded, true);
  insertRecord(db, 'candidates', validRecord('candidates'));
  insertRecord(db, 'applications', validRecord('applications'));
  insertRecord(db, 'stages', { ...validRecord('stages'), atsCreatedAt: '03/04/2025' });
  db.close();
  return { dir, file };
}

function backendFor(dir: string, file: string): Backend {
  const backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: dir, jobMode: 'inline', workspacePath: file });
  cleanups.push(() => backend.close());
  return backend;
}

describe('the rules methods', () => {
  it('serve the whole rule pack as plain data', async () => {
    const { dir, file } = seededWorkspace();
    const pack = await backendFor(dir, file).invoke('rules:pack', {});
    expect(pack.version).toBe(RULE_PACK_VERSION);
    expect(pack.fields).toHaveLength(FIELDS.length);
    expect(pack.rules.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
  });

  it('run a full check as a job, then summarize it and tell the UI the data changed', async () => {
    const { dir, file } = seededWorkspace();
    const backend = backendFor(dir, file);
    const events: string[] = [];
    backend.subscribe((name) => events.push(name));
    const run = await backend.invoke('rules:check', {});
    expect(run).toMatchObject({ checked: 6, changed: 6, packVersion: RULE_PACK_VERSION, timeZone: 'UTC' });
    expect(events).toContain('job:finished');
    expect(events).toContain('data:changed');
    const summary = await backend.invoke('rules:summary', {});
    expect(summary.categories.jobs).toEqual({ total: 3, compliant: 1, nonCompliant: 1, warnings: 0, excluded: 1, unchecked: 0 });
    expect(summary.categories.stages).toMatchObject({ nonCompliant: 1 });
    expect(summary.rules.find((r) => r.rule === 'date-ambiguous')).toMatchObject({ category: 'stages', records: 1 });
  });

  it('re-read a column with the date format the consultant chooses', async () => {
    const { dir, file } = seededWorkspace();
    const backend = backendFor(dir, file);
    await backend.invoke('rules:check', {});
    const result = await backend.invoke('rules:setColumnFormat', { category: 'stages', field: 'atsCreatedAt', format: 'dd/MM/yyyy' });
    expect(result.formats).toEqual({ stages: { atsCreatedAt: 'dd/MM/yyyy' } });
    expect(result.check.changed).toBe(1);
    expect(await backend.invoke('rules:columnFormats', {})).toEqual({ stages: { atsCreatedAt: 'dd/MM/yyyy' } });
    const summary = await backend.invoke('rules:summary', {});
    expect(summary.categories.stages).toMatchObject({ compliant: 1, nonCompliant: 0 });
  });

  it('refuse a date format that cannot read a date, and a field that is not a date', async () => {
    const { dir, file } = seededWorkspace();
    const backend = backendFor(dir, file);
    const bad = await backend.call('rules:setColumnFormat', { category: 'stages', field: 'atsCreatedAt', format: 'banana' });
    expect(bad).toEqual({ ok: false, error: { code: 'BAD_DATE_FORMAT', message: expect.stringContaining('"banana" is not a date format') } });
    const notDate = await backend.call('rules:setColumnFormat', { category: 'jobs', field: 'title', format: 'dd/MM/yyyy' });
    expect(notDate).toMatchObject({ ok: false, error: { code: 'NOT_A_DATE_FIELD' } });
    expect(await backend.invoke('rules:columnFormats', {})).toEqual({});
  });
});

describe('the check command', () => {
  async function cli(argv: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('prints the documented JSON with --json', async () => {
    const { dir, file } = seededWorkspace();
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    const { code, stdout } = await cli(['check', '--db', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as CheckReport;
    expect(Object.keys(report)).toEqual(['categories', 'records']);
    expect(report.categories).toEqual({
      jobs: { total: 3, compliant: 1, nonCompliant: 1, warnings: 0, excluded: 1 },
      candidates: { total: 1, compliant: 1, nonCompliant: 0, warnings: 0, excluded: 0 },
      applications: { total: 1, compliant: 1, nonCompliant: 0, warnings: 0, excluded: 0 },
      stages: { total: 1, compliant: 0, nonCompliant: 1, warnings: 0, excluded: 0 },
    });
    expect(report.records).toHaveLength(6);
    expect(report.records.find((r) => r.key === 'JOB-2')).toEqual({
      category: 'jobs', key: 'JOB-2', compliant: false,
      issues: [
        { rule: 'organization-urn-format', field: 'integrationContext', severity: 'error', message: expect.stringContaining('urn:li:organization:') },
        { rule: 'field-unsupported', field: 'state', severity: 'info', message: expect.any(String) },
      ],
    });
    expect(report.records.find((r) => r.key === 'JOB-3')).toMatchObject({ excluded: true, compliant: false });
    expect(report.records.filter((r) => r.excluded).length).toBe(1);
  });

  it('prints a summary per category without --json', async () => {
    const { dir, file } = seededWorkspace();
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    const { code, stdout } = await cli(['check', '--db', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Checked 6 records with rule pack ${RULE_PACK_VERSION}`);
    expect(stdout).toMatch(/jobs\s+3 records: 1 compliant, 1 not compliant, 0 with warnings, 1 excluded/);
  });
});
