import { describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import FacetPanel from '../../renderer/src/components/FacetPanel.vue';
import RecordPanel from '../../renderer/src/components/RecordPanel.vue';
import HistoryPanel from '../../renderer/src/components/HistoryPanel.vue';
import BulkEditDialog from '../../renderer/src/components/BulkEditDialog.vue';
import BulkExcludeDialog from '../../renderer/src/components/BulkExcludeDialog.vue';
import { useRecordsStore } from '../../renderer/src/stores/records';
import type { BulkPreview } from '../../shared/contract/records';
import { setup, type Harness } from './support/fake-backend';
import { detail, entry, facets, gridRow, ruleFacet, withGrid } from './support/records-fixtures';

async function openGrid(h: Harness, total = 200) {
  withGrid(h, {
    total,
    facets: facets({
      total,
      statuses: { unchecked: 0, compliant: 150, warning: 0, error: 50, excluded: 3 },
      sync: { succeeded: 0, failed: 7, pending: 0, none: total - 7 },
      rules: [ruleFacet('url-format', { title: 'Absolute http(s) URL', records: 40, fixable: 40 }), ruleFacet('required-missing', { records: 12 })],
      fields: [{ field: 'lastName', records: 12, errors: 12, warnings: 0 }],
      values: [{ field: 'firstName', values: [{ value: 'Ada', count: 120 }, { value: null, count: 80 }], distinct: 2 }],
    }),
  });
  const store = useRecordsStore();
  await store.open('candidates');
  return store;
}

const operation = (kind: 'fix' | 'replace' | 'exclude' | 'set', cells: number) => ({
  operation: entry(5, { kind, cellCount: cells, recordCount: cells }), changedCells: cells, changedRecords: cells, skipped: 0, skipReasons: [],
});

describe('the facet panel', () => {
  it('lists statuses, rules, fields and short values with their counts', async () => {
    const h = setup();
    await openGrid(h);
    const w = mount(FacetPanel, { global: { plugins: [h.pinia] } });
    expect(w.get('[data-testid="facet-status-error"]').text()).toMatch(/Errors\s*50/);
    expect(w.get('[data-testid="facet-sync-failed"]').text()).toMatch(/Sync failed\s*7/);
    expect(w.get('[data-testid="facet-rule-url-format"]').text()).toContain('Absolute http(s) URL');
    expect(w.get('[data-testid="fix-all-url-format"]').text()).toBe('Fix all 40');
    expect(w.find('[data-testid="fix-all-required-missing"]').exists()).toBe(false);
    expect(w.get('[data-testid="facet-value-firstName-"]').text()).toMatch(/\(empty\)\s*80/);
  });

  it('filters the grid by a click and clears the filter by a second click', async () => {
    const h = setup();
    const store = await openGrid(h);
    const w = mount(FacetPanel, { global: { plugins: [h.pinia] } });
    await w.get('[data-testid="facet-rule-url-format"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('records:page').at(-1)?.filter).toEqual({ category: 'candidates', rule: 'url-format' });
    expect(w.get('[data-testid="facet-rule-url-format"]').attributes('aria-pressed')).toBe('true');
    await w.get('[data-testid="facet-sync-failed"]').trigger('click');
    await w.get('[data-testid="facet-value-firstName-Ada"]').trigger('click');
    await flushPromises();
    expect(store.fullFilter).toEqual({ category: 'candidates', rule: 'url-format', syncStatus: 'failed', value: { field: 'firstName', value: 'Ada' } });
    await w.get('[data-testid="facet-rule-url-format"]').trigger('click');
    await flushPromises();
    expect(store.filter.rule).toBeUndefined();
  });

  it('asks to fix all of a rule from its facet', async () => {
    const h = setup();
    await openGrid(h);
    const w = mount(FacetPanel, { global: { plugins: [h.pinia] } });
    await w.get('[data-testid="fix-all-url-format"]').trigger('click');
    expect(w.emitted('fixAll')?.[0]).toEqual([ruleFacet('url-format', { title: 'Absolute http(s) URL', records: 40, fixable: 40 })]);
  });
});

describe('the record panel', () => {
  it('shows original and current values, issues with their fix, the edit history and the sync exchanges', async () => {
    const h = setup();
    const store = await openGrid(h);
    h.client.handle('records:detail', () => detail());
    await store.openRecord(1);
    const w = mount(RecordPanel, { props: { timeZone: 'UTC' }, global: { plugins: [h.pinia] } });
    expect(w.get('[data-testid="record-key"]').text()).toBe('C-0');
    const lastName = w.findAll('tbody tr').find((r) => r.text().startsWith('lastName'))!;
    expect(lastName.text()).toMatch(/lastName\s*—\s*✎\s*Lovelace/);
    expect(w.get('[data-testid="record-issue"]').text()).toContain('externalProfileUrl is not an absolute link.');
    expect(w.get('[data-testid="record-fix-all"]').text()).toBe('Fix all 40 like this');
    expect(w.get('[data-testid="record-history"]').text()).toContain('Edited lastName of C-0');
    expect(w.text()).toContain('LinkedIn refused the record');
    expect(w.text()).toContain('/v2/atsCandidates');
  });

  it('applies an issue\'s fix to the record', async () => {
    const h = setup();
    const store = await openGrid(h);
    h.client.handle('records:detail', () => detail());
    h.client.handle('records:applyFix', () => operation('fix', 1));
    await store.openRecord(1);
    const w = mount(RecordPanel, { props: { timeZone: 'UTC' }, global: { plugins: [h.pinia] } });
    await w.get('[data-testid="record-fix"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('records:applyFix')).toEqual([{ recordId: 1, rule: 'url-format', field: 'externalProfileUrl' }]);
  });

  it('shows why an excluded record is kept from the sync and offers to include it again', async () => {
    const h = setup();
    const store = await openGrid(h);
    h.client.handle('records:detail', () => detail({ excluded: true, excludeReason: 'No creation date in the ATS' }));
    await store.openRecord(1);
    const w = mount(RecordPanel, { props: { timeZone: 'UTC' }, global: { plugins: [h.pinia] } });
    expect(w.get('[data-testid="exclude-reason"]').text()).toContain('No creation date in the ATS');
    await w.get('[data-testid="record-include"]').trigger('click');
    expect(w.emitted('include')?.[0]).toEqual([1]);
  });
});

describe('the history panel', () => {
  it('lists operations with their record counts and reverts one on its own', async () => {
    const h = setup();
    h.client.handle('records:history', () => ({
      entries: [entry(2, { description: 'Fixed all "Absolute http(s) URL"', kind: 'fix-all', recordCount: 14_286, cellCount: 14_286 }), entry(1, { undone: true })],
      total: 2, undo: entry(2), redo: null,
    }));
    h.client.handle('records:revert', () => ({ operation: entry(2, { undone: true }), changedCells: 14_286, message: 'Reverted #2.' }));
    const w = mount(HistoryPanel, { props: { timeZone: 'UTC' }, global: { plugins: [h.pinia] } });
    await flushPromises();
    expect(w.get('[data-testid="history-entry-2"]').text()).toContain('14,286 records');
    expect(w.get('[data-testid="history-entry-1"]').text()).toContain('undone');
    expect(w.find('[data-testid="history-reapply-1"]').exists()).toBe(true);
    expect(w.get<HTMLButtonElement>('[data-testid="history-redo"]').element.disabled).toBe(true);
    await w.get('[data-testid="history-revert-2"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('records:revert')).toEqual([{ operationId: 2 }]);
  });

  it('shows the backend\'s refusal when a later operation changed the same cells', async () => {
    const h = setup();
    h.client.handle('records:history', () => ({ entries: [entry(2), entry(1)], total: 2, undo: entry(2), redo: null }));
    h.client.fail('records:revert', 'OVERLAP', 'Cannot revert #1: later operation #2 changed the same cells. Undo or revert #2 first.');
    const w = mount(HistoryPanel, { props: { timeZone: 'UTC' }, global: { plugins: [h.pinia] } });
    await flushPromises();
    await w.get('[data-testid="history-revert-1"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="history-refusal"]').text()).toContain('Undo or revert #2 first.');
  });
});

describe('the bulk edit dialog', () => {
  const preview = (over: Partial<BulkPreview> = {}): BulkPreview => ({
    changedCells: 10_000, changedRecords: 10_000, skipped: 0, skipReasons: [], targetRecords: 10_000, alreadyFilled: 10_000, keyRecords: 0,
    changes: [{ recordId: 4, key: 'C-3', field: 'emailAddresses', before: 'Ann Lee <ann3@mail.example>', after: 'ann3@mail.example' }],
    ...over,
  });

  async function fill(w: ReturnType<typeof mount>) {
    await w.get('[data-testid="bulk-kind"]').setValue('replace');
    await w.get('[data-testid="bulk-field"]').setValue('emailAddresses');
    await w.get('[data-testid="bulk-regex"]').setValue(true);
    await w.get('[data-testid="bulk-find"]').setValue('^.*<([^>]+)>$');
    await w.get('[data-testid="bulk-replace"]').setValue('$1');
    await w.get('[data-testid="bulk-only-failing"]').setValue(true);
    await new Promise((r) => setTimeout(r, 300));
    await flushPromises();
  }

  it('previews a find and replace with its count before it can be applied, then applies it as one operation', async () => {
    const h = setup();
    await openGrid(h, 100_000);
    h.client.handle('records:preview', () => preview());
    h.client.handle('records:bulk', () => operation('replace', 10_000));
    const w = mount(BulkEditDialog, {
      props: { fields: ['emailAddresses', 'lastName'], extras: [], defaultField: null, keyFields: ['atsCandidateId'], selectedRows: 1, timeZone: 'UTC' },
      global: { plugins: [h.pinia] },
      attachTo: document.body,
    });
    expect(w.get<HTMLButtonElement>('[data-testid="bulk-apply"]').element.disabled).toBe(true);
    await fill(w);
    const action = { kind: 'replace', find: '^.*<([^>]+)>$', replace: '$1', field: 'emailAddresses', regex: true, onlyFailing: true };
    expect(h.client.callsTo('records:preview').at(-1)).toEqual({ filter: { category: 'candidates' }, action, limit: 50 });
    expect(w.get('[data-testid="bulk-preview-count"]').text()).toMatch(/10,000\s+cells in\s+10,000\s+records would change/);
    expect(w.get('[data-testid="bulk-preview"]').text()).toContain('ann3@mail.example');
    expect(w.get('[data-testid="bulk-apply"]').text()).toBe('Replace in 10,000 cells of 10,000 records');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(h.client.callsTo('records:bulk')).toEqual([{ filter: { category: 'candidates' }, action }]);
    w.unmount();
  });

  it('says why an action cannot run, and keeps Apply off', async () => {
    const h = setup();
    await openGrid(h);
    h.client.fail('records:preview', 'BAD_ACTION', 'Invalid regular expression: Unterminated group');
    const w = mount(BulkEditDialog, {
      props: { fields: ['emailAddresses'], extras: [], defaultField: 'emailAddresses', keyFields: ['atsCandidateId'], selectedRows: 1, timeZone: 'UTC', initialKind: 'replace' },
      global: { plugins: [h.pinia] },
      attachTo: document.body,
    });
    await w.get('[data-testid="bulk-regex"]').setValue(true);
    await w.get('[data-testid="bulk-find"]').setValue('(');
    await new Promise((r) => setTimeout(r, 300));
    await flushPromises();
    expect(w.get('[role="alert"]').text()).toContain('Unterminated group');
    expect(w.get<HTMLButtonElement>('[data-testid="bulk-apply"]').element.disabled).toBe(true);
    w.unmount();
  });

  it('applies to the selected rows when several are selected', async () => {
    const h = setup();
    const store = await openGrid(h);
    store.selectRange({ row: 2, col: 3 }, { row: 4, col: 3 });
    h.client.handle('records:preview', () => preview({ changedCells: 3, changedRecords: 3 }));
    const w = mount(BulkEditDialog, {
      props: { fields: ['lastName'], extras: ['Recruiter'], defaultField: 'lastName', keyFields: ['atsCandidateId'], selectedRows: 3, timeZone: 'UTC', initialKind: 'fill' },
      global: { plugins: [h.pinia] },
      attachTo: document.body,
    });
    await flushPromises();
    await w.get('[data-testid="bulk-from"]').setValue('source:Recruiter');
    await new Promise((r) => setTimeout(r, 300));
    await flushPromises();
    expect(h.client.callsTo('records:preview').at(-1)).toEqual({
      filter: { category: 'candidates', recordIds: [3, 4, 5] },
      action: { kind: 'fill', field: 'lastName', from: 'Recruiter', fromSource: true },
      limit: 50,
    });
    w.unmount();
  });
});

describe('the bulk edit dialog cannot surprise', () => {
  const preview = (over: Partial<BulkPreview> = {}): BulkPreview => ({
    changedCells: 2, changedRecords: 2, skipped: 0, skipReasons: [], targetRecords: 18, alreadyFilled: 16, keyRecords: 0, changes: [],
    ...over,
  });
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 300));
    await flushPromises();
  };
  const FIELDS = ['atsCandidateId', 'firstName', 'lastName', 'source'];

  function open(h: ReturnType<typeof setup>, defaultField: string | null) {
    return mount(BulkEditDialog, {
      props: { fields: FIELDS, extras: [], defaultField, keyFields: ['atsCandidateId'], selectedRows: 1, timeZone: 'UTC' },
      global: { plugins: [h.pinia] },
      attachTo: document.body,
    });
  }

  it('opens on the active column, and never on a key field', async () => {
    const h = setup();
    await openGrid(h);
    h.client.handle('records:preview', () => preview());
    const onActive = open(h, 'lastName');
    expect(onActive.get<HTMLSelectElement>('[data-testid="bulk-field"]').element.value).toBe('lastName');
    onActive.unmount();
    const onKey = open(h, 'atsCandidateId');
    expect(onKey.get<HTMLSelectElement>('[data-testid="bulk-field"]').element.value).toBe('firstName');
    onKey.unmount();
  });

  it('does not offer to set an empty value: clearing is its own action', async () => {
    const h = setup();
    await openGrid(h);
    h.client.handle('records:preview', () => preview());
    const w = open(h, 'source');
    await settle();
    expect(h.client.callsTo('records:preview')).toEqual([]);
    expect(w.get('[data-testid="bulk-preview"]').text()).toBe('Type the value to set. To empty the cells, choose Clear.');
    expect(w.get<HTMLButtonElement>('[data-testid="bulk-apply"]').element.disabled).toBe(true);
    w.unmount();
  });

  it('sets only empty cells when asked, and says exactly what it will do', async () => {
    const h = setup();
    await openGrid(h);
    h.client.handle('records:preview', () => preview());
    h.client.handle('records:bulk', () => operation('set', 2));
    const w = open(h, 'source');
    await w.get('[data-testid="bulk-value"]').setValue('Referral');
    await w.get('[data-testid="bulk-only-empty"]').setValue(true);
    await settle();
    expect(h.client.callsTo('records:preview').at(-1)).toMatchObject({ action: { kind: 'set', field: 'source', value: 'Referral', onlyEmpty: true } });
    expect(w.get('[data-testid="bulk-apply"]').text()).toBe('Set source on 2 of 18 records; 16 already have a value');
    w.unmount();
  });

  it('changes a key field only after a confirmation that names the count', async () => {
    const h = setup();
    await openGrid(h);
    h.client.handle('records:preview', () => preview({ changedRecords: 18, changedCells: 18, keyRecords: 18, alreadyFilled: 18 }));
    h.client.handle('records:bulk', () => operation('set', 18));
    const w = open(h, 'source');
    await w.get('[data-testid="bulk-field"]').setValue('atsCandidateId');
    await w.get('[data-testid="bulk-value"]').setValue('X');
    await settle();
    const apply = w.get<HTMLButtonElement>('[data-testid="bulk-apply"]');
    expect(apply.element.disabled).toBe(true);
    const confirm = w.get('[data-testid="bulk-key-confirm"]');
    expect(confirm.text()).toContain('Change the record key atsCandidateId of 18 records.');
    await confirm.get('input').setValue(true);
    expect(apply.element.disabled).toBe(false);
    expect(apply.text()).toBe('Set atsCandidateId on 18 of 18 records; replaces 18 values');
    w.unmount();
  });
});

