import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DriftRow, EraseCategory, EraseSummary, ReconcileOverview, ReconcileSummary, UnmatchedRow } from '../../../shared/contract/reconcile';
import { client } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';

const PAGE = 50;

/** What erase deletes from the Reconcile page: synced records missing from their latest import, and those marked. */
const ERASE_SELECTION = { missing: true, marked: true } as const;

/** LinkedIn's member matches read back, drift, and erasing at LinkedIn (with a preview first). */
export const useReconcileStore = defineStore('reconcile', () => {
  const overview = ref<ReconcileOverview | null>(null);
  const unmatched = ref<{ total: number; rows: UnmatchedRow[] } | null>(null);
  const unmatchedOffset = ref(0);
  const drift = ref<{ total: number; rows: DriftRow[] } | null>(null);
  /** Only this import's candidates (source file id); null: all. */
  const fileId = ref<number | null>(null);
  const lastRead = ref<ReconcileSummary | null>(null);
  const erasePlan = ref<EraseSummary | null>(null);
  const eraseResult = ref<EraseSummary | null>(null);
  const busy = ref<'read' | 'plan' | 'erase' | 'load' | null>(null);
  const error = ref<string | null>(null);

  async function guard(kind: NonNullable<typeof busy.value>, work: () => Promise<void>) {
    busy.value = kind;
    error.value = null;
    try {
      await work();
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      busy.value = null;
    }
  }

  async function refresh() {
    const scope = fileId.value === null ? {} : { fileId: fileId.value };
    const [o, u, d] = await Promise.all([
      client().call('reconcile:overview', {}),
      client().call('reconcile:unmatched', { ...scope, limit: PAGE, offset: unmatchedOffset.value }),
      client().call('reconcile:drift', { limit: PAGE }),
    ]);
    overview.value = o;
    unmatched.value = u;
    drift.value = d;
  }

  const load = () => guard('load', refresh);

  const pageUnmatched = (offset: number) =>
    guard('load', async () => {
      unmatchedOffset.value = Math.max(0, offset);
      await refresh();
    });

  const choose = (id: number | null) =>
    guard('load', async () => {
      fileId.value = id;
      unmatchedOffset.value = 0;
      await refresh();
    });

  const read = () =>
    guard('read', async () => {
      const summary = await client().call('reconcile:start', { listRecords: false, ...(fileId.value === null ? {} : { fileId: fileId.value }) });
      lastRead.value = summary;
      if (summary.status === 'failed' && summary.failure) error.value = `${summary.failure.message} ${summary.failure.hint}`;
      else {
        const c = summary.candidates;
        useAppStore().notify(`${c.checked.toLocaleString()} candidates read back: ${c.matched.toLocaleString()} matched.`);
      }
      unmatchedOffset.value = 0;
      await refresh();
    });

  /** The dry run the confirmation shows: nothing is sent. */
  const planErase = () =>
    guard('plan', async () => {
      eraseResult.value = null;
      erasePlan.value = await client().call('erase:plan', ERASE_SELECTION);
    });

  const cancelErase = () => {
    erasePlan.value = null;
  };

  const confirmErase = () =>
    guard('erase', async () => {
      const result = await client().call('erase:start', { ...ERASE_SELECTION, confirm: true });
      eraseResult.value = result;
      erasePlan.value = null;
      if (result.status === 'failed' && result.failure) error.value = `${result.failure.message} ${result.failure.hint}`;
      else useAppStore().notify(`${result.deleted.toLocaleString()} records erased at LinkedIn.`);
      await refresh();
    });

  /** Keys typed or pasted one per line (or separated by commas). */
  function keysOf(text: string): string[] {
    return [...new Set(text.split(/[\n,;\t]+/).map((k) => k.trim()).filter(Boolean))];
  }

  const mark = (category: EraseCategory, text: string, withdraw = false) =>
    guard('load', async () => {
      const keys = keysOf(text);
      if (keys.length === 0) return;
      if (withdraw) {
        const r = await client().call('erase:unmark', { category, keys });
        useAppStore().notify(`${r.unmarked.toLocaleString()} of ${keys.length.toLocaleString()} records no longer marked for erasure.`);
      } else {
        const r = await client().call('erase:mark', { category, keys });
        useAppStore().notify(`${r.marked.toLocaleString()} of ${keys.length.toLocaleString()} records marked for erasure.`);
      }
      await refresh();
    });

  return {
    mark,
    overview, unmatched, unmatchedOffset, drift, fileId, lastRead, erasePlan, eraseResult, busy, error, PAGE,
    load, pageUnmatched, choose, read, planErase, cancelErase, confirmErase,
  };
});
