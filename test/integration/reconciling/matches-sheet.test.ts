import { afterEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { runReconcile } from '../../../electron/core/reconciling/reconcile-run';
import { runErase } from '../../../electron/core/reconciling/erase-run';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { ORG, FAST_TIMING, candidate, harness, insertRecords, tempWorkspace, type Harness } from '../syncing/helpers';
import { cellAt, headers, readWorkbook, rowOf, sheet } from '../exporting/read-workbook';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

it('the audit workbook gets a "Matches" sheet: each candidate read back, what it lacks, its drift, and the erased records', async () => {
  h = await harness();
  insertRecords(h.db, 'candidates', [candidate(0), candidate(1, { emailAddresses: '' }), candidate(2), candidate(3)]);
  expect((await h.sync({ categories: ['candidates'] })).status).toBe('finished');
  h.fake.state.candidates.get('C000002')!.entity.firstName = 'Renamed';
  const connection = {
    credentials: { clientId: h.fake.clientId, clientSecret: h.fake.clientSecret },
    settings: { organizationUrn: ORG, apiBaseUrl: h.fake.url, oauthBaseUrl: h.fake.url },
    timing: FAST_TIMING,
  };
  await runReconcile(h.db, connection);
  h.db.prepare("UPDATE records SET missing_from_source = 1 WHERE key = 'C000003'").run();
  expect((await runErase(h.db, { ...connection, missing: true })).deleted).toBe(1);

  const path = join(h.file, '..', 'audit.xlsx');
  const result = await writeAuditWorkbook(h.db, h.file, { path });
  expect(result.sheets).toContain('Matches');
  const ws = sheet(await readWorkbook(path), 'Matches');
  expect(headers(ws)).toEqual([
    'Category', 'Record', 'LinkedIn', 'Members matched', 'Manual match', 'Read / erased at', 'Lacks (helps matching)', 'Held otherwise at LinkedIn', 'Note',
  ]);
  const at = (key: string, header: string) => cellAt(ws, rowOf(ws, key, 2), header).value;
  expect(at('C000000', 'LinkedIn')).toBe('Matched');
  expect(at('C000000', 'Members matched')).toBe('urn:li:person:mC000000');
  expect(at('C000000', 'Read / erased at')).toBeInstanceOf(Date);
  expect(at('C000001', 'LinkedIn')).toBe('No member');
  expect(at('C000001', 'Lacks (helps matching)')).toBe('emailAddresses, phoneNumbers, linkedInProfileUrl, currentCompanyName, currentJobTitle');
  expect(at('C000002', 'Held otherwise at LinkedIn')).toBe('firstName: sent First2, LinkedIn Renamed');
  expect(at('C000003', 'LinkedIn')).toBe('Erased at LinkedIn');
  expect(at('C000003', 'Note')).toBe('Missing from the latest import');
});

it('a workspace that never reconciled gets no Matches sheet', async () => {
  const ws = tempWorkspace();
  try {
    insertRecords(ws.db, 'candidates', [candidate(0)]);
    const result = await writeAuditWorkbook(ws.db, ws.file, { path: join(ws.dir, 'audit.xlsx') });
    expect(result.sheets).not.toContain('Matches');
  } finally {
    ws.cleanup();
  }
});
