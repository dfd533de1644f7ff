import { afterEach, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { runErase } from '../../../electron/core/reconciling/erase-run';
import { ORG, FAST_TIMING, harness, type Harness } from '../syncing/helpers';

let h: Harness;
afterEach(async () => h.close());

function csv(path: string, ids: number[]): string {
  const rows = ids.map((i) => `C-${i},First${i},Last${i},person${i}@example.com,https://ats.example.com/C-${i},2024-01-1${i},2024-02-1${i}`);
  writeFileSync(path, ['atsCandidateId,firstName,lastName,emailAddresses,externalProfileUrl,atsCreatedAt,atsLastModifiedAt', ...rows].join('\n'));
  return path;
}

it('a record erased because the latest import lacked it is synced again once an import brings it back', async () => {
  h = await harness();
  const dir = join(h.file, '..');
  await importIntoWorkspace(h.db, { path: csv(join(dir, 'v1.csv'), [1, 2, 3]), category: 'candidates' });
  expect(await h.sync({ categories: ['candidates'] })).toMatchObject({ status: 'finished', succeeded: 3 });

  const second = await importIntoWorkspace(h.db, { path: csv(join(dir, 'v2.csv'), [1, 3]), category: 'candidates' });
  expect(second.sheets[0].missing).toBe(1);
  const erased = await runErase(h.db, {
    missing: true,
    credentials: { clientId: h.fake.clientId, clientSecret: h.fake.clientSecret },
    settings: { organizationUrn: ORG, apiBaseUrl: h.fake.url, oauthBaseUrl: h.fake.url },
    timing: FAST_TIMING,
  });
  expect(erased.records).toEqual([{ category: 'candidates', key: 'C-2', status: 'deleted', reason: 'missing' }]);
  expect(h.fake.state.candidates.has('C-2')).toBe(false);
  expect(await h.sync({ categories: ['candidates'], force: true })).toMatchObject({ sent: 2 });

  await importIntoWorkspace(h.db, { path: csv(join(dir, 'v3.csv'), [1, 2, 3]), category: 'candidates' });
  expect(h.db.prepare('SELECT count(*) FROM linkedin_erasures').pluck().get()).toBe(0);
  const back = await h.sync({ categories: ['candidates'] });
  expect(back).toMatchObject({ status: 'finished', sent: 1, succeeded: 1, skipped: 2 });
  expect(h.fake.state.candidates.has('C-2')).toBe(true);
});
