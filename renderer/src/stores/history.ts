import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { HistoryEntry, UndoResult } from '../../../shared/contract/records';
import { client } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';
import { useShellCommands } from './shell-commands';

export const HISTORY_PAGE = 200;

/**
 * The workspace's edit history: every operation (what, how many records, when), what Undo and
 * Redo would act on, and reverting one earlier operation on its own. A refusal (a later operation
 * changed the same cells) is kept to show beside the list, in the backend's words.
 */
export const useHistoryStore = defineStore('history', () => {
  const app = useAppStore();
  const entries = ref<HistoryEntry[]>([]);
  const total = ref(0);
  const undoEntry = ref<HistoryEntry | null>(null);
  const redoEntry = ref<HistoryEntry | null>(null);
  const refusal = ref<string | null>(null);
  const busy = ref(false);
  const loaded = ref(false);

  async function load() {
    try {
      const page = await client().call('records:history', { limit: HISTORY_PAGE });
      entries.value = page.entries;
      total.value = page.total;
      undoEntry.value = page.undo;
      redoEntry.value = page.redo;
      loaded.value = true;
    } catch (err) {
      refusal.value = messageOf(err);
    }
  }

  async function walk(call: () => Promise<UndoResult>): Promise<UndoResult | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    refusal.value = null;
    try {
      const result = await call();
      app.notify(result.message);
      return result;
    } catch (err) {
      refusal.value = messageOf(err);
      app.notify(refusal.value, 'error');
      return undefined;
    } finally {
      busy.value = false;
      await load();
    }
  }

  const undo = () => walk(() => client().call('records:undo', {}));
  const redo = () => walk(() => client().call('records:redo', {}));
  const revert = (operationId: number) => walk(() => client().call('records:revert', { operationId }));
  const reapply = (operationId: number) => walk(() => client().call('records:reapply', { operationId }));

  // The native menu's Undo and Redo (Electron) act on this history.
  useShellCommands().registerHistory({ undo, redo });

  client().on('data:changed', () => {
    if (loaded.value) void load();
  });
  client().on('workspace:changed', () => {
    refusal.value = null;
    if (loaded.value) void load();
  });

  return { entries, total, undoEntry, redoEntry, refusal, busy, loaded, load, undo, redo, revert, reapply };
});
