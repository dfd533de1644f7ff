import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WorkspaceSummary } from '../../../shared/contract/records';
import { client } from './connection';
import { messageOf } from './errors';

export const TOP_RULES = 5;

/** The workspace summary behind the dashboard, fetched again after every change while it is shown. */
export const useDashboardStore = defineStore('dashboard', () => {
  const summary = ref<WorkspaceSummary | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  let shown = false;
  let generation = 0;

  async function load() {
    const gen = ++generation;
    loading.value = true;
    try {
      const result = await client().call('records:summary', { topRules: TOP_RULES });
      if (gen === generation) {
        summary.value = result;
        error.value = null;
      }
    } catch (err) {
      if (gen === generation) error.value = messageOf(err);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  /** Shown: always fetched afresh (cheap), so a change made while away is never missed. */
  function setShown(value: boolean) {
    shown = value;
    if (value) void load();
  }

  function changed() {
    if (shown) void load();
  }

  client().on('data:changed', changed);
  client().on('workspace:changed', () => {
    summary.value = null;
    changed();
  });

  return { summary, error, loading, load, setShown };
});
