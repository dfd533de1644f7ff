import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/core/backend';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { startFakeLinkedIn, type FakeLinkedIn } from '../../support/fake-linkedin/server';
import { tempDir } from '../../support/temp';
import { allText, cellAt, noteOf, readWorkbook, rowOf, sheet, table } from './read-workbook';
import { zipEntries } from './zip-entries';

/**
 * The audit of a workspace built the way a consultant builds one: a customer's workbook
 * imported and checked, a cell edited, a record excluded, a sync against the fake LinkedIn
 * (with a failure LinkedIn recovers from), then the export.
 */

let fake: FakeLinkedIn;
let backend: Backend;
let dir: string;
let workspacePath: string;

async function customerWorkbook(path: string, org: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const jobs = wb.addWorksheet('Jobs');
  jobs.addRow(['externalJobPostingId', 'integrationContext', 'title', 'description', 'location', 'state', 'companyApplyUrl', 'listedAt', 'Recruiter']);
  const description = 'We are hiring an engineer to build and run the systems our recruiters rely on every day, with care and curiosity.';
  for (const i of [1, 2]) {
    jobs.addRow([`JOB-${i}`, org, `Engineer ${i}`, description, 'San Francisco, CA', 'LISTED', `https://jobs.example.com/${i}`, new Date(Date.UTC(2025, 0, i, 9)), 'Alice']);
  }
  const candidates = wb.addWorksheet('Candidates');
  candidates.addRow(['atsCandidateId', 'firstName', 'lastName', 'emailAddresses', 'atsCreatedAt', 'atsLastModifiedAt', 'externalProfileUrl']);
  for (const i of [1, 2, 3]) {
    candidates.addRow([`C00000${i}`, `First${i}`, `Last${i}`, `person${i}@example.com`, 1_735_689_600_000 + i, 1_735_689_700_000 + i, `https://ats.example.com/c/${i}`]);
  }
  await wb.xlsx.writeFile(path);
}

function recordId(category: string, key: string): number {
  const db = openWorkspaceDb(workspacePath);
  try {
    return (db.prepare('SELECT id FROM records WHERE category = ? AND key = ?').get(category, key) as { id: number }).id;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  fake = await startFakeLinkedIn();
  dir = tempDir('rscw-export-e2e-');
  workspacePath = join(dir, 'Customer.rscw');
  backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: join(dir, 'resources'), jobMode: 'inline', workspacePath });
  await backend.invoke('workspace:setTimeZone', { timeZone: 'Europe/Paris' });
  const source = join(dir, 'customer.xlsx');
  await customerWorkbook(source, fake.organizationUrn);
  await backend.invoke('import:run', { path: source });
  await backend.invoke('records:edit', {
    changes: [{ recordId: recordId('jobs', 'JOB-2'), field: 'title', value: 'Senior Engineer 2' }],
  });
  await backend.invoke('records:exclude', {
    filter: { category: 'candidates', recordIds: [recordId('candidates', 'C000003')] },
    reason: 'Asked to be forgotten',
  });
  // LinkedIn is briefly unavailable for candidates: the sync retries, and the log keeps both attempts.
  fake.inject({ type: 'status', status: 503 }, { resource: 'candidates' });
  await backend.invoke('sync:start', {
    credentials: { clientId: fake.clientId, clientSecret: fake.clientSecret },
    settings: { organizationUrn: fake.organizationUrn, apiBaseUrl: fake.url, oauthBaseUrl: fake.url },
  });
  await backend.invoke('sync:plan', { settings: { organizationUrn: fake.organizationUrn, apiBaseUrl: fake.url, oauthBaseUrl: fake.url } });
}, 60_000);

afterAll(async () => {
  backend.close();
  await fake.close();
});

