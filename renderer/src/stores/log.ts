import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Category } from '../../../shared/domain';
import type { Input } from '../../../shared/contract';
import type { ExchangeDetail, ExchangeStatusFilter, ExchangeSummary, SyncRunInfo } from '../../../shared/contract/sync';
import { client } from './connection';
import { messageOf } from './errors';

export interface LogFilters {
  /** '' any; 'ok', 'error', '2xx', '4xx', '5xx', or one status such as '429'. */
  status: string;
  category: Category | '';
  recordKey: string;
  runId: number | null;
  search: string;
}

export const PAGE_SIZE = 50;

const blankFilters = (): LogFilters => ({ status: '', category: '', recordKey: '', runId: null, search: '' });

function statusFilter(text: string): ExchangeStatusFilter | null {
  if (!text) return null;
  if (/^\d{3}$/.test(text)) return Number(text);
  return text as ExchangeStatusFilter;
}

/** The query for one page: only the filters that are set, so the backend can use its indexes. */
export function queryOf(f: LogFilters, offset: number, limit = PAGE_SIZE): Input<'sync:log'> {
  const status = statusFilter(f.status);
  const key = f.recordKey.trim();
  const search = f.search.trim();
  return {
    ...(status !== null ? { status: [status] } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(key ? { recordKey: key } : {}),
    ...(f.runId !== null ? { runId: f.runId } : {}),
    ...(search ? { search } : {}),
    limit,
    offset,
  };
}

/** The exchange log, one page at a time (a long sync logs hundreds of thousands of exchanges), and the open entry. */
export const useLogStore = defineStore('log', () => {
  const filters = ref<LogFilters>(blankFilters());
  const rows = ref<ExchangeSummary[]>([]);
  const total = ref(0);
  const offset = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const runs = ref<SyncRunInfo[]>([]);
  const selected = ref<ExchangeDetail | null>(null);
  const selectedId = ref<number | null>(null);
  const detailError = ref<string | null>(null);
  // Replies can arrive out of order while the user types; only the latest request's answer is shown.
  let generation = 0;

  const from = computed(() => (total.value === 0 ? 0 : offset.value + 1));
  const to = computed(() => Math.min(total.value, offset.value + rows.value.length));
  const hasPrev = computed(() => offset.value > 0);
  const hasNext = computed(() => offset.value + rows.value.length < total.value);
  const filtered = computed(() => JSON.stringify(filters.value) !== JSON.stringify(blankFilters()));

  async function load(at = offset.value) {
    const mine = ++generation;
    loading.value = true;
    try {
      const page = await client().call('sync:log', queryOf(filters.value, at));
      if (mine !== generation) return;
      rows.value = page.rows;
      total.value = page.total;
      offset.value = at;
      error.value = null;
    } catch (err) {
      if (mine !== generation) return;
      error.value = messageOf(err);
      rows.value = [];
      total.value = 0;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  const first = () => load(0);
  const next = () => (hasNext.value ? load(offset.value + PAGE_SIZE) : Promise.resolve());
  const prev = () => (hasPrev.value ? load(Math.max(0, offset.value - PAGE_SIZE)) : Promise.resolve());

  async function loadRuns() {
    try {
      runs.value = [...(await client().call('sync:runs', { limit: 100 }))].sort((a, b) => b.id - a.id);
    } catch {
      // The run filter then offers only "any run"; the log itself still loads.
      runs.value = [];
    }
  }

  async function open(id: number) {
    selectedId.value = id;
    detailError.value = null;
    try {
      const detail = await client().call('sync:exchange', { id });
      if (selectedId.value !== id) return;
      selected.value = detail;
      // Opened from a link while the list shows another run: the list follows the entry.
      if (detail && filters.value.runId !== null && detail.runId !== filters.value.runId) {
        filters.value = { ...filters.value, runId: detail.runId };
        void first();
      }
      if (!detail) detailError.value = `Exchange ${id} is no longer in the log (log retention may have removed it).`;
    } catch (err) {
      if (selectedId.value === id) detailError.value = messageOf(err);
    }
  }

  function close() {
    selectedId.value = null;
    selected.value = null;
    detailError.value = null;
  }

  function setFilters(changes: Partial<LogFilters>) {
    filters.value = { ...filters.value, ...changes };
    closeIfOutsideRun();
    return first();
  }

  /** "Run #6 in the log": that run's exchanges, and only them (other filters cleared, another run's entry closed). */
  function showRun(runId: number) {
    filters.value = { ...blankFilters(), runId };
    closeIfOutsideRun();
    return first();
  }

  /** An open exchange of another run than the one filtered to would sit beside a list it is not in. */
  function closeIfOutsideRun() {
    const runId = filters.value.runId;
    if (runId !== null && selected.value && selected.value.runId !== runId) close();
  }

  function clearFilters() {
    filters.value = blankFilters();
    return first();
  }

  function reset() {
    generation++;
    filters.value = blankFilters();
    rows.value = [];
    total.value = 0;
    offset.value = 0;
    runs.value = [];
    close();
  }

  return {
    filters, rows, total, offset, loading, error, runs, selected, selectedId, detailError,
    from, to, hasPrev, hasNext, filtered,
    load, first, next, prev, loadRuns, open, close, setFilters, showRun, clearFilters, reset,
  };
});
