import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import RecordsView from '../../renderer/src/views/RecordsView.vue';
import DashboardView from '../../renderer/src/views/DashboardView.vue';
import { useAppStore } from '../../renderer/src/stores/app';
import { useRecordsStore } from '../../renderer/src/stores/records';
import { NAV } from '../../renderer/src/router';
import { mountView, setup, type Harness } from './support/fake-backend';
import { countsOf, entry, ruleFacet, summary, withGrid } from './support/records-fixtures';

function withCounts(h: Harness, totals: Parameters<typeof countsOf>[0]) {
  useAppStore().counts = countsOf(totals);
  return h;
}

describe('the Records screen', () => {
  it('asks for a workspace when none is open', async () => {
    const h = setup({ workspace: null });
    const { wrapper } = await mountView(RecordsView, h, '/records');
    expect(wrapper.text()).toContain('No workspace is open');
    expect(h.client.callsTo('records:page')).toHaveLength(0);
  });

  it('points to the import when the workspace has no records', async () => {
    const h = withCounts(setup(), {});
    withGrid(h, { total: 0 });
    const { wrapper } = await mountView(RecordsView, h, '/records');
    expect(wrapper.text()).toContain('No records yet');
    expect(wrapper.get('[data-testid="empty-import"]').attributes('href')).toContain('/import');
  });

  it('opens the category and filter a link carries', async () => {
    const h = withCounts(setup(), { candidates: 300, jobs: 4 });
    withGrid(h, { total: 300 });
    const { wrapper } = await mountView(RecordsView, h, '/records?category=candidates&rule=url-format&status=error');
    expect(h.client.callsTo('records:page')[0].filter).toEqual({ category: 'candidates', status: 'error', rule: 'url-format' });
    expect(wrapper.get('[data-testid="tab-candidates"]').attributes('aria-selected')).toBe('true');
    expect(wrapper.get('[data-testid="chip-rule"]').text()).toContain('Absolute http(s) URL');
    expect(wrapper.get('[data-testid="records-total"]').text()).toBe('300 of 300 records match');
    expect(wrapper.get('[role="grid"]').attributes('aria-rowcount')).toBe('301');
  });

  it('opens the first category with records when the link names none, and keeps the view in the address', async () => {
    const h = withCounts(setup(), { candidates: 300 });
    withGrid(h, { total: 300 });
    const { router } = await mountView(RecordsView, h, '/records');
    expect(h.client.callsTo('records:columns')).toEqual([{ category: 'candidates' }]);
    await useRecordsStore().setFilter({ search: 'ann' });
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ category: 'candidates', q: 'ann' });
  });

  it('offers to clear the filters when they match nothing', async () => {
    const h = withCounts(setup(), { candidates: 300 });
    const grid = withGrid(h, { total: 300 });
    const { wrapper } = await mountView(RecordsView, h, '/records?category=candidates');
    grid.total = 0;
    await useRecordsStore().setFilter({ search: 'zzz' });
    await flushPromises();
    expect(wrapper.text()).toContain('No records match');
    grid.total = 300;
    await wrapper.get('[data-testid="clear-filters"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('records:page').at(-1)?.filter).toEqual({ category: 'candidates' });
    expect(wrapper.find('[role="grid"]').exists()).toBe(true);
  });

  it('undoes with Ctrl+Z and redoes with Ctrl+Shift+Z or Ctrl+Y, but leaves text fields their own undo', async () => {
    const h = withCounts(setup(), { candidates: 30 });
    withGrid(h, { total: 30 });
    h.client.handle('records:undo', () => ({ operation: entry(1), changedCells: 1, message: 'Undid #1.' }));
    h.client.handle('records:redo', () => ({ operation: entry(1), changedCells: 1, message: 'Redid #1.' }));
    const { wrapper } = await mountView(RecordsView, h, '/records?category=candidates');
    const grid = wrapper.get('[role="grid"]').element;
    const press = async (target: Element, init: KeyboardEventInit) => {
      target.dispatchEvent(new KeyboardEvent('keydown', { ctrlKey: true, bubbles: true, ...init }));
      await flushPromises();
    };
    await press(grid, { key: 'z' });
    await press(grid, { key: 'Z', shiftKey: true });
    await press(grid, { key: 'y' });
    await press(wrapper.get('[data-testid="records-search"]').element, { key: 'z' });
    expect(h.client.callsTo('records:undo')).toHaveLength(1);
    expect(h.client.callsTo('records:redo')).toHaveLength(2);
  });

  it('focuses the search with Ctrl+F', async () => {
    const h = withCounts(setup(), { candidates: 30 });
    withGrid(h, { total: 30 });
    const { wrapper } = await mountView(RecordsView, h, '/records?category=candidates');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true }));
    expect(document.activeElement).toBe(wrapper.get('[data-testid="records-search"]').element);
  });

  it('lists the dashboard right after the workspace in the navigation', () => {
    expect(NAV.slice(0, 2).map((n) => n.label)).toEqual(['Workspace', 'Dashboard']);
    // Ctrl/Cmd+1…9 reach the first nine: the workspace, the dashboard and the daily screens.
    expect(NAV.slice(0, 9).map((n) => n.label)).toContain('Records');
  });
});