describe('the audit of an imported, edited and synced workspace', () => {
  it('shows what was checked, fixed, excluded, sent and answered, and never a secret', async () => {
    const path = join(dir, 'audit.xlsx');
    const result = await backend.invoke('export:audit', { path });
    const wb = await readWorkbook(path);
    expect(result.sheets).toEqual(['Summary', 'Jobs', 'Candidates', 'Edits', 'Excluded', 'Skipped rows', 'Sync log', 'Sync bodies']);

    const summary = table(sheet(wb, 'Summary'));
    expect(summary.find((r) => r[0] === 'customer.xlsx' && r[1] === 'Jobs')?.slice(0, 4)).toEqual(['customer.xlsx', 'Jobs', 'jobs', 2]);
    const jobsCounts = summary.find((r) => r[0] === 'Jobs' && typeof r[1] === 'number')!;
    expect(jobsCounts[1]).toBe(2);
    expect(jobsCounts[7]).toBe(2); // synced
    const candidateCounts = summary.find((r) => r[0] === 'Candidates' && typeof r[1] === 'number')!;
    expect(candidateCounts.slice(1, 2)).toEqual([3]);
    expect(candidateCounts[6]).toBe(1); // excluded
    expect(candidateCounts[7]).toBe(2); // synced

    // The sync runs as a table a customer can read, never the stored JSON.
    const runsTitle = summary.findIndex((r) => r[0] === 'Sync runs');
    expect(summary[runsTitle + 1]).toEqual(['Run', 'Started', 'Finished', 'Sent', 'Succeeded', 'Failed', 'Requests', 'Status']);
    const [sent, planned] = summary.slice(runsTitle + 2, runsTitle + 4);
    expect(sent[0]).toBe(1);
    expect(sent[1]).toBeInstanceOf(Date);
    expect(sent[2]).toBeInstanceOf(Date);
    expect(sent.slice(3, 8)).toEqual([4, 4, 0, expect.any(Number), 'Finished']);
    expect(sent[6] as number).toBeGreaterThanOrEqual(3); // two batches, a retry, the token call is not counted
    expect(planned[0]).toBe(2);
    expect(planned[7]).toMatch(/^Dry run \(nothing sent\): \d+ requests? planned$/);
    expect(summary.flat().some((v) => typeof v === 'string' && v.includes('{'))).toBe(false);

    const jobs = sheet(wb, 'Jobs');
    const title = cellAt(jobs, rowOf(jobs, 'JOB-2'), 'title');
    expect(title.value).toBe('Senior Engineer 2');
    expect(noteOf(title)).toContain('Edited. Original value: Engineer 2');
    expect(cellAt(jobs, rowOf(jobs, 'JOB-1'), 'Sync status').value).toBe('Synced');
    expect(String(cellAt(jobs, rowOf(jobs, 'JOB-1'), 'LinkedIn URN').value)).toMatch(/^urn:li:/);

    const edits = table(sheet(wb, 'Edits')).slice(1);
    expect(edits.some((r) => r[5] === 'JOB-2' && r[6] === 'title' && r[7] === 'Engineer 2' && r[8] === 'Senior Engineer 2')).toBe(true);
    expect(edits.some((r) => r[5] === 'C000003' && r[6] === '(excluded from sync)')).toBe(true);

    expect(table(sheet(wb, 'Excluded')).slice(1).map((r) => [r[1], r[3]])).toEqual([['C000003', 'Asked to be forgotten']]);

    const log = table(sheet(wb, 'Sync log')).slice(1);
    const candidateCalls = log.filter((r) => r[4] === 'Candidates');
    expect(candidateCalls.map((r) => [r[7], r[9]])).toEqual([
      [503, 1],
      [expect.any(Number), 2],
    ]);
    expect(candidateCalls[1][11]).toBe('C000001, C000002');
    expect(log.every((r) => typeof r[8] === 'number')).toBe(true);

    const secrets = [fake.clientSecret, ...fake.issuedTokens()];
    expect(secrets.length).toBeGreaterThan(1);
    const text = allText(wb);
    for (const [name, xml] of zipEntries(path)) {
      for (const secret of secrets) {
        expect(xml, name).not.toContain(secret);
        expect(xml, name).not.toContain(encodeURIComponent(secret));
      }
    }
    for (const secret of secrets) expect(text).not.toContain(secret);
  });
});
