// Compliance engine benchmark: 100,000 records per category, checked in full, beside a baseline
// that only reads the same records (SELECT + JSON.parse) in the same run; and the time of a
// single-record re-check including its database write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../electron/core/db/connection';
import { checkAll, recheckRecords, complianceSummary } from '../electron/core/compliance';
import { invalidateComplianceIndex } from '../electron/core/compliance/index-cache';
import type { Category, FieldValues } from '../shared/domain';
import { recordKey } from '../shared/rsc/keys';
import type { BenchResult } from './types';
import { recordInserter } from '../test/support/record-rows';

const PER_CATEGORY = Number(process.env.BENCH_COMPLIANCE_RECORDS ?? 100_000);
const DAY = 86_400_000;
const BASE_MS = Date.UTC(2023, 0, 1);

/** A deterministic PRNG so every run checks the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'we are hiring a motivated engineer to build reliable systems with a friendly team in a growing company that values ownership learning and clear communication across product design and operations'.split(' ');
const CITIES = ['Austin, TX', 'Berlin, Germany', 'Paris, France', 'Denver, CO', 'Toronto, Canada', 'London, UK'];
const STAGES = ['Applied', 'Phone Screen', 'Onsite Interview', 'Offer Extended', 'Hired', 'Rejected'];
const SOURCES = ['Referral', 'LinkedIn', 'Career Fair', 'Monster', 'Company Website'];
const FIRST = ['Ann', 'Bob', 'Chloé', 'Dmitri', 'Eva', 'Farid', 'Grace', 'Hiro'];
const LAST = ['Lee', 'Martin', 'Okafor', 'Schmidt', 'Tanaka', 'Nguyen', 'García'];

function words(rnd: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  return out.join(' ');
}

/** Mostly clean records as an importer stores them (dates as epoch ms), with ~5% of the usual defects. */
export function generateRecord(category: Category, n: number, rnd: () => number): FieldValues {
  const defect = rnd() < 0.05 ? Math.floor(rnd() * 4) : -1;
  const created = BASE_MS + Math.floor(rnd() * 900) * DAY + Math.floor(rnd() * DAY);
  const first = FIRST[n % FIRST.length];
  const last = LAST[n % LAST.length];
  switch (category) {
    case 'jobs':
      return {
        integrationContext: defect === 0 ? '123456' : 'urn:li:organization:123456',
        externalJobPostingId: `JOB-${n}`,
        title: `Senior ${words(rnd, 3)} engineer`,
        description: words(rnd, 120 + Math.floor(rnd() * 200)),
        location: defect === 1 ? null : CITIES[n % CITIES.length],
        state: rnd() < 0.8 ? 'LISTED' : 'CLOSED',
        companyApplyUrl: `https://careers.example.com/jobs/${n}`,
        listedAt: defect === 2 ? Math.floor(created / 1000) : created,
      };
    case 'candidates':
      return {
        atsCandidateId: `C${n}`,
        atsCreatedAt: created,
        atsLastModifiedAt: defect === 0 ? created - DAY : created + Math.floor(rnd() * 30) * DAY,
        emailAddresses: defect === 1 ? `${first}.${last}${n}@example` : `${first.toLowerCase()}.${n}@example.com`,
        externalProfileUrl: `https://ats.example.com/candidates/${n}`,
        firstName: first,
        lastName: last,
        manualMatchedMember: rnd() < 0.1 ? `urn:li:person:ACoAA${n}` : null,
      };
    case 'applications':
      return {
        atsJobApplicationId: `A${n}`,
        atsCandidateId: `C${defect === 0 ? n + PER_CATEGORY : n}`,
        atsCreatedAt: created,
        atsLastModifiedAt: created + Math.floor(rnd() * 20) * DAY,
        atsJobPostingId: `JOB-${Math.floor(rnd() * PER_CATEGORY)}`,
        atsJobPostingName: `Senior ${words(rnd, 2)} engineer`,
        candidateEmail: `${first.toLowerCase()}.${n}@example.com`,
        dispositionReason: rnd() < 0.5 ? 'Position filled' : null,
        firstName: first,
        lastName: last,
        source: SOURCES[n % SOURCES.length],
        media: rnd() < 0.7 ? `urn:li:media:D4E10AQ${n}` : null,
      };
    case 'stages':
      return {
        atsJobApplicationId: `A${Math.floor(n / 1)}`,
        stageId: rnd() < 0.5 ? `S${n}` : null,
        atsCreatedAt: defect === 0 ? '2025-03-04T09:30:00' : created,
        stage: defect === 1 ? 'Not Available' : STAGES[n % STAGES.length],
      };
  }
}