describe('the exclude dialog', () => {
  it('needs a reason and excludes the chosen record with it', async () => {
    const h = setup();
    await openGrid(h);
    h.client.handle('records:exclude', () => operation('exclude', 1));
    const w = mount(BulkExcludeDialog, {
      props: { mode: 'exclude', selectedRows: 1, recordId: 7, recordKey: 'C-6' },
      global: { plugins: [h.pinia] },
      attachTo: document.body,
    });
    expect(w.get<HTMLButtonElement>('[data-testid="exclude-submit"]').element.disabled).toBe(true);
    await w.get('[data-testid="exclude-reason-input"]').setValue('No creation date in the ATS');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(h.client.callsTo('records:exclude')).toEqual([
      { filter: { category: 'candidates', recordIds: [7] }, reason: 'No creation date in the ATS' },
    ]);
    w.unmount();
  });
});

describe('a date cell', () => {
  it('reads as a date and time in the workspace zone whatever the source held, and as typed (flagged) when it cannot be read', async () => {
    const { dateCell } = await import('../../renderer/src/components/grid-model');
    const ms = Date.UTC(2025, 0, 15, 8, 30);
    const paris = { timeZone: 'Europe/Paris' };
    expect(dateCell(ms, paris)).toEqual({ text: '2025-01-15 09:30', ms, unreadable: false });
    expect(dateCell('2025-01-15T09:30', paris)).toEqual({ text: '2025-01-15 09:30', ms, unreadable: false });
    expect(dateCell(45_672, { timeZone: 'UTC' })).toMatchObject({ text: '2025-01-15 00:00', unreadable: false });
    expect(dateCell('15/01/2025', { timeZone: 'UTC', format: 'dd/MM/yyyy' })).toMatchObject({ text: '2025-01-15 00:00', unreadable: false });
    expect(dateCell('03/04/2025', paris)).toEqual({ text: '03/04/2025', ms: null, unreadable: true });
    expect(dateCell(null, paris)).toEqual({ text: '', ms: null, unreadable: false });
  });
});

