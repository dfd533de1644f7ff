import { resumesMethods, type ResumeMatchReport } from '../../../shared/contract/resumes';
import { defineHandlers } from './define';
import { detachResumes, listResumes, restoreResumes, type StoredResume } from '../resumes/resume-store';
import { recheckRecords } from '../compliance/recheck';
import type { Db } from '../db/connection';

/**
 * The last detach of each open workspace (by file), kept for its undo: detaching also forgets
 * uploads that are still valid, which only the rows themselves can give back.
 */
const lastDetached = new Map<string, StoredResume[]>();

/** Re-checks applications after resumes came or went (their `media` rule depends on it). */
function recheckAfter(db: Db, recordIds: readonly number[]): void {
  // Without any resume left (or with the first back), every application is judged anew.
  const all = (db.prepare("SELECT id FROM records WHERE category = 'applications'").all() as { id: number }[]).map((r) => r.id);
  const count = (db.prepare('SELECT count(*) AS n FROM resumes').get() as { n: number }).n;
  recheckRecords(db, count === 0 || count === recordIds.length ? all : recordIds);
}

export const resumesHandlers = defineHandlers(resumesMethods, {
  'resumes:attach': async (input, ctx) => {
    const session = ctx.workspace();
    const report = await ctx.jobs.run<ResumeMatchReport>('resumes', input, {
      title: input.files ? `Attaching ${input.files.length} resume files` : `Attaching resumes from ${input.folder}`,
      workspacePath: session.path,
    });
    lastDetached.delete(session.path);
    ctx.emit('data:changed', { categories: ['applications'], reason: 'resumes' });
    return report;
  },
  'resumes:list': (input, ctx) => listResumes(ctx.workspace().db, input, Date.now()),
  'resumes:detach': (input, ctx) => {
    const session = ctx.workspace();
    const db = session.db;
    const detached = db.transaction(() => {
      const rows = detachResumes(db, input);
      if (rows.length > 0) recheckAfter(db, rows.map((r) => r.record_id));
      return rows;
    })();
    if (detached.length > 0) {
      lastDetached.set(session.path, detached);
      ctx.emit('data:changed', { categories: ['applications'], reason: 'resumes' });
    }
    return { detached: detached.length, undoable: detached.length > 0 };
  },
  'resumes:restore': (_input, ctx) => {
    const session = ctx.workspace();
    const rows = lastDetached.get(session.path) ?? [];
    lastDetached.delete(session.path);
    const db = session.db;
    const restored = db.transaction(() => {
      const ids = restoreResumes(db, rows);
      if (ids.length > 0) recheckAfter(db, ids);
      return ids;
    })();
    if (restored.length > 0) ctx.emit('data:changed', { categories: ['applications'], reason: 'resumes' });
    return { restored: restored.length };
  },
});
