import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { JobFinished, JobProgress } from '../../../shared/contract';
import { client } from './connection';

/** The running job's progress (one writer at a time, so at most one bar) and the last finished one. */
export const useJobsStore = defineStore('jobs', () => {
  const current = ref<JobProgress | null>(null);
  const last = ref<JobFinished | null>(null);

  function listen() {
    client().on('job:started', (info) => {
      current.value = { jobId: info.jobId, kind: info.kind, title: info.title, done: 0, total: 0, message: 'Starting…' };
    });
    client().on('job:progress', (p) => {
      current.value = p;
    });
    client().on('job:finished', (f) => {
      last.value = f;
      if (current.value?.jobId === f.jobId) current.value = null;
    });
  }

  async function cancel() {
    if (current.value) await client().call('job:cancel', { jobId: current.value.jobId });
  }

  return { current, last, listen, cancel };
});
