import { resumesMethods, type ResumeMatchReport } from '../../../shared/contract/resumes';
import { defineHandlers } from './define';
import { detachResumes, listResumes } from '../resumes/resume-store';
import { recheckRecords } from '../compliance/recheck';

export const resumesHandlers = defineHandlers(resumesMethods, {
  'resumes:attach': async (input, ctx) => {
    const session = ctx.workspace();
    const report = await ctx.jobs.run<ResumeMatchReport>('resumes', input, {
      title: `Attaching resumes from ${input.folder}`,
      workspacePath: session.path,
    });
    ctx.emit('data:changed', { categories: ['applications'], reason: 'resumes' });
    return report;
  },
  'resumes:list': (input, ctx) => listResumes(ctx.workspace().db, input, Date.now()),
  'resumes:detach': (input, ctx) => {
    const db = ctx.workspace().db;
    const detached = db.transaction(() => {
      const n = detachResumes(db, input);
      // Without any resume left, every application is judged as before resumes existed.
      const none = db.prepare('SELECT 1 FROM resumes LIMIT 1').get() === undefined;
      const ids = none
        ? (db.prepare("SELECT id FROM records WHERE category = 'applications'").all() as { id: number }[]).map((r) => r.id)
        : (input.recordIds ?? []);
      if (n > 0) recheckRecords(db, ids);
      return n;
    })();
    if (detached > 0) ctx.emit('data:changed', { categories: ['applications'], reason: 'resumes' });
    return { detached };
  },
});
