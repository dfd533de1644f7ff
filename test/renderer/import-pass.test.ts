import { describe, expect, it } from 'vitest';
import { ContractFailure } from '../../shared/contract/define';
import type { FileInspection, ImportSummary } from '../../shared/contract/import';
import { useImportStore } from '../../renderer/src/stores/importing';
import { setup } from './support/fake-backend';

function inspection(path: string): FileInspection {
  const name = path.split('/').pop()!;
  return {
    path, name, size: 10, kind: 'csv', text: { encoding: 'utf-8', bom: false, delimiter: ',' },
    sheets: [{
      sheet: name, rows: 1, headerRow: 1, headers: ['Job ID'], headerNotes: [], preview: [], distinctValues: [[]],
      category: 'jobs', categoryScores: { jobs: 1, candidates: 0, applications: 0, stages: 0 },
      mapping: [{ column: 0, header: 'Job ID', field: 'externalJobPostingId', confidence: 1, via: 'exact' }],
      missingKeyFields: [], valueMappings: [], preset: null, issues: [], issueCount: 0,
    }],
  } as FileInspection;
}

function summaryOf(path: string): ImportSummary {
  return { file: { path, name: path.split('/').pop()! }, sheets: [], compliance: {}, ignored: [], durationMs: 5 } as unknown as ImportSummary;
}

function harness() {
  const h = setup();
  h.client.handle('import:inspect', ({ path }) => {
    if (path.endsWith('.pdf.csv')) throw new ContractFailure('UNSUPPORTED_FORMAT', 'bad.pdf.csv is a PDF document, not a spreadsheet');
    return inspection(path);
  });
  h.client.handle('import:run', ({ path }) => summaryOf(path));
  return { h, imp: useImportStore(h.pinia) };
}

describe('several files chosen at once', () => {
  it('are reviewed and imported in turn, one that cannot be read set aside with its reason', async () => {
    const { h, imp } = harness();
    await imp.startFiles(['/d/a.csv', '/d/bad.pdf.csv', '/d/b.csv']);
    expect([imp.step, imp.pass]).toEqual(['sheets', { index: 1, count: 3, name: 'a.csv' }]);
    await imp.run();
    expect([imp.step, imp.pass?.index, imp.inspection?.name]).toEqual(['sheets', 3, 'b.csv']);
    expect(imp.skipped).toEqual([{ name: 'bad.pdf.csv', reason: 'bad.pdf.csv is a PDF document, not a spreadsheet' }]);
    await imp.run();
    expect(imp.step).toBe('done');
    expect(imp.summaries.map((s) => s.file.name)).toEqual(['a.csv', 'b.csv']);
    expect(h.client.callsTo('import:run').map((c) => c.path)).toEqual(['/d/a.csv', '/d/b.csv']);
  });

  it('can leave one out, or stop with what was imported kept', async () => {
    const { imp } = harness();
    await imp.startFiles(['/d/a.csv', '/d/b.csv', '/d/c.csv']);
    await imp.skipFile();
    expect(imp.inspection?.name).toBe('b.csv');
    await imp.run();
    await imp.stopPass();
    expect(imp.step).toBe('done');
    expect(imp.summaries.map((s) => s.file.name)).toEqual(['b.csv']);
    expect(imp.skipped.map((s) => s.name)).toEqual(['a.csv', 'c.csv']);
  });

  it('keep a single unreadable file on the choosing step with its reason', async () => {
    const { imp } = harness();
    await imp.startFiles(['/d/bad.pdf.csv']);
    expect([imp.step, imp.error, imp.skipped]).toEqual(['choose', 'bad.pdf.csv is a PDF document, not a spreadsheet', []]);
  });
});
