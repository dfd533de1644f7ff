import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import type { LocationQuery } from 'vue-router';
import { isCategory, type CellValue, type Category } from '../../../shared/domain';
import {
  GRID_MATCH_STATUSES, GRID_RECORD_STATUSES, GRID_SYNC_STATUSES,
  type BulkAction, type BulkPreview, type CellChange, type GridColumns, type GridFacets, type GridFilter,
  type GridMatchStatus, type GridRecordStatus, type GridRow, type GridSort, type GridSyncStatus, type OperationResult, type RecordDetail,
} from '../../../shared/contract/records';
import { client } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';
import { plural } from '../components/ui/format';

/** Rows per records:page call. */
export const PAGE_SIZE = 100;
/** Pages kept at once: the renderer holds a few windows around the visible rows, never the dataset. */
export const MAX_PAGES = 6;
/** A selection larger than this is not listed record by record; bulk actions use the filter instead. */
export const MAX_SELECTION = 100_000;

/** The grid's criteria besides its category. */
export type ViewFilter = Omit<GridFilter, 'category' | 'recordIds'>;

/** Which records an action applies to: the rows selected in the grid, or every record of the view. */
export type Scope = { kind: 'filter' } | { kind: 'selection'; recordIds: number[] };

export interface CellPos {
  row: number;
  col: number;
}

function one<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

