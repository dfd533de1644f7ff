import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConnectionCheck } from '../../../shared/contract/sync';
import { client } from './connection';
import { messageOf } from './errors';

/** The last "Test connection" of the open workspace's saved settings (Settings and Sync share it). */
export const useConnectionCheckStore = defineStore('connection-check', () => {
  const result = ref<ConnectionCheck | null>(null);
  const checkedAt = ref<number | null>(null);
  const checking = ref(false);
  const error = ref<string | null>(null);

  async function run() {
    if (checking.value) return;
    checking.value = true;
    error.value = null;
    try {
      result.value = await client().call('sync:check', {});
      checkedAt.value = Date.now();
    } catch (err) {
      result.value = null;
      error.value = messageOf(err);
    } finally {
      checking.value = false;
    }
  }

  function reset() {
    result.value = null;
    checkedAt.value = null;
    error.value = null;
  }

  return { result, checkedAt, checking, error, run, reset };
});
