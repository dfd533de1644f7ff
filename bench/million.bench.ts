// A million candidates from one csv (issue #21): a 1,000,000-row × 30-column export (~400 MB), written into the
// system temp folder and removed after, imported (stored and checked) through the command line and through the
// app's job worker, each beside a bare Papa Parse streaming read of the same file. Every measurement runs in a
// child process of its own, so each peak RSS is its own (a job worker's is its whole process's).
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { BenchResult } from './types';
import type { ImportSummary } from '../shared/contract/import';

const ROWS = Number(process.env.BENCH_MILLION_ROWS ?? 1_000_000);
const COLUMNS = 30;
const CHILD_ENV = 'RSCW_MILLION_BENCH_CHILD';

type Task = 'papa' | 'cli' | 'job-worker';

interface ChildResult {
  ms: number;
  rssMb: number;
  rows: number;
  phases?: ImportSummary['phases'];
}

const FIXED = ['Candidate ID', 'First Name', 'Last Name', 'Email', 'Profile URL', 'Candidate Created', 'Last Modified'];
const HEADERS = [...FIXED, ...Array.from({ length: COLUMNS - FIXED.length }, (_, i) => `Custom Field ${i + 1}`)];
const FIRST = ['Anna', 'Jonas', 'Maria', 'Lukas', 'Sofia', 'Elias', 'Mia', 'Noah', 'Emma', 'Paul'];
const LAST = ['Müller', 'Schmidt', 'Kowalski', 'Silva', 'Dubois', 'Rossi', 'Nowak', 'García', 'Jansen', 'Novak'];

/** One candidate, ~400 bytes: seven mapped columns and twenty-three that ride along. */
function line(r: number): string {
  const first = FIRST[r % 10];
  const last = LAST[Math.floor(r / 10) % 10];
  const created = new Date(Date.UTC(2020, 0, 1) + (r % 1500) * 86_400_000).toISOString().slice(0, 10);
  const cells = [
    `C${1_000_000 + r}`,
    first,
    last,
    `${first.toLowerCase()}.${r}@example.com`,
    `https://ats.example.com/candidates/${1_000_000 + r}`,
    created,
    created,
  ];
  for (let c = cells.length; c < COLUMNS; c++) cells.push(c % 3 === 0 ? String(r * c) : c % 3 === 1 ? `value ${c}-${r % 1000}` : `"Team ${r % 50}, group ${c}"`);
  return cells.join(',');
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write(HEADERS.join(',') + '\r\n');
  let batch: string[] = [];
  for (let r = 0; r < ROWS; r++) {
    batch.push(line(r));
    if (batch.length === 10_000 || r === ROWS - 1) {
      if (!out.write(batch.join('\r\n') + '\r\n')) await once(out, 'drain');
      batch = [];
    }
  }
  out.end();
  await once(out, 'finish');
}

