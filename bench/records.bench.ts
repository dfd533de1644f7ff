// Records workspace benchmark on 100,000 candidates: opening the workspace and showing the first
// page, filtered pages, and bulk operations (through the backend, as the UI calls them: large
// ones run as 'bulk-edit' jobs in a worker, re-check included), each beside a bare SQL statement
// over the same rows measured in the same run.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../electron/core/backend';
import { openWorkspaceDb } from '../electron/core/db/connection';
import { filterCondition } from '../electron/core/records/filter-sql';
import type { BulkAction, GridFilter } from '../shared/contract/records';
import { seedWorkspace } from '../test/integration/records/support/workspace-fixture';
import { tempDir } from '../test/support/temp';
import type { BenchResult } from './types';

const RECORDS = Number(process.env.BENCH_RECORDS_RECORDS ?? 100_000);
const PAGE = 100;
const REPEAT = 5;
/** Runs of each bulk operation (each put back before the next). */
const BULK_RUNS = 3;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function medianOf(fn: () => unknown, n = REPEAT): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await time(fn));
  return median(times);
}

function result(name: string, value: number, baseline: { name: string; value: number }, limit: number): BenchResult {
  return {
    name,
    value,
    unit: 'ms',
    baseline,
    ratio: value / baseline.value,
    target: `< ${limit} ms`,
    ok: value < limit,
  };
}