describe('the Dashboard', () => {
  it('shows per category records, compliant, errors, warnings, excluded and synced, with one-click filters', async () => {
    const h = setup();
    h.client.handle('records:summary', () =>
      summary({
        jobs: { total: 120, error: 30, counts: { excluded: 2, synced: 80 } },
        candidates: { total: 1000, error: 250, topRules: [ruleFacet('url-format', { title: 'Absolute http(s) URL', records: 143, fixable: 143 })] },
      }),
    );
    const { wrapper } = await mountView(DashboardView, h, '/dashboard');
    expect(h.client.callsTo('records:summary')).toEqual([{ topRules: 5 }]);
    expect(wrapper.get('[data-testid="dash-jobs-total"]').text()).toBe('120');
    expect(wrapper.get('[data-testid="dash-jobs-error"]').text()).toContain('30');
    expect(wrapper.get('[data-testid="dash-jobs-synced"]').text()).toBe('80');
    expect(wrapper.get('[data-testid="dash-jobs-error"] a').attributes('href')).toContain('/records?category=jobs&status=error');
    const rule = wrapper.get('[data-testid="top-rule-candidates-url-format"]');
    expect(rule.text()).toMatch(/Absolute http\(s\) URL\s*143/);
    expect(rule.attributes('href')).toContain('/records?category=candidates&rule=url-format');
    expect(wrapper.get('[data-testid="total-errors"]').text()).toContain('280');
  });

  it('updates after every change to the records', async () => {
    const h = setup();
    let errors = 250;
    h.client.handle('records:summary', () => summary({ candidates: { total: 1000, error: errors } }));
    const { wrapper } = await mountView(DashboardView, h, '/dashboard');
    expect(wrapper.get('[data-testid="dash-candidates-error"]').text()).toContain('250');
    expect(wrapper.get('[data-testid="chart-text"]').text()).toContain('Candidates: 75% compliant, 0% with warnings, 25% with errors');
    errors = 100;
    h.client.emit('data:changed', { categories: ['candidates'], reason: 'edit' });
    await flushPromises();
    expect(wrapper.get('[data-testid="dash-candidates-error"]').text()).toContain('100');
    expect(wrapper.get('[data-testid="chart-text"]').text()).toContain('Candidates: 90% compliant, 0% with warnings, 10% with errors');
  });

  it('points to the import when there are no records', async () => {
    const h = setup();
    h.client.handle('records:summary', () => summary({}));
    const { wrapper } = await mountView(DashboardView, h, '/dashboard');
    expect(wrapper.text()).toContain('No records yet');
  });
});