function inChild(task: Task, file: string, workspace = ''): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
      env: { ...process.env, [CHILD_ENV]: JSON.stringify({ task, file, workspace }) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`million bench child (${task}) exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult);
    });
  });
}

async function child(spec: { task: Task; file: string; workspace: string }): Promise<ChildResult> {
  // Modules are loaded before the clock starts, as Papa Parse is for the baseline.
  const cli = spec.task === 'cli' ? await import('../electron/cli/main') : null;
  const jobs = spec.task === 'job-worker' ? await import('../electron/core/jobs/runner') : null;
  // The app starts its job worker ahead of the first job (JobRunner.warm): a tiny inspection loads its modules.
  const runner = jobs ? new jobs.JobRunner('worker', { started() {}, progress() {}, finished() {} }) : null;
  if (runner) {
    const tiny = join(spec.workspace + '-warm.csv');
    writeFileSync(tiny, 'Candidate ID,First Name\r\nC1,Anna\r\n');
    await runner.run('import', { mode: 'inspect', path: tiny, presets: [] }, { title: 'Warm up', workspacePath: spec.workspace });
  }
  const started = performance.now();
  let rows = 0;
  let phases: ChildResult['phases'];
  if (spec.task === 'papa') {
    // The baseline: Papa Parse streaming the file (as text, as the import does), doing nothing with the rows.
    await new Promise<void>((resolve, reject) => {
      Papa.parse<string[]>(createReadStream(spec.file, { encoding: 'utf8', highWaterMark: 1024 * 1024 }), {
        step: () => void rows++,
        complete: () => resolve(),
        error: reject,
      });
    });
    rows--; // the header
  } else if (spec.task === 'cli') {
    // `rscw import <file> --json`, in this process, as `npm run cli` runs it; its output is kept for its counts.
    const write = process.stdout.write.bind(process.stdout);
    let json = '';
    process.stdout.write = ((chunk: string | Uint8Array) => ((json += chunk.toString()), true)) as typeof process.stdout.write;
    const code = await cli!.runCli(['import', spec.file, '--category', 'candidates', '--db', spec.workspace, '--json']);
    process.stdout.write = write;
    if (code !== 0) throw new Error(`rscw import exited with ${code}: ${json}`);
    rows = (JSON.parse(json) as { sheets: { added: number }[] }).sheets.reduce((n, s) => n + s.added, 0);
  } else {
    // The app's import job, run by the job runner on its worker thread as the app runs it.
    const summary = await runner!.run<ImportSummary>('import', { mode: 'import', request: { path: spec.file, category: 'candidates' }, presets: [] }, { title: 'Import', workspacePath: spec.workspace });
    await runner!.close();
    if (!summary.checked) throw new Error('the compliance check did not run');
    rows = summary.sheets.reduce((n, s) => n + s.added, 0);
    phases = summary.phases;
  }
  return { ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024, rows, phases };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-million-bench-'));
  try {
    const csv = join(dir, 'candidates.csv');
    await writeCsv(csv);
    const mb = statSync(csv).size / 1024 / 1024;
    const papa = await inChild('papa', csv);
    const cli = await inChild('cli', csv, join(dir, 'cli.rscw'));
    const worker = await inChild('job-worker', csv, join(dir, 'worker.rscw'));
    for (const r of [papa, cli, worker]) if (r.rows !== ROWS) throw new Error(`expected ${ROWS} rows, got ${r.rows}`);
    const base = { name: 'bare Papa Parse streaming read', value: papa.ms };
    const p = worker.phases!;
    const label = `${ROWS.toLocaleString('en-US')} × ${COLUMNS} candidates csv (${mb.toFixed(0)} MB)`;
    return [
      { name: `csv import through the CLI, ${label} (stored and checked)`, value: cli.ms, unit: 'ms', baseline: base, ratio: cli.ms / papa.ms, target: '≤ 6× baseline', ok: cli.ms / papa.ms <= 6 },
      { name: 'csv import through the app\'s job worker (stored and checked)', value: worker.ms, unit: 'ms', baseline: base, ratio: worker.ms / papa.ms, target: '≤ 6× baseline', ok: worker.ms / papa.ms <= 6 },
      { name: `  job worker: read and stored meanwhile / stored after / check${p.storedWhileReading ? '' : ' (NOT stored while reading)'}`, value: p.readMs, unit: `ms / ${p.storeMs} ms / ${p.checkMs} ms` },
      { name: 'peak RSS, csv import through the CLI', value: cli.rssMb, unit: 'MB', baseline: { name: 'bare read', value: papa.rssMb }, target: '≤ 500 MB', ok: cli.rssMb <= 500 },
      { name: 'peak RSS, csv import through the job worker (whole process)', value: worker.rssMb, unit: 'MB', baseline: { name: 'bare read', value: papa.rssMb }, target: '≤ 500 MB', ok: worker.rssMb <= 500 },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const childSpec = process.env[CHILD_ENV];
if (childSpec) {
  const result = await child(JSON.parse(childSpec) as { task: Task; file: string; workspace: string });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