function text(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The grid's view from the address (/records?category=jobs&rule=url-format&status=error), as the
 * dashboard and the workspace header link to it. "status=syncFailed" is the status filter's
 * "sync failed" choice, which the contract expresses as a sync status.
 */
export function viewFromQuery(q: LocationQuery): { category?: Category; filter: ViewFilter } {
  const filter: ViewFilter = {};
  const cat = text(q.category);
  const rawStatus = text(q.status);
  const status = one<GridRecordStatus>(rawStatus, GRID_RECORD_STATUSES);
  if (status) filter.status = status;
  const sync = rawStatus === 'syncFailed' ? 'failed' : one<GridSyncStatus>(q.sync, GRID_SYNC_STATUSES);
  if (sync) filter.syncStatus = sync;
  const match = one<GridMatchStatus>(q.match, GRID_MATCH_STATUSES);
  if (match) filter.match = match;
  const rule = text(q.rule);
  if (rule) filter.rule = rule;
  const field = text(q.field);
  if (field) filter.field = field;
  const search = text(q.q);
  if (search) filter.search = search;
  return { category: isCategory(cat) ? cat : undefined, filter };
}

export function queryFromView(category: Category, filter: ViewFilter): Record<string, string> {
  const q: Record<string, string> = { category };
  const status = Array.isArray(filter.status) ? filter.status[0] : filter.status;
  if (status) q.status = status;
  const sync = Array.isArray(filter.syncStatus) ? filter.syncStatus[0] : filter.syncStatus;
  if (sync) q.sync = sync;
  const match = Array.isArray(filter.match) ? filter.match[0] : filter.match;
  if (match) q.match = match;
  if (filter.rule) q.rule = filter.rule;
  if (filter.field) q.field = filter.field;
  if (filter.search) q.q = filter.search;
  return q;
}

export function isFiltered(filter: ViewFilter): boolean {
  return Object.values(filter).some((v) => v !== undefined && v !== '');
}

/**
 * The records grid: one category's columns, a small cache of row windows fetched as the grid
 * scrolls, the facets of the current view, the active cell and selection, the open record, and
 * the fix-up actions. Every change comes back as 'data:changed', after which the visible windows,
 * the facets and the open record are fetched again.
 */
export const useRecordsStore = defineStore('records', () => {
  const app = useAppStore();

  const category = ref<Category>('jobs');
  const columns = ref<GridColumns | null>(null);
  const filter = ref<ViewFilter>({});
  const sort = ref<GridSort | null>(null);
  /** Records matching the view; null until the first window arrives. */
  const total = ref<number | null>(null);
  /** Rows known to exist while a deferred total is being counted (the windows fetched so far). */
  const provisional = ref(0);
  /** The rows the grid lays out: the total, or what is known of it while it is counted. */
  const rowCount = computed(() => total.value ?? provisional.value);
  let countingGeneration = -1;
  const facets = ref<GridFacets | null>(null);
  const error = ref<string | null>(null);
  const busy = ref(false);
  /** Pages by index. Shallow: a page is replaced or patched whole, then the ref is triggered. */
  const pages = shallowRef(new Map<number, GridRow[]>());

  const active = ref<CellPos>({ row: 0, col: 0 });
  const anchor = ref<CellPos>({ row: 0, col: 0 });

  const detail = ref<RecordDetail | null>(null);
  const detailId = ref<number | null>(null);
  const detailError = ref<string | null>(null);

  /** Set while the records screen is shown; changes made meanwhile elsewhere mark the view stale instead. */
  let shown = false;
  let stale = false;
  let columnsStale = false;
  let generation = 0;
  let facetGeneration = 0;
  let inflight = new Map<number, Promise<void>>();
  let recent: number[] = [];
  let range = { start: 0, end: PAGE_SIZE - 1 };

  const fullFilter = computed<GridFilter>(() => ({ category: category.value, ...filter.value }));
  const filtered = computed(() => isFiltered(filter.value));
  const selection = computed(() => ({
    top: Math.min(active.value.row, anchor.value.row),
    bottom: Math.max(active.value.row, anchor.value.row),
    left: Math.min(active.value.col, anchor.value.col),
    right: Math.max(active.value.col, anchor.value.col),
  }));
  const selectedRowCount = computed(() => (total.value ? Math.min(total.value, selection.value.bottom + 1) - selection.value.top : 0));

  function rowAt(index: number): GridRow | undefined {
    return pages.value.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  function touch(page: number) {
    recent = [page, ...recent.filter((p) => p !== page)];
  }

  /** Drops the least recently used windows beyond MAX_PAGES, never one the grid shows now. */
  function evict() {
    const needed = neededPages();
    for (const p of [...recent].reverse()) {
      if (pages.value.size <= MAX_PAGES) break;
      if (needed.has(p)) continue;
      pages.value.delete(p);
      recent = recent.filter((x) => x !== p);
    }
  }

  function neededPages(): Set<number> {
    const out = new Set<number>();
    const first = Math.floor(range.start / PAGE_SIZE);
    const last = Math.floor(range.end / PAGE_SIZE);
    for (let p = first; p <= last; p++) out.add(p);
    return out;
  }

  function loadPage(page: number): Promise<void> {
    const gen = generation;
    const existing = inflight.get(page);
    if (existing) return existing;
    const request = client()
      .call('records:page', {
        filter: fullFilter.value,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
        ...(sort.value ? { sort: sort.value } : {}),
        deferTotal: true,
      })
      .then((res) => {
        if (gen !== generation) return;
        if (res.total !== null) total.value = res.total;
        else {
          // Rows first; the total (a scan of every record's values) follows.
          provisional.value = Math.max(provisional.value, res.offset + res.rows.length);
          void loadTotal(gen);
        }
        if (res.rows.length > 0 || page === 0) pages.value.set(page, res.rows);
        touch(page);
        evict();
        triggerRef(pages);
        error.value = null;
      })
      .catch((err) => {
        if (gen === generation) error.value = messageOf(err);
      })
      .finally(() => {
        if (inflight.get(page) === request) inflight.delete(page);
      });
    inflight.set(page, request);
    return request;
  }

  /** The grid reports the rows it shows; missing windows are fetched. */
  function requestRange(start: number, end: number): Promise<void> {
    range = { start: Math.max(0, start), end: Math.max(start, end) };
    const loads: Promise<void>[] = [];
    for (const p of neededPages()) {
      if (total.value !== null && p * PAGE_SIZE >= total.value && p > 0) continue;
      if (pages.value.has(p)) touch(p);
      else loads.push(loadPage(p));
    }
    return Promise.all(loads).then(() => undefined);
  }

  async function loadFacets() {
    const gen = ++facetGeneration;
    try {
      const result = await client().call('records:facets', { filter: fullFilter.value });
      if (gen === facetGeneration) facets.value = result;
    } catch (err) {
      if (gen === facetGeneration) error.value = messageOf(err);
    }
  }

  /** The total a deferred page left out; the current view's, once per generation. */
  async function loadTotal(gen: number): Promise<void> {
    if (countingGeneration === gen) return;
    countingGeneration = gen;
    try {
      const n = await client().call('records:count', { filter: fullFilter.value });
      if (gen === generation) total.value = n;
    } catch (err) {
      if (gen === generation) error.value = messageOf(err);
    }
  }

  /** A new view: every cached window is dropped and the first one fetched. */
  function reload(): Promise<void> {
    generation++;
    inflight = new Map();
    recent = [];
    pages.value = new Map();
    total.value = null;
    provisional.value = 0;
    range = { start: 0, end: PAGE_SIZE - 1 };
    active.value = { row: 0, col: active.value.col };
    anchor.value = { ...active.value };
    stale = false;
    return Promise.all([requestRange(0, PAGE_SIZE - 1), loadFacets()]).then(() => undefined);
  }

  /**
   * The same view after a change: the windows on screen are fetched again and replace the old
   * rows as they arrive (no blank flash); windows off screen are dropped.
   */
  function refresh(): Promise<void> {
    stale = false;
    if (columnsStale) {
      columnsStale = false;
      void loadColumns();
    }
    generation++;
    inflight = new Map();
    const needed = neededPages();
    for (const p of [...pages.value.keys()]) if (!needed.has(p)) pages.value.delete(p);
    recent = recent.filter((p) => needed.has(p));
    triggerRef(pages);
    const loads = [...needed].map((p) => loadPage(p));
    if (detailId.value !== null) loads.push(loadDetail(detailId.value));
    loads.push(loadFacets());
    return Promise.all(loads).then(() => {
      followNow();
    });
  }

  /**
   * The record the cursor is to stay on once the view is fetched again. After a fix in a filtered
   * view the fixed record may leave it and every row below moves up one: the cursor keeps to the
   * record it moved on to, rather than to its row number (which would skip one).
   */
  let following: number | null = null;
  function followRecord(id: number) {
    following = id;
  }
  function followNow() {
    const id = following;
    following = null;
    if (id === null) return;
    for (const [page, rows] of pages.value) {
      const at = rows.findIndex((r) => r?.id === id);
      if (at < 0) continue;
      const row = page * PAGE_SIZE + at;
      if (row !== active.value.row) {
        active.value = { row, col: active.value.col };
        anchor.value = { ...active.value };
      }
      return;
    }
  }

  async function loadColumns() {
    const cat = category.value;
    try {
      const cols = await client().call('records:columns', { category: cat });
      if (cat === category.value) columns.value = cols;
    } catch (err) {
      error.value = messageOf(err);
    }
  }

  /** Opens a category with a filter (from the address, a tab or a dashboard link). */
  async function open(cat: Category, view: ViewFilter = {}) {
    const changedCategory = cat !== category.value || columns.value === null;
    category.value = cat;
    filter.value = { ...view };
    if (changedCategory) {
      columns.value = null;
      sort.value = null;
      active.value = { row: 0, col: 0 };
      closeRecord();
    }
    await Promise.all([changedCategory ? loadColumns() : Promise.resolve(), reload()]);
  }

  function setFilter(patch: Partial<ViewFilter>) {
    const next: ViewFilter = { ...filter.value, ...patch };
    for (const k of Object.keys(next) as (keyof ViewFilter)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    filter.value = next;
    return reload();
  }

  function clearFilters() {
    filter.value = {};
    return reload();
  }

  /** Clicking a header: ascending, then descending, then the import order. */
  function toggleSort(column: string) {
    const s = sort.value;
    if (!s || s.column !== column) sort.value = { column, direction: 'asc' };
    else if (s.direction === 'asc') sort.value = { column, direction: 'desc' };
    else sort.value = null;
    return reload();
  }

  function setActive(pos: CellPos, extend = false) {
    active.value = pos;
    if (!extend) anchor.value = { ...pos };
  }

  function selectRange(from: CellPos, to: CellPos) {
    anchor.value = { ...from };
    active.value = { ...to };
  }

  /** The ids of the selected rows, fetched for rows not in the cache (ids only; nothing is cached). */
  async function selectedRecordIds(): Promise<number[]> {
    const { top, bottom } = selection.value;
    const last = Math.min(bottom, (total.value ?? 0) - 1, top + MAX_SELECTION - 1);
    const ids: number[] = [];
    let i = top;
    while (i <= last) {
      const row = rowAt(i);
      if (row) {
        ids.push(row.id);
        i++;
        continue;
      }
      const limit = Math.min(1000, last - i + 1);
      const res = await client().call('records:page', {
        filter: fullFilter.value, offset: i, limit, ...(sort.value ? { sort: sort.value } : {}),
      });
      if (res.rows.length === 0) break;
      for (const r of res.rows) ids.push(r.id);
      i += res.rows.length;
    }
    return ids;
  }

  /** Rows top..bottom (inclusive), fetched where the cache lacks them. */
  async function rowsBetween(top: number, bottom: number): Promise<GridRow[]> {
    const out: GridRow[] = [];
    let i = top;
    while (i <= bottom) {
      const row = rowAt(i);
      if (row) {
        out.push(row);
        i++;
        continue;
      }
      const res = await client().call('records:page', {
        filter: fullFilter.value, offset: i, limit: Math.min(1000, bottom - i + 1), ...(sort.value ? { sort: sort.value } : {}),
      });
      if (res.rows.length === 0) break;
      out.push(...res.rows);
      i += res.rows.length;
    }
    return out;
  }

  function scopeFilter(scope: Scope): GridFilter {
    return scope.kind === 'selection' ? { ...fullFilter.value, recordIds: scope.recordIds } : fullFilter.value;
  }

  async function act<T>(work: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    try {
      return await work();
    } catch (err) {
      app.notify(messageOf(err), 'error');
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  function report(result: OperationResult | undefined, nothing = 'Nothing to change.') {
    if (!result) return;
    if (!result.operation) {
      app.notify(result.skipped ? `Nothing changed: ${plural(result.skipped, 'cell')} could not be converted.` : nothing);
      return;
    }
    const cells = result.changedCells.toLocaleString('en-US');
    const records = result.changedRecords.toLocaleString('en-US');
    const skipped = result.skipped ? ` · ${result.skipped.toLocaleString('en-US')} skipped` : '';
    app.notify(`${result.operation.description} — ${cells} cell${result.changedCells === 1 ? '' : 's'} in ${records} record${result.changedRecords === 1 ? '' : 's'}${skipped}. Ctrl+Z undoes it.`);
  }

  /** Shows a typed value at once; the backend's answer (and its re-check) replaces it on refresh. */
  function patchLocal(changes: readonly { index: number; field: string; value: CellValue }[]) {
    for (const c of changes) {
      const row = rowAt(c.index);
      if (row) row.values = { ...row.values, [c.field]: c.value };
    }
    triggerRef(pages);
  }

  /** One inline edit or a pasted range: one records:edit call, one history entry. */
  async function editCells(changes: (CellChange & { index?: number })[], description?: string) {
    if (changes.length === 0) return;
    patchLocal(changes.filter((c): c is CellChange & { index: number } => c.index !== undefined));
    const result = await act(() =>
      client().call('records:edit', {
        changes: changes.map(({ recordId, field, value }) => ({ recordId, field, value })),
        ...(description ? { description } : {}),
      }),
    );
    if (result === undefined) await refresh();
    else if (changes.length > 1) report(result);
    return result;
  }

  const applyFix = async (recordId: number, rule: string, field?: string) =>
    report(await act(() => client().call('records:applyFix', { recordId, rule, ...(field ? { field } : {}) })));

  /**
   * "Fix all N like this": every fixable issue of the rule among the records its facet counts,
   * the view without its rule criterion (with another rule chosen, the count and the fix would
   * otherwise cover different records).
   */
  const fixAllSpec = (rule: string) => {
    const rest = { ...filter.value };
    delete rest.rule;
    return isFiltered(rest) ? { rule, filter: { category: category.value, ...rest } } : { rule, category: category.value };
  };
  const fixAll = async (rule: string) => {
    const result = await act(() => client().call('records:fixAll', fixAllSpec(rule)));
    report(result);
    return result;
  };
  /** What fixAll(rule) would change, before it is asked for. */
  const previewFixAll = (rule: string, limit = 20): Promise<BulkPreview> => client().call('records:previewFixAll', { ...fixAllSpec(rule), limit });

  const preview = (scope: Scope, action: BulkAction, limit = 50): Promise<BulkPreview> =>
    client().call('records:preview', { filter: scopeFilter(scope), action, limit });

  const bulk = async (scope: Scope, action: BulkAction) => {
    const result = await act(() => client().call('records:bulk', { filter: scopeFilter(scope), action }));
    report(result);
    return result;
  };

  const exclude = async (scope: Scope, reason: string) => {
    const result = await act(() => client().call('records:exclude', { filter: scopeFilter(scope), reason }));
    report(result, 'Those records are excluded already.');
    return result;
  };

  const include = async (scope: Scope) => {
    const result = await act(() => client().call('records:include', { filter: scopeFilter(scope) }));
    report(result, 'None of those records is excluded.');
    return result;
  };

  async function loadDetail(id: number) {
    try {
      const d = await client().call('records:detail', { recordId: id });
      if (detailId.value === id) {
        detail.value = d;
        detailError.value = null;
      }
    } catch (err) {
      if (detailId.value === id) detailError.value = messageOf(err);
    }
  }

  function openRecord(id: number) {
    if (detailId.value === id && detail.value) return Promise.resolve();
    detailId.value = id;
    if (detail.value?.id !== id) detail.value = null;
    return loadDetail(id);
  }

  function closeRecord() {
    detailId.value = null;
    detail.value = null;
    detailError.value = null;
  }

  function setShown(value: boolean) {
    shown = value;
    if (value && stale) void refresh();
  }

  // New records (an import, the sample) can bring new fields and unmapped source columns.
  const NEW_COLUMNS = new Set(['import', 'sample']);
  client().on('data:changed', ({ categories, reason }) => {
    if (!categories.includes(category.value)) return;
    if (NEW_COLUMNS.has(reason)) columnsStale = true;
    if (shown) void refresh();
    else stale = true;
  });
  client().on('workspace:changed', () => {
    columns.value = null;
    closeRecord();
    stale = true;
  });

  return {
    category, columns, filter, sort, total, rowCount, facets, error, busy, pages, active, anchor, detail, detailId, detailError,
    fullFilter, filtered, selection, selectedRowCount,
    rowAt, requestRange, reload, refresh, followRecord, open, setFilter, clearFilters, toggleSort, setActive, selectRange,
    selectedRecordIds, rowsBetween, editCells, applyFix, fixAll, previewFixAll, preview, bulk, exclude, include,
    openRecord, closeRecord, loadDetail, setShown,
  };
});