export async function run(): Promise<BenchResult[]> {
  const dir = tempDir('rscw-bench-records-');
  const file = join(dir, 'bench.rscw');
  const out: BenchResult[] = [];
  try {
    const seedStart = performance.now();
    const seed = openWorkspaceDb(file);
    seedWorkspace(seed, { candidates: RECORDS });
    seed.pragma('wal_checkpoint(TRUNCATE)');
    seed.close();
    console.log(`  (setup: ${RECORDS.toLocaleString('en-US')} records generated and checked in ${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);

    // --- Opening and the first page ---------------------------------------------------------
    const bareOpen = await medianOf(() => {
      const db = new Database(file);
      db.prepare(`SELECT * FROM records WHERE category = 'candidates' ORDER BY id LIMIT ${PAGE}`).all();
      db.close();
    });
    const dataDir = join(dir, 'data');
    const openFirst = await medianOf(async () => {
      const backend = new Backend({ transport: 'in-process', dataDir, resourcesDir: dir, jobMode: 'worker' });
      await backend.invoke('workspace:open', { path: file });
      await backend.invoke('records:columns', { category: 'candidates' });
      await backend.invoke('records:page', { filter: { category: 'candidates' }, offset: 0, limit: PAGE });
      backend.close();
    });
    out.push(
      result(
        `open a ${RECORDS.toLocaleString('en-US')}-record workspace and fetch the first page`,
        openFirst,
        { name: 'open + bare SELECT of the same 100 rows', value: bareOpen },
        100,
      ),
    );

    const backend = new Backend({ transport: 'in-process', dataDir, resourcesDir: dir, jobMode: 'worker', workspacePath: file });
    const bare = new Database(file, { readonly: true });
    try {
      // --- Filtered pages -------------------------------------------------------------------
      const views: [string, GridFilter, number][] = [
        ['page at row 99,900', { category: 'candidates' }, RECORDS - PAGE],
        ['filtered page: status errors', { category: 'candidates', status: 'error' }, 0],
        ['filtered page: rule date-seconds', { category: 'candidates', rule: 'date-seconds' }, 0],
        ['filtered page: issues on lastName', { category: 'candidates', field: 'lastName' }, 0],
        ['filtered page: value lastName = Silva', { category: 'candidates', value: { field: 'lastName', value: 'Silva' } }, 0],
        ['filtered page: search "kowalski12"', { category: 'candidates', search: 'kowalski12' }, 0],
      ];
      // Another connection's commit before each timed fetch: the grid counts a view once per state
      // of the workspace, so without it every fetch after the first would reuse that count.
      const toucher = new Database(file);
      const touch = toucher.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.touch', ?)");
      let touches = 0;
      const cold = async (fn: () => unknown) => {
        const times: number[] = [];
        for (let i = 0; i < REPEAT; i++) {
          touch.run(String(touches++));
          times.push(await time(fn));
        }
        return median(times);
      };
      for (const [name, filter, offset] of views) {
        const session = backend.context.workspace().db;
        const where = filterCondition(session, filter);
        const bareSelect = bare.prepare(`SELECT * FROM records r WHERE ${where.sql} ORDER BY r.id LIMIT ${PAGE} OFFSET ${offset}`);
        const baseline = await medianOf(() => bareSelect.all(...where.params));
        // As the grid asks: a total that needs a scan of every record's values follows in records:count.
        let deferred = false;
        const value = await cold(async () => {
          deferred = (await backend.invoke('records:page', { filter, offset, limit: PAGE, deferTotal: true })).total === null;
        });
        out.push(result(name, value, { name: 'bare SELECT of the same rows', value: baseline }, 50));
        if (deferred) {
          const count = await cold(() => backend.invoke('records:count', { filter }));
          out.push({ name: '  its total, counted after the rows (records:count)', value: count, unit: 'ms' });
        }
        if (offset === 0) {
          // Scrolling on: the next window of the same, unchanged view.
          const next = await medianOf(() => backend.invoke('records:page', { filter, offset: PAGE, limit: PAGE }));
          out.push({ name: `  the next window of the same view (scrolling)`, value: next, unit: 'ms' });
        }
      }
      toucher.close();
      // An inline edit: one cell, logged, committed and its record re-checked (the first edit on a
      // connection also builds the compliance engine's record index; the median is past it).
      let n = 0;
      await backend.invoke('records:edit', { changes: [{ recordId: 1, field: 'lastName', value: 'warm-up' }] });
      const inline = await medianOf(() => backend.invoke('records:edit', { changes: [{ recordId: 2 + n++, field: 'lastName', value: `Edited ${n}` }] }));
      const bareOne = bare.prepare("SELECT values_json FROM records_wide WHERE id = ?");
      const oneWriter = new Database(file);
      const bareEdit = await medianOf(() => {
        const v = bareOne.get(3) as { values_json: string };
        oneWriter.prepare('UPDATE record_values SET values_json = ? WHERE record_id = ?').run(v.values_json, 3);
      });
      oneWriter.close();
      out.push(result('inline edit of one cell, logged and re-checked', inline, { name: 'bare SELECT + UPDATE of one row', value: bareEdit }, 50));

      const facets = await time(() => backend.invoke('records:facets', { filter: { category: 'candidates' } }));
      out.push({ name: 'facets of the whole category (rules, fields, short values)', value: facets, unit: 'ms' });

      // --- Bulk operations --------------------------------------------------------------------
      const writer = new Database(file);
      const bareUpdate = await time(() =>
        writer
          .prepare(`UPDATE record_values SET values_json = json_set(values_json, '$."benchScratch"', 'x') WHERE record_id IN (SELECT id FROM records WHERE category = 'candidates')`)
          .run(),
      );
      writer.close();
      const bulkBaseline = { name: `bare UPDATE of one field on ${RECORDS.toLocaleString('en-US')} rows`, value: bareUpdate };
      const all: GridFilter = { category: 'candidates' };
      // What every job pays before its work: a worker thread, the modules (transpiled from
      // TypeScript here; plain JS in the built app) and its own connection.
      const nothing = () =>
        backend.context.jobs.run('bulk-edit', { type: 'include', filter: { category: 'candidates', recordIds: [1] } }, {
          title: 'warm-up',
          workspacePath: file,
        });
      const startup = await time(nothing);
      out.push({ name: 'bulk-edit job start-up with nothing to change (worker + modules + connection)', value: startup, unit: 'ms' });
      const set = () => backend.invoke('records:bulk', { filter: all, action: { kind: 'set', field: 'manualMatchedMember', value: 'urn:li:person:abc123' } satisfies BulkAction });
      const undo = () => backend.invoke('records:undo', {});
      const redo = () => backend.invoke('records:redo', {});
      // Each operation runs BULK_RUNS times, put back in between (its undo, or for the undo its
      // redo, neither timed), and the median is the figure, as the other measurements here; the
      // first run, in a job worker that has not run it before, is printed beside it.
      // "Fix all" on every record: first (untimed) every candidate's creation date set in seconds.
      const everyDateInSeconds = () => backend.invoke('records:bulk', { filter: all, action: { kind: 'set', field: 'atsCreatedAt', value: '1704067200' } });
      const bulks: [string, () => Promise<unknown>, () => Promise<unknown>, prepare?: () => Promise<unknown>, cleanUp?: () => Promise<unknown>][] = [
        ['bulk: set a value', set, undo],
        ['bulk: undo the set', undo, redo],
        ['bulk: transform trim', () => backend.invoke('records:bulk', { filter: all, action: { kind: 'transform', field: 'firstName', transform: { name: 'trim' } } }), undo],
        ['bulk: find & replace', () => backend.invoke('records:bulk', { filter: all, action: { kind: 'replace', field: 'externalProfileUrl', find: 'ats.example.com', replace: 'ats.example.org' } }), undo],
        ['bulk: fix all date-seconds', () => backend.invoke('records:fixAll', { rule: 'date-seconds', category: 'candidates' }), undo],
        ['bulk: exclude all', () => backend.invoke('records:exclude', { filter: all, reason: 'Benchmark' }), undo],
        ['bulk: fix all date-seconds on every record', () => backend.invoke('records:fixAll', { rule: 'date-seconds', category: 'candidates' }), undo, everyDateInSeconds, undo],
      ];
      // Where a bulk operation's time goes, from the job's progress messages.
      let phases: { message: string; at: number }[] = [];
      const unsubscribe = backend.subscribe((event, payload) => {
        if (event !== 'job:progress') return;
        const message = (payload as { message: string }).message;
        if (phases.at(-1)?.message !== message) phases.push({ message, at: performance.now() });
      });
      for (const [name, fn, putBack, prepare, cleanUp] of bulks) {
        if (prepare) {
          await prepare();
          await nothing();
        }
        const runs: { value: number; breakdown: string; records: string }[] = [];
        for (let r = 0; r < BULK_RUNS; r++) {
          if (r > 0) {
            await putBack();
            await nothing(); // its checkpoint, as before any operation
          }
          let changed: { changedRecords?: number; changedCells?: number } = {};
          phases = [];
          const started = performance.now();
          const value = await time(async () => {
            changed = (await fn()) as typeof changed;
          });
          const ended = started + value;
          const breakdown = phases
            .map((p, i) => `${p.message} ${Math.round((phases[i + 1]?.at ?? ended) - p.at)}`)
            .join(', ');
          runs.push({ value, breakdown, records: (changed.changedRecords ?? changed.changedCells ?? 0).toLocaleString('en-US') });
        }
        const typical = [...runs].sort((a, b) => a.value - b.value)[Math.floor(runs.length / 2)];
        out.push(result(`${name} (${typical.records} records; median of ${BULK_RUNS}; ms per phase: ${typical.breakdown})`, typical.value, bulkBaseline, 2000));
        out.push({ name: '  its first run (the job worker had not run it before)', value: runs[0].value, unit: 'ms' });
        // The job's checkpoint runs after its result, while the consultant looks at it; the next
        // operation starts once it is done (a job that changes nothing waits for it).
        const settle = (await time(nothing)) - startup;
        out.push({ name: '  then, after the result: the checkpoint of what it wrote (until the next job can start)', value: Math.max(0, settle), unit: 'ms' });
        if (cleanUp) {
          await putBack();
          await cleanUp();
        }
      }
      unsubscribe();
    } finally {
      bare.close();
      backend.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
