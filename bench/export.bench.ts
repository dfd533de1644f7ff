import { RULE_PACK_VERSION } from '../shared/rsc/version';
// The audit workbook for 100,000 records, beside a baseline: exceljs's streaming writer writing the same
// cells without styles, notes, frozen panes or filters, in the same run. Each export runs in its own
// child process so its peak RSS is its own. Targets: ≤ 1.5× the baseline's time, peak RSS ≤ 400 MB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { BenchResult } from './types';
import { openWorkspaceDb, type Db } from '../electron/core/db/connection';
import { setSetting } from '../electron/core/db/settings-table';
import { writeAuditWorkbook } from '../electron/core/exporting/audit/write-audit';
import { fieldsOf } from '../shared/rsc/fields';
import { CATEGORIES, type Category } from '../shared/domain';
import { recordInserter } from '../test/support/record-rows';

const RECORDS: Record<Category, number> = { jobs: 10_000, candidates: 40_000, applications: 30_000, stages: 20_000 };
const RECORDS_PER_EXCHANGE = 100;
const CHILD_ENV = 'RSCW_EXPORT_BENCH_CHILD';
const DB_ENV = 'RSCW_EXPORT_BENCH_DB';
const OUT_ENV = 'RSCW_EXPORT_BENCH_OUT';

interface ChildResult {
  ms: number;
  /** User + system CPU of the whole process (zlib's threads included) during the export. */
  cpuMs: number;
  peakRssMb: number;
  bytes: number;
}

/** Each export runs this many times, alternating with the other; the best time counts (the build machines are shared). */
const ROUNDS = 2;

// ---------------------------------------------------------------------------------------------
// The workspace: 100,000 records, ~30% with issues, 10,000 edits, 1,000 exclusions, a sync log of
// 1,000 exchanges with full bodies (100 records each).

function sampleValue(category: Category, field: string, type: string, i: number): string | number | null {
  if (type === 'epochMs') return 1_700_000_000_000 + i * 60_000;
  if (type === 'url') return `https://ats.example.com/${category}/${i}`;
  if (type === 'email' || type === 'emailList') return `person${i}@example.com`;
  if (type === 'enum') return 'LISTED';
  if (type === 'countryCode') return 'FR';
  if (type === 'urn' || type === 'personUrn' || type === 'mediaUrn') return i % 3 === 0 ? null : `urn:li:organization:${1000 + (i % 50)}`;
  if (field === 'description') return `Role ${i}: `.padEnd(300, 'lorem ipsum dolor sit amet ');
  return `${field}-${i}`;
}

