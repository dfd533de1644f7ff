import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import {
  MAX_PAGES, PAGE_SIZE, queryFromView, useRecordsStore, viewFromQuery,
} from '../../renderer/src/stores/records';
import { useHistoryStore } from '../../renderer/src/stores/history';
import { useAppStore } from '../../renderer/src/stores/app';
import { useShellCommands } from '../../renderer/src/stores/shell-commands';
import { parseTsv, toTsv } from '../../renderer/src/components/grid-tsv';
import { buildColumns, cellText, fieldCellTitle, typedValue } from '../../renderer/src/components/grid-model';
import type { Input } from '../../shared/contract';
import { setup } from './support/fake-backend';
import { candidateColumns, detail, entry, gridRow, withGrid } from './support/records-fixtures';

describe('the records view in the address', () => {
  it('reads the category, status, rule, field and search a dashboard link carries', () => {
    expect(viewFromQuery({ category: 'jobs', status: 'error', rule: 'url-format', field: 'title', q: 'Paris' })).toEqual({
      category: 'jobs',
      filter: { status: 'error', rule: 'url-format', field: 'title', search: 'Paris' },
    });
  });

  it('turns "sync failed" into the sync status filter and ignores what it does not know', () => {
    expect(viewFromQuery({ category: 'nope', status: 'syncFailed', sort: 'x' })).toEqual({ category: undefined, filter: { syncStatus: 'failed' } });
    expect(viewFromQuery({ status: 'bogus' }).filter).toEqual({});
  });

  it('writes back what it reads', () => {
    const q = { category: 'candidates', status: 'warning', rule: 'date-seconds', q: 'ann' };
    const view = viewFromQuery(q);
    expect(queryFromView(view.category!, view.filter)).toEqual(q);
  });
});

