import { describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import LogView from '../../renderer/src/views/LogView.vue';
import type { Input } from '../../shared/contract';
import { queryOf } from '../../renderer/src/stores/log';
import { mountView, setup, type Harness } from './support/fake-backend';
import { exchange, exchangeDetail } from './support/fixtures';

/** A log of `total` exchanges, paged by the fake as the backend would. */
function withLog(h: Harness, total: number) {
  h.client.handle('sync:runs', () => [{ id: 3, startedAt: 1, finishedAt: 2, status: 'finished', dryRun: false, summary: null, progress: null }]);
  h.client.handle('sync:log', (q: Input<'sync:log'>) => {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => exchange(total - offset - i));
    return { total, rows };
  });
  h.client.handle('sync:exchange', ({ id }) => exchangeDetail(id));
  return h;
}

describe('log queries', () => {
  it('send only the filters that are set', () => {
    expect(queryOf({ status: '', category: '', recordKey: ' ', runId: null, search: '' }, 0)).toEqual({ limit: 50, offset: 0 });
    expect(queryOf({ status: '429', category: 'jobs', recordKey: 'J-1', runId: 4, search: 'urn' }, 100)).toEqual({
      status: [429], category: 'jobs', recordKey: 'J-1', runId: 4, search: 'urn', limit: 50, offset: 100,
    });
    expect(queryOf({ status: '4xx', category: '', recordKey: '', runId: null, search: '' }, 0).status).toEqual(['4xx']);
  });
});

describe('the Log screen', () => {
  it('asks for a workspace when none is open', async () => {
    const h = setup({ workspace: null });
    const { wrapper } = await mountView(LogView, h, '/log');
    expect(wrapper.text()).toContain('No workspace is open');
    expect(h.client.calls).toHaveLength(0);
  });

  it('says when nothing has been logged yet', async () => {
    const h = withLog(setup(), 0);
    const { wrapper } = await mountView(LogView, h, '/log');
    expect(wrapper.text()).toContain('No requests logged');
  });

  it('asks for one page at a time and pages forward and back', async () => {
    const h = withLog(setup(), 120);
    const { wrapper } = await mountView(LogView, h, '/log');
    expect(h.client.callsTo('sync:log')).toEqual([{ limit: 50, offset: 0 }]);
    expect(wrapper.findAll('[data-testid^="log-row-"]')).toHaveLength(50);
    expect(wrapper.find('[data-testid="log-range"]').text()).toBe('1–50 of 120');
    expect(wrapper.find<HTMLButtonElement>('[data-testid="log-prev"]').element.disabled).toBe(true);

    await wrapper.find('[data-testid="log-next"]').trigger('click');
    await flushPromises();
    await wrapper.find('[data-testid="log-next"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('sync:log').map((q) => q.offset)).toEqual([0, 50, 100]);
    expect(wrapper.find('[data-testid="log-range"]').text()).toBe('101–120 of 120');
    expect(wrapper.find<HTMLButtonElement>('[data-testid="log-next"]').element.disabled).toBe(true);

    await wrapper.find('[data-testid="log-prev"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('sync:log').at(-1)?.offset).toBe(50);
  });

  it('shows each exchange with its time in the workspace zone, method, endpoint, status, duration, attempt, category and records', async () => {
    const h = withLog(setup(), 1);
    h.client.handle('sync:log', () => ({ total: 1, rows: [exchange(5, { status: 429, attempt: 2, recordKeys: ['C-1', 'C-2'] })] }));
    const { wrapper } = await mountView(LogView, h, '/log');
    const cells = wrapper.findAll('[data-testid="log-row-5"] td').map((c) => c.text());
    expect(cells[0]).toBe('2025-03-04 09:00:05'); // 08:00:05 UTC in Europe/Berlin
    expect(cells[1]).toBe('POST');
    expect(cells[2]).toContain('/v2/atsCandidates?ids=List((atsCandidateId:C-5))');
    expect(cells[3]).toContain('429');
    expect(cells[4]).toBe('120 ms');
    expect(cells[5]).toContain('2');
    expect(cells[6]).toBe('Candidates');
    expect(cells[7]).toBe('2');
  });

  it('filters by status and category at once, and by typed text after a pause', async () => {
    const h = withLog(setup(), 3);
    const { wrapper } = await mountView(LogView, h, '/log');
    await wrapper.find('[data-testid="log-filter-status"]').setValue('4xx');
    await flushPromises();
    await wrapper.find('[data-testid="log-filter-category"]').setValue('stages');
    await flushPromises();
    expect(h.client.callsTo('sync:log').at(-1)).toEqual({ status: ['4xx'], category: 'stages', limit: 50, offset: 0 });

    const before = h.client.callsTo('sync:log').length;
    await wrapper.find('[data-testid="log-filter-search"]').setValue('Ada');
    await wrapper.find('[data-testid="log-filter-key"]').setValue('C-5');
    expect(h.client.callsTo('sync:log')).toHaveLength(before);
    await vi.waitFor(() => expect(h.client.callsTo('sync:log')).toHaveLength(before + 1));
    expect(h.client.callsTo('sync:log').at(-1)).toMatchObject({ search: 'Ada', recordKey: 'C-5', status: ['4xx'] });
  });

  it('opens an exchange with its pretty-printed request and response', async () => {
    const h = withLog(setup(), 3);
    const { wrapper } = await mountView(LogView, h, '/log');
    await wrapper.find('[data-testid="log-row-2"]').trigger('click');
    await flushPromises();
    expect(h.client.callsTo('sync:exchange')).toEqual([{ id: 2 }]);
    const detail = wrapper.find('[data-testid="log-detail"]');
    expect(detail.text()).toContain('Exchange #2');
    expect(detail.text()).toContain('Bearer [redacted]');
    expect(detail.find('[data-testid="log-request-body"]').text()).toContain('"firstName": "Ada"');
    expect(detail.find('[data-testid="log-response-body"]').text()).toContain('"status": 204');
    expect(wrapper.find('[data-testid="log-row-2"]').attributes('aria-current')).toBe('true');
    // With the entry open beside it, the table keeps time, status and request only.
    expect(wrapper.findAll('[data-testid="log-table"] thead th').map((th) => th.text())).toEqual(['Time', 'Status', 'Request']);

    await wrapper.find('[data-testid="log-row-2"]').trigger('keydown', { key: 'ArrowDown' });
    await flushPromises();
    expect(h.client.callsTo('sync:exchange').at(-1)).toEqual({ id: 1 });

    await wrapper.find('[data-testid="log-detail-close"]').trigger('click');
    expect(wrapper.find('[data-testid="log-detail"]').exists()).toBe(false);
  });

  it('opens the exchange and filters to the run named in the address', async () => {
    const h = withLog(setup(), 3);
    const { wrapper } = await mountView(LogView, h, '/log?run=3&exchange=31');
    expect(h.client.callsTo('sync:log').at(-1)).toMatchObject({ runId: 3 });
    expect(h.client.callsTo('sync:exchange')).toEqual([{ id: 31 }]);
    expect(wrapper.find('[data-testid="log-detail"]').text()).toContain('Exchange #31');
  });

  it('says so when an exchange has been removed by retention', async () => {
    const h = withLog(setup(), 3);
    h.client.handle('sync:exchange', () => null);
    const { wrapper } = await mountView(LogView, h, '/log?exchange=99');
    expect(wrapper.text()).toContain('Exchange 99 is no longer in the log');
  });
});