function buildWorkspace(path: string): void {
  const db = openWorkspaceDb(path);
  setSetting(db, 'workspace.name', 'Benchmark');
  setSetting(db, 'workspace.timeZone', 'Europe/Paris');
  const insert = recordInserter(
    db,
    ['category', 'key', 'original_json', 'values_json', 'status', 'error_count', 'warning_count', 'excluded', 'exclude_reason',
      'sync_status', 'sync_message', 'synced_at', 'linkedin_urn'],
    { source_json: '{}', pack_version: RULE_PACK_VERSION },
  );
  const issue = db.prepare(
    'INSERT INTO record_issues (record_id, category, rule, field, severity, message) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const op = db.prepare("INSERT INTO operations (kind, description, created_at, record_count) VALUES ('bulk-edit', ?, ?, 1000)");
  const edit = db.prepare('INSERT INTO edits (operation_id, record_id, field, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?)');
  const exchange = db.prepare(
    `INSERT INTO exchanges (run_id, at, category, method, url, request_headers, request_body, status, response_headers,
       response_body, duration_ms, attempt, record_keys, error) VALUES (1, ?, ?, 'POST', ?, ?, ?, ?, '{}', ?, 250, 1, ?, NULL)`,
  );
  db.transaction(() => {
    db.prepare("INSERT INTO sync_runs (id, started_at, finished_at, status) VALUES (1, 1700000000000, 1700000600000, 'finished')").run();
    let n = 0;
    let operation = 0;
    for (const category of CATEGORIES) {
      const fields = fieldsOf(category);
      let keys: string[] = [];
      let body: string[] = [];
      for (let i = 0; i < RECORDS[category]; i++, n++) {
        const key = `${category[0].toUpperCase()}-${i}`;
        const values: Record<string, string | number | null> = {};
        for (const f of fields) values[f.name] = f.key ? key : sampleValue(category, f.name, f.type, i);
        const original = { ...values };
        const edited = n % 10 === 0;
        const editedField = fields[fields.length - 1].name;
        if (edited) original[editedField] = `old ${editedField} ${i}`;
        const failing = n % 10 < 3;
        const status = failing ? (n % 10 === 0 ? 'error' : 'warning') : 'compliant';
        const excluded = n % 100 === 1;
        const synced = n % 7 !== 0;
        const id = insert(
          category, key, JSON.stringify(original), JSON.stringify(values), status,
          status === 'error' ? 1 : 0, status === 'warning' ? 1 : 0,
          excluded ? 1 : 0, excluded ? 'Duplicate posting' : null,
          synced ? 'succeeded' : 'failed', synced ? null : 'ERROR :: /title :: field is required but not found',
          synced ? 1_700_000_300_000 : null, synced ? `urn:li:${category}:${i}` : null,
        );
        if (failing) {
          const f = fields[1 + (n % (fields.length - 1))].name;
          issue.run(id, category, `${f}-format`, f, status === 'error' ? 'error' : 'warning', `The ${f} is not in the expected format: fix it in the source.`);
        }
        if (edited) {
          if (n % 1000 === 0) operation = Number(op.run(`Bulk edit ${n}`, 1_700_000_100_000 + n).lastInsertRowid);
          edit.run(operation, id, editedField, JSON.stringify(original[editedField]), JSON.stringify(values[editedField]), 1_700_000_100_000 + n);
        }
        keys.push(key);
        body.push(JSON.stringify(values));
        if (keys.length === RECORDS_PER_EXCHANGE || i === RECORDS[category] - 1) {
          exchange.run(
            1_700_000_200_000 + n, category, `https://api.linkedin.com/rest/${category}`,
            JSON.stringify({ Authorization: 'Bearer [redacted]', 'X-Restli-Method': 'BATCH_UPDATE' }),
            `{"entities":[${body.join(',')}]}`.slice(0, 30_000),
            200,
            JSON.stringify({ results: Object.fromEntries(keys.map((k) => [k, { status: 204 }])) }),
            JSON.stringify(keys),
          );
          keys = [];
          body = [];
        }
      }
    }
  })();
  db.close();
}

// ---------------------------------------------------------------------------------------------
// The baseline: the same cells (keys, statuses, issue texts, sync answers, every field with its date,
// edits, exclusions, the log and its bodies), written by exceljs's streaming writer with no styles.

async function writeBaseline(db: Db, out: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const tick = (() => {
    let n = 0;
    return () => (++n % 500 === 0 ? new Promise<void>((r) => setImmediate(r)) : undefined);
  })();
  const summary = workbook.addWorksheet('Summary');
  summary.addRow(['RSC Workbench audit']).commit();
  summary.commit();
  for (const category of CATEGORIES) {
    const fields = fieldsOf(category);
    const ws = workbook.addWorksheet(category);
    const header = ['Key', 'Status', 'Excluded', 'Issues', 'Sync status', "LinkedIn's answer", 'LinkedIn URN', 'Synced at'];
    for (const f of fields) header.push(...(f.type === 'epochMs' ? [f.name, `${f.name} (date)`] : [f.name]));
    ws.addRow(header).commit();
    const rows = db
      .prepare(
        `SELECT r.key, r.status, r.excluded, r.exclude_reason, r.values_json, r.sync_status, r.sync_message, r.synced_at,
                r.linkedin_urn,
                (SELECT json_group_array(json_array(i.rule, i.field, i.severity, i.message))
                   FROM record_issues i WHERE i.record_id = r.id) AS issues_json
           FROM records_wide r WHERE r.category = ? ORDER BY r.id`,
      )
      .iterate(category) as IterableIterator<Record<string, string | number | null>>;
    for (const r of rows) {
      const values = JSON.parse(r.values_json as string) as Record<string, string | number | null>;
      const issues = JSON.parse(r.issues_json as string) as string[][];
      const row: (string | number | Date | null)[] = [
        r.key as string,
        r.status as string,
        r.excluded ? `Yes: ${r.exclude_reason}` : null,
        issues.length ? issues.map(([rule, field, severity, message]) => `${severity} in ${field}: ${message} [${rule}]`).join('; ') : null,
        r.sync_status as string | null,
        r.sync_message as string | null,
        r.linkedin_urn as string | null,
        r.synced_at === null ? null : new Date(r.synced_at as number),
      ];
      for (const f of fields) {
        const v = values[f.name] ?? null;
        row.push(v);
        if (f.type === 'epochMs') row.push(typeof v === 'number' ? new Date(v) : null);
      }
      ws.addRow(row).commit();
      await tick();
    }
    ws.commit();
  }
  const plainSheet = async (name: string, sql: string, map: (r: Record<string, string | number | null>) => (string | number | Date | null)[]) => {
    const ws = workbook.addWorksheet(name);
    for (const r of db.prepare(sql).iterate() as IterableIterator<Record<string, string | number | null>>) {
      ws.addRow(map(r)).commit();
      await tick();
    }
    ws.commit();
  };
  await plainSheet(
    'Edits',
    `SELECT o.id, o.kind, o.description, e.field, e.before_json, e.after_json, e.at, r.category, r.key
       FROM operations o JOIN edits e ON e.operation_id = o.id JOIN records r ON r.id = e.record_id ORDER BY o.id, e.id`,
    (r) => [r.id, r.kind, r.description, r.category, r.key, r.field, JSON.parse(r.before_json as string), JSON.parse(r.after_json as string), new Date(r.at as number), r.at],
  );
  await plainSheet(
    'Excluded',
    'SELECT category, key, status, exclude_reason FROM records WHERE excluded = 1 ORDER BY category, id',
    (r) => [r.category, r.key, r.status, r.exclude_reason],
  );
  await plainSheet(
    'Sync log',
    'SELECT id, run_id, at, category, method, url, status, duration_ms, attempt, record_keys FROM exchanges ORDER BY id',
    (r) => [r.id, r.run_id, new Date(r.at as number), r.at, r.category, r.method, r.url, r.status, r.duration_ms, r.attempt, (JSON.parse(r.record_keys as string) as string[]).join(', ')],
  );
  await plainSheet(
    'Sync bodies',
    'SELECT id, at, method, url, request_headers, request_body, status, response_headers, response_body FROM exchanges ORDER BY id',
    (r) => [r.id, new Date(r.at as number), r.method, r.url, r.request_headers, r.request_body, r.status, r.response_headers, r.response_body],
  );
  await workbook.commit();
}

// ---------------------------------------------------------------------------------------------

async function child(mode: string): Promise<void> {
  const path = process.env[DB_ENV]!;
  const out = process.env[OUT_ENV]!;
  const db = openWorkspaceDb(path, { readonly: true });
  const started = performance.now();
  const cpu = process.cpuUsage();
  if (mode === 'audit') await writeAuditWorkbook(db, path, { path: out });
  else await writeBaseline(db, out);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  db.close();
  const result: ChildResult = {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    bytes: statSync(out).size,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function spawnChild(mode: 'audit' | 'baseline', db: string, out: string): ChildResult {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self], {
    env: { ...process.env, [CHILD_ENV]: mode, [DB_ENV]: db, [OUT_ENV]: out },
    encoding: 'utf8',
    maxBuffer: 10_000_000,
  });
  if (r.status !== 0) throw new Error(`${mode} child failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-bench-export-'));
  try {
    const db = join(dir, 'bench.rscw');
    buildWorkspace(db);
    const baselines: ChildResult[] = [];
    const audits: ChildResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      baselines.push(spawnChild('baseline', db, join(dir, 'baseline.xlsx')));
      audits.push(spawnChild('audit', db, join(dir, 'audit.xlsx')));
    }
    const best = (runs: ChildResult[], key: 'ms' | 'cpuMs') => Math.min(...runs.map((r) => r[key]));
    const baseline = { ...baselines[0], ms: best(baselines, 'ms'), cpuMs: best(baselines, 'cpuMs'), peakRssMb: Math.max(...baselines.map((r) => r.peakRssMb)) };
    const audit = { ...audits[0], ms: best(audits, 'ms'), cpuMs: best(audits, 'cpuMs'), peakRssMb: Math.max(...audits.map((r) => r.peakRssMb)) };
    const ratio = audit.ms / baseline.ms;
    return [
      {
        name: `audit workbook, 100,000 records (best of ${ROUNDS})`,
        value: audit.ms / 1000,
        unit: 's',
        baseline: { name: 'exceljs streaming writer, same cells, no styling', value: baseline.ms / 1000 },
        ratio,
        target: '≤ 1.5× baseline',
        ok: ratio <= 1.5,
      },
      {
        name: 'audit workbook CPU time (all threads)',
        value: audit.cpuMs / 1000,
        unit: 's',
        baseline: { name: 'baseline CPU time', value: baseline.cpuMs / 1000 },
        ratio: audit.cpuMs / baseline.cpuMs,
      },
      {
        name: 'audit workbook peak RSS',
        value: audit.peakRssMb,
        unit: 'MB',
        baseline: { name: 'baseline writer peak RSS', value: baseline.peakRssMb },
        ratio: audit.peakRssMb / baseline.peakRssMb,
        target: '≤ 400 MB',
        ok: audit.peakRssMb <= 400,
      },
      {
        name: 'audit workbook size',
        value: audit.bytes / 1_000_000,
        unit: 'MB',
        baseline: { name: 'baseline workbook size', value: baseline.bytes / 1_000_000 },
        ratio: audit.bytes / baseline.bytes,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childMode = process.env[CHILD_ENV];
if (childMode) await child(childMode);
