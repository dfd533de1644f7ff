// Import speed and memory: a 100,000-row × 30-column xlsx and a 100,000-row csv (the same rows), each imported
// into a fresh workspace (file → records stored → compliance checked), beside exceljs's streaming reader merely
// reading the same xlsx. Every measurement runs in a child process of its own, so each peak RSS is its own.
// The import runs as the app's import job does (run-job-body.ts): timed up to its result, with the WAL
// checkpoint of what it wrote after it, printed apart. An .xlsx import reads on a thread of its own
// and stores meanwhile (read-thread.ts): its peak RSS is both threads'.
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BenchResult } from './types';
import type { ImportSummary } from '../shared/contract/import';
import type { ImportJobInput } from '../electron/core/importing/import-job';
import { READER_LIMITS } from '../electron/core/importing/reading/read-thread';

const ROWS = 100_000;
const COLUMNS = 30;
const CHILD_ENV = 'RSCW_IMPORT_BENCH_CHILD';

interface ChildResult {
  ms: number;
  /** CPU time (user + system) of the whole child: steadier than wall time when other work shares the machine. */
  cpuMs: number;
  rssMb: number;
  rows: number;
  /** Import only: reading, storing and checking. */
  phases?: ImportSummary['phases'];
  /** Import only: the WAL checkpoint after the result (not in `ms`: the user has the summary by then). */
  checkpointMs?: number;
}

const HEADERS = [
  'Job ID', 'Job Title', 'Job Description', 'Location', 'Status', 'Apply URL', 'Posted Date', 'Organization URN', 'Country',
  'Postal Code', ...Array.from({ length: COLUMNS - 10 }, (_, i) => `Custom Field ${i + 11}`),
];

/** A realistic jobs export row: ten mapped columns, twenty that ride along unmapped. */
function row(r: number): unknown[] {
  const out: unknown[] = [
    `REQ-${100_000 + r}`,
    `Senior Engineer ${r % 700}`,
    `We are hiring a senior engineer for team ${r % 40}. You will build reliable systems and mentor others.`,
    ['Berlin, Germany', 'Austin, TX', 'Paris, France'][r % 3],
    r % 5 ? 'Open' : 'Closed',
    `https://careers.example.com/jobs/${100_000 + r}`,
    new Date(Date.UTC(2024, 0, 1) + (r % 500) * 86_400_000),
    'urn:li:organization:2414183',
    ['DE', 'US', 'FR'][r % 3],
    String(10_000 + (r % 900)),
  ];
  for (let c = out.length; c < COLUMNS; c++) out.push(c % 3 === 0 ? r * c : c % 3 === 1 ? `value ${c}-${r % 1000}` : `Team ${r % 50}`);
  return out;
}

export async function writeXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Jobs');
  ws.addRow(HEADERS).commit();
  for (let r = 0; r < ROWS; r++) {
    const x = ws.addRow(row(r));
    x.getCell(7).numFmt = 'yyyy-mm-dd';
    x.commit();
  }
  ws.commit();
  await wb.commit();
}

export function writeCsv(path: string): void {
  const cell = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [HEADERS.map(cell).join(',')];
  for (let r = 0; r < ROWS; r++) lines.push(row(r).map(cell).join(','));
  writeFileSync(path, lines.join('\r\n') + '\r\n');
}

/** Runs one measurement in a fresh Node process (tsx loader) and returns its time and peak RSS. */
type ChildTask = 'read' | 'read-on-reading-thread' | 'import';

