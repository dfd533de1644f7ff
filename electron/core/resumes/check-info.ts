import type { Db } from '../db/connection';
import type { ResumeCheckInfo } from '../../../shared/rsc/context';
import { hasValidUrn } from './resume-store';
import { PLANNED_SEND_MARGIN_MS } from './planned-send';

interface Row {
  key: string;
  media_urn: string | null;
  media_sha256: string | null;
  sha256: string;
  expires_at: number | null;
}

/** Per-record queries until this many lookups; then one read of all rows (a full check). */
const BULK_AFTER = 256;

/**
 * The resume facts the media rules need (shared/rsc/resume-check.ts), or undefined when no
 * resume is attached (the check then behaves exactly as without this feature). Lazy: an edit of
 * one record costs one indexed lookup, a full check one read of the table.
 */
export function resumeCheckInfo(db: Db, now: number): ResumeCheckInfo | undefined {
  if (!db.prepare('SELECT 1 FROM resumes LIMIT 1').get()) return undefined;
  const plannedSendAt = now + PLANNED_SEND_MARGIN_MS;
  const one = db.prepare(
    `SELECT r.key, s.media_urn, s.media_sha256, s.sha256, s.expires_at FROM resumes s JOIN records r ON r.id = s.record_id
     WHERE r.category = 'applications' AND r.key = ?`,
  );
  const byUrn = db.prepare('SELECT min(obtained_at) AS at FROM resumes WHERE media_urn = ?');
  let lookups = 0;
  let all: Map<string, Row> | null = null;
  const state = (row: Row | undefined) => (row ? { uploaded: hasValidUrn(row, plannedSendAt) } : undefined);
  return {
    plannedSendAt,
    of(applicationId) {
      if (all) return state(all.get(applicationId));
      if (++lookups > BULK_AFTER) {
        const rows = db
          .prepare(
            `SELECT r.key, s.media_urn, s.media_sha256, s.sha256, s.expires_at FROM resumes s JOIN records r ON r.id = s.record_id
             WHERE r.category = 'applications'`,
          )
          .all() as Row[];
        all = new Map(rows.map((r) => [r.key, r]));
        return state(all.get(applicationId));
      }
      return state(one.get(applicationId) as Row | undefined);
    },
    obtainedAt(urn) {
      const row = byUrn.get(urn) as { at: number | null } | undefined;
      return row?.at ?? undefined;
    },
  };
}
