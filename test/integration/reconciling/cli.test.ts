import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { startFakeLinkedIn, type FakeLinkedIn } from '../../support/fake-linkedin/server';
import { candidate, insertRecords, ORG } from '../syncing/helpers';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('the reconcile and erase commands', () => {
  let fake: FakeLinkedIn;
  let dir: string;
  let file: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    fake = await startFakeLinkedIn({
      readDelete: { refuseDelete: (_r, id) => (id === 'C-1003' ? { status: 403, message: 'Deletion not allowed for this candidate' } : null) },
    });
    dir = mkdtempSync(join(tmpdir(), 'rscw-cli-reconcile-'));
    file = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    process.env.RSC_CLIENT_ID = fake.clientId;
    process.env.RSC_CLIENT_SECRET = fake.clientSecret;
    process.env.RSC_ORGANIZATION_URN = ORG;
    process.env.RSC_API_BASE_URL = fake.url;
    process.env.RSC_OAUTH_BASE_URL = fake.url;
    const db = openWorkspaceDb(file);
    // Seven candidates; C-1002, C-1004 and C-1006 have no email, so the fake's rule matches no member.
    insertRecords(
      db,
      'candidates',
      Array.from({ length: 7 }, (_, i) => {
        const c = candidate(i, { atsCandidateId: `C-100${i}`, ...(i % 2 === 0 && i > 0 ? { emailAddresses: '' } : {}) });
        return { ...c, key: `C-100${i}` };
      }),
    );
    db.close();
    expect((await cli(['sync', '--db', file, '--json'])).code).toBe(0);
  });

  afterEach(async () => {
    process.env = { ...saved };
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconcile --json prints exactly the documented shape', async () => {
    const { code, stdout } = await cli(['reconcile', '--category', 'candidates', '--db', file, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout) as { candidates: unknown; records: unknown[] };
    expect(Object.keys(out)).toEqual(['candidates', 'records']);
    expect(out.candidates).toEqual({ synced: 7, checked: 7, matched: 4, unmatched: 3, notFound: 0 });
    expect(out.records[0]).toEqual({ category: 'candidates', key: 'C-1000', status: 'matched', members: ['urn:li:person:mC1000'], manualMatchedMember: null });
    expect(out.records.filter((r) => (r as { status: string }).status === 'unmatched').map((r) => (r as { key: string }).key)).toEqual([
      'C-1002', 'C-1004', 'C-1006',
    ]);
  });

  it('reconcile exits 1 when it cannot run', async () => {
    process.env.RSC_CLIENT_SECRET = 'wrong';
    const { code, stderr } = await cli(['reconcile', '--db', file, '--json']);
    expect(code).toBe(1);
    expect(stderr).toContain('rscw: ');
    const other = await cli(['reconcile', '--category', 'jobs', '--db', file]);
    expect(other.code).toBe(1);
  });

  it('erase refuses without --yes and says what it would delete; --dry-run lists it; --yes deletes', async () => {
    const refused = await cli(['erase', 'candidates', 'C-1000', 'C-1001', '--db', file]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('candidates   C-1000');
    expect(refused.stderr).toContain('Run again with --yes');
    expect(fake.requests.some((r) => r.effectiveMethod === 'DELETE')).toBe(false);

    const dry = await cli(['erase', 'candidates', 'C-1000', 'C-1001', '--dry-run', '--db', file, '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual({
      dryRun: true, requests: 1, deleted: 0, failed: 0,
      records: [{ category: 'candidates', key: 'C-1000', status: 'planned' }, { category: 'candidates', key: 'C-1001', status: 'planned' }],
    });
    expect(fake.requests.some((r) => r.effectiveMethod === 'DELETE')).toBe(false);

    const done = await cli(['erase', 'candidates', 'C-1000', 'C-1001', '--yes', '--db', file, '--json']);
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({
      dryRun: false, requests: 1, deleted: 2, failed: 0,
      records: [{ category: 'candidates', key: 'C-1000', status: 'deleted' }, { category: 'candidates', key: 'C-1001', status: 'deleted' }],
    });
    expect(fake.state.candidates.has('C-1000')).toBe(false);

    // Erased records are no longer "synced": a reconcile reads the other five.
    const after = JSON.parse((await cli(['reconcile', '--db', file, '--json'])).stdout) as { candidates: { synced: number } };
    expect(after.candidates.synced).toBe(5);
  });

  it('erase --missing deletes what the latest import no longer holds, and exits 3 when LinkedIn refused some', async () => {
    const db = openWorkspaceDb(file);
    db.prepare("UPDATE records SET missing_from_source = 1 WHERE key IN ('C-1003', 'C-1005')").run();
    db.close();
    const { code, stdout, stderr } = await cli(['erase', '--missing', '--category', 'candidates', '--yes', '--db', file, '--json']);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toEqual({
      dryRun: false, requests: 1, deleted: 1, failed: 1,
      records: [
        { category: 'candidates', key: 'C-1003', status: 'failed', message: 'Deletion not allowed for this candidate' },
        { category: 'candidates', key: 'C-1005', status: 'deleted' },
      ],
    });
    expect(stderr).toContain('refused: candidates C-1003: Deletion not allowed for this candidate');
  });
});
