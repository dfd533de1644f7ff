import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import ImportResult from '../../renderer/src/components/ImportResult.vue';
import { useImportStore } from '../../renderer/src/stores/importing';
import type { ImportSummary } from '../../shared/contract/import';
import { setup } from './support/fake-backend';

function summary(durationMs: number): ImportSummary {
  return {
    ignored: [],
    file: { path: '/x/jobs.csv', name: 'jobs.csv', size: 10, sha256: 'a', kind: 'csv', text: { encoding: 'utf-8', bom: false, delimiter: ',' } },
    sheets: [
      {
        sheet: 'jobs', category: 'jobs', rows: 3, skipped: 0, mapping: {}, added: 3, updated: 0, unchanged: 0, missing: 0, conflicts: [],
        conflictCount: 0, keptEdits: 0, skippedReasons: {}, skippedRows: [], valueMappingsApplied: [], headerRow: 1, issues: [], issueCount: 0,
      },
    ],
    compliance: { jobs: { compliant: 3, warning: 0, error: 0, unchecked: 0 } },
    checked: true,
    durationMs,
    phases: { readMs: 1, storeMs: 1, checkMs: 1, storedWhileReading: false },
  };
}

describe('the import summary', () => {
  it.each([
    [40, 'Imported jobs.csv in 40 ms'],
    [12_400, 'Imported jobs.csv in 12 s'],
    [125_000, 'Imported jobs.csv in 2 min 5 s'],
  ])('says how long an import of %i ms took in words that fit it', (ms, heading) => {
    const h = setup();
    useImportStore(h.pinia).summary = summary(ms);
    const wrapper = mount(ImportResult, { global: { plugins: [h.pinia] } });
    expect(wrapper.get('#result-title').text()).toBe(heading);
  });

  it('lists every skipped row with its key and reason, how a repeated key differs, and the values mapped', () => {
    const h = setup();
    const s = summary(40);
    Object.assign(s.sheets[0], {
      rows: 4,
      skipped: 2,
      skippedReasons: { 'Duplicate key': 1, 'Total row': 1 },
      skippedRows: [
        { row: 3, key: 'J-1', reason: 'Duplicate key: row 2 has the same key and was kept', differences: [{ column: 'Job Title', kept: 'A', skipped: null }] },
        { row: 5, reason: 'Total row' },
      ],
      valueMappingsApplied: [{ field: 'state', from: 'Open', to: 'LISTED', count: 1 }],
    });
    useImportStore(h.pinia).summary = s;
    const wrapper = mount(ImportResult, { global: { plugins: [h.pinia] } });
    const rows = wrapper.findAll('[data-testid="skipped-rows"] tbody tr').map((r) => r.findAll('td').map((c) => c.text()));
    expect(rows).toEqual([
      ['3', 'J-1', 'Duplicate key: row 2 has the same key and was kept', 'Job Title: kept “A”, this row empty'],
      ['5', '', 'Total row', ''],
    ]);
    expect(wrapper.text()).toContain('1 row skipped: Total row');
    expect(wrapper.get('[data-testid="value-mappings-applied"]').text()).toBe('state: “Open” → LISTED (1 cell)');
  });
});
