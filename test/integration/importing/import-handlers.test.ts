import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../../../electron/core/backend';
import type { EventName, JobProgress } from '../../../shared/contract';
import type { FileInspection, ImportSummary } from '../../../shared/contract/import';
import { tempDir } from '../../support/temp';
import { JOB_HEADERS, snapshot } from './support';
import { openWorkspaceDb } from '../../../electron/core/db/connection';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));
const SAMPLE = join(RESOURCES, 'samples', 'sample-ats-export.xlsx');

describe('the import contract, with jobs in worker threads', () => {
  let backend: Backend | null = null;

  function start(): { backend: Backend; dir: string; events: [EventName, unknown][] } {
    const dir = tempDir('rscw-import-contract-');
    backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: RESOURCES, jobMode: 'worker', workspacePath: join(dir, 'w.rscw') });
    const events: [EventName, unknown][] = [];
    backend.subscribe((name, payload) => events.push([name, payload]));
    return { backend, dir, events };
  }

  afterEach(() => {
    backend?.close();
    backend = null;
  });

  it('inspects the bundled sample: sheets, row counts, previews, header rows, categories and mappings', async () => {
    const { backend } = start();
    const inspection: FileInspection = await backend.invoke('import:inspect', { path: SAMPLE });
    expect(inspection).toMatchObject({ name: 'sample-ats-export.xlsx', kind: 'xlsx', text: null });
    expect(inspection.sheets.map((s) => [s.sheet, s.category, s.rows, s.headerRow])).toEqual([
      ['Jobs', 'jobs', 30, 1],
      ['Candidates', 'candidates', 40, 1],
      ['Applications', 'applications', 50, 1],
      ['Stage history', 'stages', 48, 3],
    ]);
    const stages = inspection.sheets[3];
    expect(stages.preview[0]).toEqual({ row: 1, cells: ['Application stage history — exported 2025-06-30'] });
    expect(stages.headers).toEqual(['Application ID', 'Stage', 'Entered At', 'Moved By']);
    const jobs = inspection.sheets[0];
    expect(jobs.missingKeyFields).toEqual([]);
    expect(jobs.mapping.find((m) => m.header === 'Job ID')).toMatchObject({ field: 'externalJobPostingId', via: 'synonym' });
    const state = jobs.valueMappings.find((v) => v.field === 'state');
    expect(state?.values).toEqual(
      expect.arrayContaining([
        { source: 'Open', count: expect.any(Number), target: 'LISTED' },
        { source: 'Draft', count: 1, target: null },
      ]),
    );
    expect(jobs.distinctValues[6].map((d) => d.value)).toEqual(expect.arrayContaining(['Open', 'Draft']));
  });

  it('re-suggests a mapping for another header row or category without reading the file again', async () => {
    const { backend } = start();
    const s = await backend.invoke('import:suggest', {
      sheet: 'Export',
      headers: ['Requisition ID', 'Posting Title', 'Job Status'],
      distinctValues: [[], [], [{ value: 'Live', count: 3 }, { value: 'Filled', count: 1 }]],
    });
    expect(s.category).toBe('jobs');
    expect(s.mapping.map((m) => m.field)).toEqual(['externalJobPostingId', 'title', 'state']);
    expect(s.valueMappings[0].values.map((v) => v.target)).toEqual(['LISTED', 'CLOSED']);
    const forced = await backend.invoke('import:suggest', { headers: ['Requisition ID'], category: 'applications' });
    expect(forced.category).toBe('applications');
    expect(forced.missingKeyFields).toEqual(['atsJobApplicationId']);
  });

  it('imports the sheets the consultant reviewed, then says the data changed', async () => {
    const { backend, events } = start();
    const summary: ImportSummary = await backend.invoke('import:run', {
      path: SAMPLE,
      sheets: [{ sheet: 'Jobs', valueMappings: { state: { Draft: 'CLOSED' } } }, { sheet: 'Stage history', headerRow: 3 }],
    });
    expect(summary.sheets.map((s) => [s.sheet, s.category, s.added])).toEqual([
      ['Jobs', 'jobs', 30],
      ['Stage history', 'stages', 48],
    ]);
    expect(summary.checked).toBe(true);
    expect(summary.compliance.jobs?.compliant).toBeGreaterThan(0);
    expect(events).toContainEqual(['data:changed', { categories: ['jobs', 'stages'], reason: 'import' }]);
    expect(events.some(([n, p]) => n === 'job:progress' && (p as JobProgress).kind === 'import')).toBe(true);
    const counts = await backend.invoke('workspace:counts');
    expect(counts.jobs.total).toBe(30);
    expect(counts.stages.total).toBe(48);
  });

  it('saves, lists, exports, loads and deletes mapping presets', async () => {
    const { backend, dir } = start();
    const shipped = await backend.invoke('import:presets');
    expect(shipped.filter((p) => p.origin === 'shipped').map((p) => p.preset.name)).toContain('Greenhouse jobs report');
    const preset = {
      name: 'ACME jobs',
      category: 'jobs' as const,
      headers: ['Ref', 'Name'],
      mapping: { Ref: 'externalJobPostingId', Name: 'title' },
    };
    const saved = await backend.invoke('import:savePreset', { preset });
    expect(saved).toMatchObject({ origin: 'saved', preset: { ...preset, format: 'rsc-workbench/mapping-preset', version: 1 } });
    const out = join(dir, 'shared', 'acme.json');
    expect(await backend.invoke('import:exportPreset', { name: 'ACME jobs', path: out })).toEqual({ path: out });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ name: 'ACME jobs', mapping: preset.mapping });
    expect(await backend.invoke('import:deletePreset', { name: 'ACME jobs' })).toEqual({ deleted: true });
    expect((await backend.invoke('import:presets')).some((p) => p.preset.name === 'ACME jobs')).toBe(false);
    writeFileSync(out, JSON.stringify({ ...JSON.parse(readFileSync(out, 'utf8')), name: 'ACME jobs (shared)' }));
    expect(await backend.invoke('import:loadPreset', { path: out })).toMatchObject({ origin: 'saved', preset: { name: 'ACME jobs (shared)' } });
    expect(existsSync(join(dir, 'data', 'presets', 'acme-jobs-shared.json'))).toBe(true);
  });

  it('cancels a running import from the UI and leaves the workspace unchanged', async () => {
    const { backend, dir } = start();
    const path = join(dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `J${i},Engineer ${i},A description,"Berlin, Germany",Open,https://x.example/${i},2025-01-01`);
    writeFileSync(path, [JOB_HEADERS.join(','), ...rows].join('\n'));
    const reader = openWorkspaceDb(join(dir, 'w.rscw'));
    const before = snapshot(reader);
    reader.close();
    const cancelOnFirstProgress = backend.subscribe((name, payload) => {
      if (name === 'job:progress' && (payload as JobProgress).kind === 'import') {
        cancelOnFirstProgress();
        void backend.invoke('job:cancel', { jobId: (payload as JobProgress).jobId });
      }
    });
    await expect(backend.invoke('import:run', { path })).rejects.toMatchObject({ code: 'CANCELLED' });
    const db = openWorkspaceDb(join(dir, 'w.rscw'));
    expect(snapshot(db)).toBe(before);
    db.close();
  });
});
