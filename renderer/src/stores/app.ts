import { defineStore } from 'pinia';
import { ref, computed } from 'vue';
import type { AppInfo, RecentWorkspace, WorkspaceCounts, WorkspaceInfo } from '../../../shared/contract';
import { CATEGORIES } from '../../../shared/domain';
import { client } from './connection';
import { messageOf } from './errors';
import { setDataDir } from '../client';

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  const workspace = ref<WorkspaceInfo | null>(null);
  const counts = ref<WorkspaceCounts | null>(null);
  const recent = ref<RecentWorkspace[]>([]);
  const error = ref<string | null>(null);
  const toast = ref<{ text: string; kind: 'info' | 'error' } | null>(null);

  const totalRecords = computed(() =>
    counts.value ? CATEGORIES.reduce((n, c) => n + counts.value![c].total, 0) : 0,
  );

  function notify(text: string, kind: 'info' | 'error' = 'info') {
    toast.value = { text, kind };
    setTimeout(() => {
      if (toast.value?.text === text) toast.value = null;
    }, 5000);
  }

  async function guarded<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      error.value = null;
      return await work();
    } catch (err) {
      notify(messageOf(err), 'error');
      return undefined;
    }
  }

  async function load() {
    await guarded(async () => {
      info.value = await client().call('app:info', {});
      setDataDir(info.value.dataDir);
      workspace.value = info.value.workspace;
      recent.value = await client().call('workspace:recent', {});
      await refreshCounts();
    });
  }

  async function refreshCounts() {
    counts.value = workspace.value ? await client().call('workspace:counts', {}) : null;
  }

  async function afterSwitch(ws: WorkspaceInfo | undefined) {
    if (!ws) return;
    workspace.value = ws;
    recent.value = await client().call('workspace:recent', {});
    await refreshCounts();
  }

  const createWorkspace = (name: string, path?: string) =>
    guarded(async () => afterSwitch(await client().call('workspace:create', path ? { name, path } : { name })));
  const openWorkspace = (path: string) => guarded(async () => afterSwitch(await client().call('workspace:open', { path })));
  const openSample = () => guarded(async () => afterSwitch(await client().call('workspace:openSample', {})));
  const setTimeZone = (timeZone: string) =>
    guarded(async () => {
      workspace.value = await client().call('workspace:setTimeZone', { timeZone });
    });

  function listen() {
    client().on('workspace:changed', (ws) => {
      workspace.value = ws;
      void refreshCounts();
    });
    client().on('data:changed', () => void refreshCounts());
  }

  return {
    info, workspace, counts, recent, error, toast, totalRecords,
    load, refreshCounts, createWorkspace, openWorkspace, openSample, setTimeZone, listen, notify, guarded,
  };
});
