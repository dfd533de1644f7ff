import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import type { Category, FieldValues } from '../../../shared/domain';
import type { SyncRuntime, SyncTiming } from '../../../electron/core/syncing/timing';
import { recordInserter } from '../../support/record-rows';

export const ORG = 'urn:li:organization:2414183';
const T0 = 1_700_000_000_000;

export function tempWorkspace(): { db: Db; file: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-sync-'));
  const file = join(dir, 'workspace.rscw');
  const db = openWorkspaceDb(file);
  return {
    db,
    file,
    dir,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SeedRecord {
  key: string;
  values: FieldValues;
  status?: 'compliant' | 'warning' | 'error' | 'unchecked';
  excluded?: boolean;
}

export function insertRecords(db: Db, category: Category, records: SeedRecord[]): void {
  const insert = recordInserter(db, ['category', 'key', 'original_json', 'values_json', 'status', 'excluded']);
  db.transaction(() => {
    for (const r of records) {
      const json = JSON.stringify(r.values);
      insert(category, r.key, json, json, r.status ?? 'compliant', r.excluded ? 1 : 0);
    }
  })();
}

export function setValues(db: Db, category: Category, key: string, changes: FieldValues): void {
  const row = db.prepare('SELECT values_json FROM records_wide WHERE category = ? AND key = ?').get(category, key) as { values_json: string };
  const values = { ...(JSON.parse(row.values_json) as FieldValues), ...changes };
  db.prepare('UPDATE record_values SET values_json = ? WHERE record_id IN (SELECT id FROM records WHERE category = ? AND key = ?)').run(JSON.stringify(values), category, key);
}

export function job(i: number): SeedRecord {
  const id = `JOB-${i}`;
  return {
    key: id,
    values: {
      externalJobPostingId: id,
      integrationContext: ORG,
      title: `Software Engineer ${i}`,
      description: `We are hiring a software engineer (${i}) to build and run the systems our recruiters rely on every day, with care and curiosity.`,
      location: 'San Francisco, CA',
      companyApplyUrl: `https://jobs.example.com/${id}`,
      listedAt: T0,
      state: 'LISTED',
    },
  };
}

export function candidate(i: number, extra: FieldValues = {}): SeedRecord {
  const id = `C${String(i).padStart(6, '0')}`;
  return {
    key: id,
    values: {
      atsCandidateId: id,
      atsCreatedAt: T0 + i,
      atsLastModifiedAt: T0 + i + 1000,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      emailAddresses: `person${i}@example.com`,
      externalProfileUrl: `https://ats.example.com/candidates/${id}`,
      ...extra,
    },
  };
}

export function application(i: number): SeedRecord {
  const id = `A${String(i).padStart(6, '0')}`;
  return {
    key: id,
    values: {
      atsJobApplicationId: id,
      atsCandidateId: `C${String(i).padStart(6, '0')}`,
      atsCreatedAt: T0 + i,
      atsLastModifiedAt: T0 + i + 5000,
      atsJobPostingId: `JOB-${i % 3}`,
      atsJobPostingName: `Software Engineer ${i % 3}`,
      candidateEmail: `person${i}@example.com`,
      firstName: `First${i}`,
      lastName: `Last${i}`,
      source: 'Referral',
    },
  };
}

export function stage(i: number, j: number): SeedRecord {
  const appId = `A${String(i).padStart(6, '0')}`;
  return {
    key: `${appId}/S${j}`,
    values: { atsJobApplicationId: appId, stageId: `S${j}`, atsCreatedAt: T0 + i * 10 + j, stage: ['New', 'Phone Screen', 'Onsite'][j % 3] },
  };
}

/** Retry and poll delays of a few milliseconds, so fault tests run fast without changing the logic. */
export const FAST_TIMING: Partial<SyncTiming> = {
  requestTimeoutMs: 15_000,
  retryInitialMs: 1,
  retryMaxMs: 8,
  rateLimitInitialMs: 1,
  rateLimitMaxMs: 8,
  taskFirstPollMs: 1,
  taskPollMaxMs: 8,
  taskWaitTimeoutMs: 10_000,
};

/**
 * A clock whose sleeps return at once but move `now` forward, recording each requested delay:
 * lets a test assert that Retry-After or a backoff was honoured without waiting for it.
 */
export function virtualRuntime(seed = 0.5): SyncRuntime & { sleeps: number[] } {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      sleeps.push(ms);
      offset += ms;
      await Promise.resolve();
    },
    random: () => seed,
  };
}

export function records(db: Db, category: Category) {
  return db
    .prepare(
      `SELECT id, key, sync_status, sync_message, sync_hash, sync_rejected_hash, sync_exchange_id, linkedin_urn
       FROM records WHERE category = ? ORDER BY id`,
    )
    .all(category) as {
    id: number;
    key: string;
    sync_status: string | null;
    sync_message: string | null;
    sync_hash: string | null;
    sync_rejected_hash: string | null;
    sync_exchange_id: number | null;
    linkedin_urn: string | null;
  }[];
}

export interface Harness {
  fake: import('../../support/fake-linkedin/server').FakeLinkedIn;
  db: Db;
  file: string;
  sync(options?: Partial<import('../../../electron/core/syncing/sync-run').RunSyncOptions>): Promise<import('../../../shared/contract/sync').SyncSummary>;
  close(): Promise<void>;
}

/** A workspace and a fake LinkedIn wired together, with fast retry and poll delays. */
export async function harness(
  fakeOptions: import('../../support/fake-linkedin/server').FakeLinkedInOptions = {},
): Promise<Harness> {
  const { startFakeLinkedIn } = await import('../../support/fake-linkedin/server');
  const { runSync } = await import('../../../electron/core/syncing/sync-run');
  const fake = await startFakeLinkedIn(fakeOptions);
  const ws = tempWorkspace();
  return {
    fake,
    db: ws.db,
    file: ws.file,
    sync: (options = {}) =>
      runSync(ws.db, {
        credentials: { clientId: fake.clientId, clientSecret: fake.clientSecret },
        ...options,
        settings: { organizationUrn: ORG, apiBaseUrl: fake.url, oauthBaseUrl: fake.url, ...options.settings },
        timing: { ...FAST_TIMING, ...options.timing },
      }),
    close: async () => {
      await fake.close();
      ws.cleanup();
    },
  };
}

/** Requests that reached a resource and changed the fake's state. */
export function applied(fake: import('../../support/fake-linkedin/server').FakeLinkedIn, resource: string) {
  return fake.requests.filter((r) => r.resource === resource && r.applied);
}

/** How many applied requests carried each key. */
export function keyCounts(fake: import('../../support/fake-linkedin/server').FakeLinkedIn, resource: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of applied(fake, resource)) for (const k of r.keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
