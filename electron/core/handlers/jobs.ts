import { jobMethods } from '../../../shared/contract/jobs';
import { defineHandlers } from './define';

export const jobHandlers = defineHandlers(jobMethods, {
  'job:list': (_input, ctx) => ctx.jobs.list(),
  'job:cancel': ({ jobId }, ctx) => ({ cancelled: ctx.jobs.cancel(jobId) }),
});