function inChild(task: ChildTask, file: string, workspace = ''): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_ENV]: JSON.stringify({ task, file, workspace }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`import bench child (${task} ${file}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
}

/** The baseline's loop, for a worker thread (evaluated as a CommonJS script: no loader needed). */
const BARE_READ_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require('exceljs');
(async () => {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workerData.file, { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'emit', styles: 'cache' });
  for await (const ws of reader) for await (const _row of ws) rows++;
  parentPort.postMessage(rows);
})();`;

async function child(spec: { task: ChildTask; file: string; workspace: string }): Promise<ChildResult> {
  // Modules are loaded before the clock starts, as exceljs is for the baseline (a static import).
  const jobs = spec.task === 'import' ? await import('../electron/core/jobs/run-job-body') : null;
  const startCpu = process.cpuUsage();
  const startupCpuMs = (startCpu.user + startCpu.system) / 1000;
  const started = performance.now();
  let rows = 0;
  let phases: ChildResult['phases'];
  let checkpointMs: number | undefined;
  /** The import's result; the clock stops there. */
  let endedAt: number | undefined;
  if (spec.task === 'read') {
    // The baseline: the same streaming reader with the same options as the import, doing nothing with the rows.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(spec.file, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'emit',
      styles: 'cache',
    });
    for await (const ws of reader) for await (const _row of ws) rows++;
  } else if (spec.task === 'read-on-reading-thread') {
    // The same loop on a thread with the import's reading thread's memory limits (read-thread.ts).
    const worker = new Worker(BARE_READ_SCRIPT, { eval: true, workerData: { file: spec.file }, resourceLimits: READER_LIMITS });
    rows = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
  } else {
    // As the app runs it: the import job's body on a connection of its own, whose WAL checkpoint
    // waits until the result is out (run-job-body.ts). The checkpoint is timed apart below.
    const input: ImportJobInput = { mode: 'import', request: { path: spec.file }, presets: [] };
    const outcome = await jobs!.runJobBody('import', input, spec.workspace, new Int32Array(new SharedArrayBuffer(4)), () => {});
    const summary = outcome.result as ImportSummary;
    endedAt = performance.now();
    outcome.settle();
    checkpointMs = performance.now() - endedAt;
    rows = summary.sheets.reduce((n, s) => n + s.added, 0);
    if (!summary.checked) throw new Error('the compliance check did not run');
    phases = summary.phases;
  }
  const ms = (endedAt ?? performance.now()) - started;
  const cpu = process.cpuUsage();
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 - startupCpuMs, rssMb: process.resourceUsage().maxRSS / 1024, rows, phases, checkpointMs };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-import-bench-'));
  try {
    const xlsx = join(dir, 'jobs.xlsx');
    const csv = join(dir, 'jobs.csv');
    await writeXlsx(xlsx);
    writeCsv(csv);
    const baseline = await inChild('read', xlsx);
    const tunedRead = await inChild('read-on-reading-thread', xlsx);
    const xlsxImport = await inChild('import', xlsx, join(dir, 'xlsx.rscw'));
    const csvImport = await inChild('import', csv, join(dir, 'csv.rscw'));
    for (const r of [baseline, tunedRead, xlsxImport, csvImport]) {
      if (r.rows !== ROWS && r.rows !== ROWS + 1) throw new Error(`expected ${ROWS} rows, got ${r.rows}`);
    }
    const ratio = xlsxImport.ms / baseline.ms;
    const csvRate = ROWS / (csvImport.ms / 1000);
    const base = { name: 'exceljs streaming read of the same xlsx', value: baseline.ms };
    const x = xlsxImport.phases!;
    const c = csvImport.phases!;
    const stored = x.readMs + x.storeMs;
    return [
      { name: `xlsx import, ${ROWS.toLocaleString('en-US')} × ${COLUMNS} (file → records → compliance checked)`, value: xlsxImport.ms, unit: 'ms', baseline: base, ratio, target: '≤ 1.3× baseline', ok: ratio <= 1.3 },
      {
        name: x.storedWhileReading ? '  of which reading the file, records stored meanwhile on this thread' : '  of which reading the file',
        value: x.readMs,
        unit: 'ms',
        baseline: base,
        ratio: x.readMs / baseline.ms,
      },
      { name: x.storedWhileReading ? '  of which storing what was left once it was read' : '  of which storing the records (one transaction)', value: x.storeMs, unit: 'ms' },
      { name: '  of which the compliance check (all records)', value: x.checkMs, unit: 'ms' },
      { name: 'xlsx import up to records stored (each checked as it is written)', value: stored, unit: 'ms', baseline: base, ratio: stored / baseline.ms },
      {
        // The import reads on a thread whose young generation suits exceljs's garbage: the same
        // bare read given that thread's limits is faster too, so this ratio is the import's own cost.
        name: 'xlsx import beside the bare read on a thread with the import\'s reading-thread limits',
        value: xlsxImport.ms,
        unit: 'ms',
        baseline: { name: 'that read', value: tunedRead.ms },
        ratio: xlsxImport.ms / tunedRead.ms,
      },
      {
        name: 'xlsx import CPU time (user + system; steadier than wall time on a busy machine)',
        value: xlsxImport.cpuMs,
        unit: 'ms',
        baseline: { name: 'CPU time of the streaming read', value: baseline.cpuMs },
        ratio: xlsxImport.cpuMs / baseline.cpuMs,
      },
      { name: 'csv import, same rows (file → records → compliance checked)', value: csvRate, unit: 'rows/s', target: '≥ 100,000 rows/s', ok: csvRate >= 100_000 },
      { name: '  csv import time: read / store / check', value: csvImport.ms, unit: `ms (${c.readMs} / ${c.storeMs} / ${c.checkMs})` },
      { name: 'csv import up to records stored (each checked as it is written)', value: ROWS / ((c.readMs + c.storeMs) / 1000), unit: 'rows/s' },
      { name: 'WAL checkpoint after each import\'s result (xlsx / csv; off the user\'s wait, as in the app)', value: xlsxImport.checkpointMs!, unit: `ms / ${Math.round(csvImport.checkpointMs!)} ms` },
      { name: 'peak RSS, xlsx import', value: xlsxImport.rssMb, unit: 'MB', baseline: { name: 'streaming read alone', value: baseline.rssMb }, target: '≤ 400 MB', ok: xlsxImport.rssMb <= 400 },
      { name: 'peak RSS, csv import', value: csvImport.rssMb, unit: 'MB', target: '≤ 400 MB', ok: csvImport.rssMb <= 400 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childSpec = process.env[CHILD_ENV];
if (childSpec) {
  const result = await child(JSON.parse(childSpec) as { task: ChildTask; file: string; workspace: string });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