export function populate(db: Db, perCategory: number): void {
  const rnd = mulberry32(42);
  const insert = recordInserter(db, ['category', 'key', 'source_row', 'original_json', 'values_json', 'source_json']);
  const seen = new Set<string>();
  db.transaction(() => {
    for (const category of ['jobs', 'candidates', 'applications', 'stages'] as const) {
      for (let n = 0; n < perCategory; n++) {
        const values = generateRecord(category, n, rnd);
        const json = JSON.stringify(values);
        // The source row keyed by export headers, as the importer keeps it.
        const source = JSON.stringify(Object.fromEntries(Object.entries(values).map(([k, v]) => [`ATS ${k}`, v])));
        const key = recordKey(category, values) ?? `row-${n}`;
        // A generated duplicate key is skipped, as (category, key) is unique.
        if (seen.has(`${category}/${key}`)) continue;
        seen.add(`${category}/${key}`);
        insert(category, key, n + 2, json, json, source);
      }
    }
  })();
}

function baselineRead(db: Db): number {
  const started = performance.now();
  let fields = 0;
  for (const row of db.prepare('SELECT id, values_json FROM records_wide').iterate() as IterableIterator<{ id: number; values_json: string }>) {
    const values = JSON.parse(row.values_json) as FieldValues;
    if (values) fields++;
  }
  if (fields === 0) throw new Error('nothing read');
  return performance.now() - started;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-bench-compliance-'));
  const db = openWorkspaceDb(join(dir, 'bench.rscw'));
  try {
    populate(db, PER_CATEGORY);
    const total = PER_CATEGORY * 4;

    baselineRead(db); // warm the page cache for both sides alike
    const firstBase = baselineRead(db);
    // Worst case: records stored unchecked (as a bare import leaves them), so every row is rewritten.
    const first = checkAll(db);
    const baselines: number[] = [firstBase];
    const rechecks: number[] = [];
    for (let i = 0; i < 3; i++) {
      baselines.push(baselineRead(db));
      const r = checkAll(db);
      if (r.checked !== total) throw new Error(`checked ${r.checked} of ${total}`);
      rechecks.push(r.durationMs);
    }
    const base = median(baselines);
    const full = median(rechecks);

    // Single-record re-check incl. its write: edit a value, re-check, as the editor does.
    const ids = (db.prepare('SELECT id FROM records ORDER BY random() LIMIT 300').all() as { id: number }[]).map((r) => r.id);
    const readValues = db.prepare('SELECT values_json FROM records_wide WHERE id = ?').pluck();
    const writeValues = db.prepare('UPDATE record_values SET values_json = ? WHERE record_id = ?');
    const times: number[] = [];
    for (const id of ids) {
      const values = JSON.parse(readValues.get(id) as string) as FieldValues;
      values.firstName = `Edited ${id}`;
      writeValues.run(JSON.stringify(values), id);
      const t = performance.now();
      recheckRecords(db, [id]);
      times.push(performance.now() - t);
    }
    const single = median(times);
    const p95 = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)];

    invalidateComplianceIndex(db);
    const coldStart = performance.now();
    recheckRecords(db, [ids[0]]);
    const cold = performance.now() - coldStart;

    const summaryStart = performance.now();
    complianceSummary(db);
    const summary = performance.now() - summaryStart;

    const n = total.toLocaleString('en-US');
    return [
      { name: `read ${n} records (SELECT + JSON.parse)`, value: base, unit: 'ms' },
      {
        name: `full check of ${n} records, results already stored (e.g. after import-time checks or an edit)`,
        value: full, unit: 'ms',
        baseline: { name: 'read only', value: base }, ratio: full / base,
        target: '≤ 1.5× baseline', ok: full / base <= 1.5,
      },
      { name: 'full check rate', value: total / (full / 1000), unit: 'records/s' },
      {
        name: `first full check of ${n} unchecked records (every row rewritten: ${first.changed.toLocaleString('en-US')})`,
        value: first.durationMs, unit: 'ms',
        baseline: { name: 'read only', value: firstBase }, ratio: first.durationMs / firstBase,
      },
      { name: 'single-record re-check incl. DB write (median of 300)', value: single, unit: 'ms', target: '< 5 ms', ok: single < 5 },
      { name: 'single-record re-check, p95', value: p95, unit: 'ms' },
      { name: 'first re-check on a connection without index (builds it)', value: cold, unit: 'ms' },
      { name: 'compliance summary (SQL over stored issues)', value: summary, unit: 'ms' },
    ];
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
