import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ResumeMatchReport, ResumePage } from '../../../shared/contract/resumes';
import { client, platform } from './connection';
import { messageOf } from './errors';
import { useAppStore } from './app';

const PAGE = 50;

/** Resume files matched to applications: attach a folder, list what is attached, detach. */
export const useResumesStore = defineStore('resumes', () => {
  const folder = ref('');
  const pattern = ref('');
  const column = ref('');
  const report = ref<ResumeMatchReport | null>(null);
  const page = ref<ResumePage | null>(null);
  const offset = ref(0);
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function guard(work: () => Promise<void>) {
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (err) {
      error.value = messageOf(err);
    } finally {
      busy.value = false;
    }
  }

  async function chooseFolder() {
    const picked = await platform().pickFolder({ title: 'Folder of resume files' });
    if (picked) folder.value = picked;
  }

  const load = (at = offset.value) =>
    guard(async () => {
      page.value = await client().call('resumes:list', { limit: PAGE, offset: at });
      offset.value = at;
    });

  const attach = () =>
    guard(async () => {
      report.value = await client().call('resumes:attach', {
        folder: folder.value.trim(),
        ...(pattern.value.trim() ? { pattern: pattern.value.trim() } : {}),
        ...(column.value.trim() ? { column: column.value.trim() } : {}),
      });
      useAppStore().notify(`${report.value.matched.length.toLocaleString()} resume files matched to applications.`);
      page.value = await client().call('resumes:list', { limit: PAGE, offset: 0 });
      offset.value = 0;
    });

  const detachAll = () =>
    guard(async () => {
      const r = await client().call('resumes:detach', { all: true });
      useAppStore().notify(`${r.detached.toLocaleString()} resumes detached.`);
      report.value = null;
      page.value = await client().call('resumes:list', { limit: PAGE, offset: 0 });
      offset.value = 0;
    });

  return { folder, pattern, column, report, page, offset, busy, error, PAGE, chooseFolder, load, attach, detachAll };
});
