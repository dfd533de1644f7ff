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
        conflictCount: 0, keptEdits: 0, skippedReasons: {}, skippedRows: [], headerRow: 1, issues: [], issueCount: 0,
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
});
