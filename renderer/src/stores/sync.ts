import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { CATEGORIES, type Category } from '../../../shared/domain';
import type { Input } from '../../../shared/contract';
import type { CategorySyncCounts, SyncProgress, SyncRunInfo, SyncSummary } from '../../../shared/contract/sync';
import { client } from './connection';
import { messageOf } from './errors';
import { useJobsStore } from './jobs';

export interface SyncOptions {
  categories: Category[];
  force: boolean;
  retryFailed: boolean;
}

export interface LiveTotals {
  sent: number;
  succeeded: number;
  failed: number;
  pending: number;
  skipped: number;
  retried: number;
  requests: number;
}

/** How often a running sync's progress is read back; the run writes it as it goes. */
export const POLL_MS = 500;

function optionsKey(o: SyncOptions): string {
  return JSON.stringify({ c: [...o.categories].sort(), f: o.force, r: o.retryFailed });
}

function input(o: SyncOptions): Input<'sync:start'> {
  return {
    ...(o.categories.length < CATEGORIES.length ? { categories: [...o.categories] } : {}),
    ...(o.force ? { force: true } : {}),
    ...(o.retryFailed ? { retryFailed: true } : {}),
  };
}

export function totalsOf(categories: Record<Category, CategorySyncCounts>, retried: number, requests: number): LiveTotals {
  const t: LiveTotals = { sent: 0, succeeded: 0, failed: 0, pending: 0, skipped: 0, retried, requests };
  for (const c of CATEGORIES) {
    t.sent += categories[c].sent;
    t.succeeded += categories[c].succeeded;
    t.failed += categories[c].failed;
    t.pending += categories[c].pending;
    t.skipped += categories[c].skipped;
  }
  return t;
}

/**
 * The sync screen's state: options, the dry-run plan the user looks at before sending, the
 * running sync's progress (read back from its run while `sync:start` is pending), and the result.
 */
export const useSyncStore = defineStore('sync', () => {
  const options = ref<SyncOptions>({ categories: [...CATEGORIES], force: false, retryFailed: false });
  const phase = ref<'idle' | 'planning' | 'sending'>('idle');
  const plan = ref<SyncSummary | null>(null);
  const planKey = ref<string | null>(null);
  const progress = ref<SyncProgress | null>(null);
  const result = ref<SyncSummary | null>(null);
  const error = ref<string | null>(null);
  const cancelling = ref(false);
  let timer: ReturnType<typeof setInterval> | null = null;
  let polling = false;

  /** The plan no longer describes what Send would do once the options change. */
  const planCurrent = computed(() => plan.value !== null && planKey.value === optionsKey(options.value));
  const busy = computed(() => phase.value !== 'idle');
  const canSend = computed(() => planCurrent.value && !busy.value && options.value.categories.length > 0);

  const live = computed<LiveTotals | null>(() =>
    progress.value ? totalsOf(progress.value.categories, progress.value.retried, progress.value.requests) : null,
  );

  /** The day's request count against LinkedIn's budget, from the freshest source. */
  const budget = computed(() => {
    const s = progress.value ?? result.value ?? plan.value;
    return s ? { used: s.requestsToday, of: s.dailyBudget } : null;
  });

  async function dryRun() {
    if (busy.value) return;
    phase.value = 'planning';
    error.value = null;
    const key = optionsKey(options.value);
    try {
      plan.value = await client().call('sync:plan', input(options.value));
      planKey.value = key;
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      phase.value = 'idle';
    }
  }

  async function send() {
    if (!canSend.value) return;
    phase.value = 'sending';
    error.value = null;
    result.value = null;
    progress.value = null;
    startPolling();
    try {
      result.value = await client().call('sync:start', input(options.value));
      // What was planned has now been sent: the next Send needs a fresh look.
      plan.value = null;
      planKey.value = null;
    } catch (err) {
      error.value = messageOf(err);
      await adoptLatest();
    } finally {
      stopPolling();
      phase.value = 'idle';
      cancelling.value = false;
    }
  }

  async function cancel() {
    if (phase.value !== 'sending' || cancelling.value) return;
    cancelling.value = true;
    try {
      const jobs = useJobsStore();
      const jobId =
        jobs.current?.kind === 'sync'
          ? jobs.current.jobId
          : (await client().call('job:list', {})).find((j) => j.kind === 'sync')?.jobId;
      if (jobId) await client().call('job:cancel', { jobId });
    } catch (err) {
      error.value = messageOf(err);
      cancelling.value = false;
    }
  }

  async function pollOnce() {
    if (polling) return;
    polling = true;
    try {
      const run = await client().call('sync:run', {});
      if (run && run.status === 'running' && !run.dryRun && run.progress) progress.value = run.progress;
    } catch {
      // A missed reading is harmless: the next tick reads again, and the final summary comes from sync:start.
    } finally {
      polling = false;
    }
  }

  function startPolling() {
    stopPolling();
    timer = setInterval(() => void pollOnce(), POLL_MS);
  }

  function stopPolling() {
    if (timer) clearInterval(timer);
    timer = null;
  }

  /**
   * On opening the screen: show the last real run's result, and follow a sync that is still
   * running (started before the screen was opened, or from the CLI on the same workspace).
   */
  async function loadLatest() {
    if (busy.value) return;
    let runs: SyncRunInfo[];
    try {
      runs = [...(await client().call('sync:runs', { limit: 20 }))].sort((a, b) => b.id - a.id);
    } catch (err) {
      error.value = messageOf(err);
      return;
    }
    const running = runs.find((r) => r.status === 'running' && !r.dryRun);
    const finished = runs.find((r) => r.status !== 'running' && !r.dryRun && r.summary);
    result.value = finished?.summary ?? null;
    if (running) await follow(running);
  }

  async function follow(run: SyncRunInfo) {
    phase.value = 'sending';
    progress.value = run.progress;
    try {
      for (;;) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const now = await client().call('sync:run', { id: run.id });
        if (!now || now.status !== 'running') {
          result.value = now?.summary ?? null;
          break;
        }
        if (now.progress) progress.value = now.progress;
      }
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      phase.value = 'idle';
      cancelling.value = false;
    }
  }

  /** After a failed call, the run may still have recorded a summary worth showing. */
  async function adoptLatest() {
    try {
      const run = await client().call('sync:run', {});
      if (run && !run.dryRun && run.status !== 'running' && run.summary) result.value = run.summary;
    } catch {
      // Nothing more to show than the error already set.
    }
  }

  function toggleCategory(c: Category, on: boolean) {
    const set = new Set(options.value.categories);
    if (on) set.add(c);
    else set.delete(c);
    options.value.categories = CATEGORIES.filter((x) => set.has(x));
  }

  /** A different workspace: nothing of the old one's plan or result applies. */
  function reset() {
    stopPolling();
    plan.value = null;
    planKey.value = null;
    progress.value = null;
    result.value = null;
    error.value = null;
  }

  return {
    options, phase, plan, progress, result, error, cancelling, planCurrent, busy, canSend, live, budget,
    dryRun, send, cancel, loadLatest, toggleCategory, reset,
  };
});