describe('the cursor after a fix in a filtered view', () => {
  it('stays on the record it moved on to when the fixed record leaves the view, instead of skipping one', async () => {
    const h = setup();
    const g = withGrid(h, { total: 5 });
    const store = useRecordsStore();
    await store.open('candidates', { rule: 'required-missing' });
    await flushPromises();
    const ids = () => [0, 1, 2, 3, 4].map((i) => store.rowAt(i)?.id);
    const [, second, third] = ids();
    // The cursor was on the second row, the edit moved it down to the third; the second record then leaves the view.
    store.setActive({ row: 2, col: 3 });
    store.followRecord(third!);
    g.total = 4;
    g.rows = (i) => gridRow(i >= 1 ? i + 1 : i);
    await store.refresh();
    expect(store.rowAt(1)?.id).toBe(third);
    expect(store.rowAt(store.active.row)?.id).toBe(third);
    expect(second).not.toBe(third);
  });
});

describe('counts in words', () => {
  it('counts one thing in the singular', async () => {
    const { plural } = await import('../../renderer/src/components/ui/format');
    expect([plural(1, 'row'), plural(2, 'row'), plural(1, 'cell'), plural(1_000, 'cell')]).toEqual(['1 row', '2 rows', '1 cell', '1,000 cells']);
  });
});