describe('clipboard text', () => {
  it('quotes cells with tabs, line breaks and quotes the way Excel does', () => {
    expect(toTsv([['a', 'b\tc'], ['say "hi"', 'two\nlines']])).toBe('a\t"b\tc"\r\n"say ""hi"""\t"two\nlines"');
  });

  it('reads back what it writes, and Excel\'s trailing line break adds no row', () => {
    const rows = [['a', 'b\tc', ''], ['say "hi"', 'two\r\nlines', 'x']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
    expect(parseTsv('1\t2\r\n3\t4\r\n')).toEqual([['1', '2'], ['3', '4']]);
    expect(parseTsv('only')).toEqual([['only']]);
    expect(parseTsv('')).toEqual([]);
  });
});

describe('grid columns and cells', () => {
  it('puts the row number and key first, then status, issues, fields, sync and the folded source columns', () => {
    const cols = buildColumns(candidateColumns(['Recruiter', 'Notes']), false);
    expect(cols.map((c) => c.id)).toEqual([
      '$row', 'atsCandidateId', '$status', '$issues', 'atsCreatedAt', 'emailAddresses', 'lastName', '$sync', '$extras',
    ]);
    expect(cols.filter((c) => c.sticky !== null).map((c) => c.id)).toEqual(['$row', 'atsCandidateId']);
    expect(cols.find((c) => c.id === '$extras')?.label).toBe('▸ 2 source columns');
    const open = buildColumns(candidateColumns(['Recruiter', 'Notes']), true);
    expect(open.slice(-2).map((c) => [c.id, c.editable])).toEqual([['extra:Recruiter', false], ['extra:Notes', false]]);
  });

  it('explains a failing or changed cell on hover, and reads dates in the workspace zone', () => {
    const [, , , , created, email] = buildColumns(candidateColumns(), false);
    const row = gridRow(0, {
      values: { atsCreatedAt: 1_704_067_200_000, emailAddresses: 'Ann <a@x.io>' },
      originals: { emailAddresses: null },
      issues: [{ rule: 'email-format', field: 'emailAddresses', severity: 'error', message: 'Not an address.', fix: { label: 'Use a@x.io', field: 'emailAddresses', value: 'a@x.io' } }],
    });
    expect(fieldCellTitle(row, email, () => '')).toBe('Error: Not an address. (fix: Use a@x.io)\nChanged since the import; imported as: (empty)');
    expect(fieldCellTitle(row, created, (ms) => `date ${ms}`)).toBe('date 1704067200000');
    expect(cellText(row, email)).toBe('Ann <a@x.io>');
  });

  it('sends typed text as typed, and empty text as a cleared cell', () => {
    expect(typedValue('  ')).toBeNull();
    expect(typedValue('1704067200')).toBe('1704067200');
  });
});

describe('the records store', () => {
  it('fetches a window at a time and never keeps more than a few windows', async () => {
    const h = setup();
    withGrid(h, { total: 100_000 });
    const store = useRecordsStore();
    await store.open('candidates');
    expect(store.total).toBe(100_000);
    expect(store.rowAt(0)?.key).toBe('C-0');
    for (const start of [500, 5_000, 20_000, 40_000, 60_000, 80_000, 99_950]) await store.requestRange(start, start + 40);
    expect(store.pages.size).toBeLessThanOrEqual(MAX_PAGES);
    expect(store.rowAt(99_999)?.key).toBe('C-99999');
    expect(store.rowAt(0)).toBeUndefined();
    const offsets = h.client.callsTo('records:page').map((q) => q.offset);
    expect(offsets).toContain(99_900);
    expect(h.client.callsTo('records:page').every((q) => q.limit === PAGE_SIZE)).toBe(true);
  });

  it('shows the rows of a search at once and its total once counted', async () => {
    const h = setup();
    const g = withGrid(h, { total: 1_000 });
    let release: (n: number) => void = () => {};
    h.client.handle('records:count', () => new Promise<number>((resolve) => (release = resolve)));
    const store = useRecordsStore();
    await store.open('candidates');
    // The backend leaves a total that needs a scan of values to records:count.
    h.client.handle('records:page', (q: Input<'records:page'>) => ({
      total: q.deferTotal ? null : g.total,
      offset: q.offset ?? 0,
      rows: Array.from({ length: q.limit ?? 100 }, (_, k) => g.rows((q.offset ?? 0) + k)),
    }));
    await store.setFilter({ search: 'ann' });
    await flushPromises();
    expect(store.total).toBeNull();
    expect(store.rowCount).toBe(PAGE_SIZE);
    expect(store.rowAt(0)?.key).toBe('C-0');
    expect(h.client.callsTo('records:count')).toEqual([{ filter: { category: 'candidates', search: 'ann' } }]);
    release(640);
    await flushPromises();
    expect(store.total).toBe(640);
    expect(store.rowCount).toBe(640);
    await store.requestRange(150, 170);
    expect(h.client.callsTo('records:count')).toHaveLength(1); // once per view
  });

  it('asks for a window only once while it is on its way', async () => {
    const h = setup();
    withGrid(h, { total: 1_000 });
    const store = useRecordsStore();
    await store.open('candidates');
    const before = h.client.callsTo('records:page').length;
    await Promise.all([store.requestRange(300, 320), store.requestRange(310, 330)]);
    expect(h.client.callsTo('records:page').length).toBe(before + 1);
  });

  it('filters and sorts in the backend, starting again from the first window', async () => {
    const h = setup();
    withGrid(h, { total: 1_000 });
    const store = useRecordsStore();
    await store.open('candidates');
    await store.requestRange(600, 650);
    await store.setFilter({ rule: 'url-format' });
    await store.toggleSort('lastName');
    await store.toggleSort('lastName');
    const last = h.client.callsTo('records:page').at(-1);
    expect(last).toEqual({
      filter: { category: 'candidates', rule: 'url-format' }, offset: 0, limit: PAGE_SIZE, sort: { column: 'lastName', direction: 'desc' }, deferTotal: true,
    });
    expect(h.client.callsTo('records:facets').at(-1)?.filter).toEqual({ category: 'candidates', rule: 'url-format' });
    await store.toggleSort('lastName');
    expect(h.client.callsTo('records:page').at(-1)?.sort).toBeUndefined();
  });

  it('fetches the shown window, the facets and the open record again when its category changes', async () => {
    const h = setup();
    withGrid(h, { total: 500 });
    h.client.handle('records:detail', (ref) => detail({ id: 'recordId' in ref ? ref.recordId : 0 }));
    const store = useRecordsStore();
    store.setShown(true);
    await store.open('candidates');
    await store.openRecord(3);
    const count = (name: 'records:page' | 'records:facets' | 'records:detail') => h.client.callsTo(name).length;
    const before = [count('records:page'), count('records:facets'), count('records:detail')];

    h.client.emit('data:changed', { categories: ['jobs'], reason: 'edit' });
    await flushPromises();
    expect([count('records:page'), count('records:facets'), count('records:detail')]).toEqual(before);

    h.client.emit('data:changed', { categories: ['candidates'], reason: 'edit' });
    await flushPromises();
    expect([count('records:page'), count('records:facets'), count('records:detail')]).toEqual(before.map((n) => n + 1));
  });

  it('asks for the columns again after an import, which can bring new source columns', async () => {
    const h = setup();
    withGrid(h, { total: 500 });
    const store = useRecordsStore();
    store.setShown(true);
    await store.open('candidates');
    h.client.emit('data:changed', { categories: ['candidates'], reason: 'edit' });
    await flushPromises();
    expect(h.client.callsTo('records:columns')).toHaveLength(1);
    h.client.emit('data:changed', { categories: ['candidates'], reason: 'import' });
    await flushPromises();
    expect(h.client.callsTo('records:columns')).toHaveLength(2);
  });

  it('waits until the screen is shown again to refetch after a change made elsewhere', async () => {
    const h = setup();
    withGrid(h, { total: 500 });
    const store = useRecordsStore();
    store.setShown(true);
    await store.open('candidates');
    store.setShown(false);
    const before = h.client.callsTo('records:page').length;
    h.client.emit('data:changed', { categories: ['candidates'], reason: 'import' });
    await flushPromises();
    expect(h.client.callsTo('records:page').length).toBe(before);
    store.setShown(true);
    await flushPromises();
    expect(h.client.callsTo('records:page').length).toBe(before + 1);
  });

  it('shows a typed value at once and sends a pasted range as one edit', async () => {
    const h = setup();
    withGrid(h, { total: 10 });
    h.client.handle('records:edit', ({ changes }) => ({
      operation: entry(1, { cellCount: changes.length, recordCount: 2 }), changedCells: changes.length, changedRecords: 2, skipped: 0, skipReasons: [],
    }));
    const store = useRecordsStore();
    await store.open('candidates');
    await store.editCells(
      [
        { recordId: 1, field: 'lastName', value: 'Lovelace', index: 0 },
        { recordId: 2, field: 'lastName', value: null, index: 1 },
      ],
      'Pasted 2 cells',
    );
    expect(h.client.callsTo('records:edit')).toEqual([
      { changes: [{ recordId: 1, field: 'lastName', value: 'Lovelace' }, { recordId: 2, field: 'lastName', value: null }], description: 'Pasted 2 cells' },
    ]);
    expect(store.rowAt(0)?.values.lastName).toBe('Lovelace');
    expect(useAppStore().toast?.text).toContain('2 cells in 2 records');
  });

  it('puts the typed value back and says why when the backend refuses an edit', async () => {
    const h = setup();
    withGrid(h, { total: 10 });
    h.client.fail('records:edit', 'NOT_FOUND', 'Record #1 no longer exists.');
    const store = useRecordsStore();
    await store.open('candidates');
    await store.editCells([{ recordId: 1, field: 'lastName', value: 'X', index: 0 }]);
    expect(useAppStore().toast).toEqual({ text: 'Record #1 no longer exists.', kind: 'error' });
    expect(store.rowAt(0)?.values.lastName).toBe('Lee0');
  });

  it('fixes all of a rule in the category, or only in the view when other filters are set', async () => {
    const h = setup();
    withGrid(h, { total: 10 });
    h.client.handle('records:fixAll', () => ({ operation: entry(2, { kind: 'fix-all' }), changedCells: 3, changedRecords: 3, skipped: 0, skipReasons: [] }));
    const store = useRecordsStore();
    await store.open('candidates', { rule: 'url-format' });
    await store.fixAll('url-format');
    await store.setFilter({ search: 'ann' });
    await store.fixAll('url-format');
    // Another rule chosen in the facet: its "Fix all N" covers the N records its count covers.
    await store.setFilter({ rule: 'date-seconds' });
    await store.fixAll('url-format');
    expect(h.client.callsTo('records:fixAll')).toEqual([
      { rule: 'url-format', category: 'candidates' },
      { rule: 'url-format', filter: { category: 'candidates', search: 'ann' } },
      { rule: 'url-format', filter: { category: 'candidates', search: 'ann' } },
    ]);
  });

  it('lists the selected rows\' ids, fetching those outside the cache', async () => {
    const h = setup();
    withGrid(h, { total: 5_000 });
    const store = useRecordsStore();
    await store.open('candidates');
    store.selectRange({ row: 98, col: 2 }, { row: 1_203, col: 2 });
    const ids = await store.selectedRecordIds();
    expect(ids).toHaveLength(1_106);
    expect(ids[0]).toBe(99);
    expect(ids.at(-1)).toBe(1_204);
    expect(store.pages.size).toBeLessThanOrEqual(MAX_PAGES);
  });
});

describe('the history store', () => {
  it('takes the native menu\'s Undo and Redo', async () => {
    const h = setup();
    h.client.handle('records:undo', () => ({ operation: entry(3, { undone: true }), changedCells: 1, message: 'Undid #3.' }));
    h.client.handle('records:redo', () => ({ operation: entry(3), changedCells: 1, message: 'Redid #3.' }));
    h.client.handle('records:history', () => ({ entries: [entry(3)], total: 1, undo: entry(3), redo: null }));
    let menu: ((command: string, arg?: string) => void) | null = null;
    window.rscw = { onMenu: (listener: (command: string, arg?: string) => void) => ((menu = listener), () => undefined) } as unknown as NonNullable<Window['rscw']>;
    try {
      useShellCommands().listen(() => undefined);
      useHistoryStore();
      menu!('undo');
      await flushPromises();
      menu!('redo');
      await flushPromises();
      expect(h.client.callsTo('records:undo')).toHaveLength(1);
      expect(h.client.callsTo('records:redo')).toHaveLength(1);
    } finally {
      delete window.rscw;
    }
  });

  it('undoes and says what it undid', async () => {
    const h = setup();
    h.client.handle('records:undo', () => ({ operation: entry(3, { undone: true }), changedCells: 1, message: 'Undid #3: Operation 3.' }));
    h.client.handle('records:history', () => ({ entries: [entry(3, { undone: true })], total: 1, undo: null, redo: entry(3, { undone: true }) }));
    const history = useHistoryStore();
    await history.undo();
    expect(useAppStore().toast?.text).toBe('Undid #3: Operation 3.');
    expect(history.redoEntry?.id).toBe(3);
  });

  it('keeps the backend\'s refusal to revert an operation a later one overlaps', async () => {
    const h = setup();
    const refusal = 'Cannot revert #1 (Operation 1): later operation #2 (Operation 2, 1 cell) changed the same cells. Undo or revert #2 first.';
    h.client.fail('records:revert', 'OVERLAP', refusal);
    h.client.handle('records:history', () => ({ entries: [entry(2), entry(1)], total: 2, undo: entry(2), redo: null }));
    const history = useHistoryStore();
    await history.revert(1);
    expect(history.refusal).toBe(refusal);
    expect(useAppStore().toast).toEqual({ text: refusal, kind: 'error' });
  });
});
