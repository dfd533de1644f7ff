import type { Db } from '../db/connection';
import type { ResumeContentType, ResumeMatchedBy, ResumePage, ResumeRow } from '../../../shared/contract/resumes';

/** LinkedIn: the media URN "will expire 24 hours after it is obtained". */
export const MEDIA_URN_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResume {
  record_id: number;
  path: string;
  file_name: string;
  size: number;
  sha256: string;
  content_type: ResumeContentType;
  matched_by: ResumeMatchedBy;
  attached_at: number;
  media_urn: string | null;
  media_sha256: string | null;
  obtained_at: number | null;
  uploaded_at: number | null;
  expires_at: number | null;
  upload_exchange_id: number | null;
  pending_urn: string | null;
  pending_upload_url: string | null;
  pending_sha256: string | null;
  pending_at: number | null;
}

/** The stored URN can go into a request sent at `at`: it is for this file and still valid then. */
export function hasValidUrn(r: Pick<StoredResume, 'media_urn' | 'media_sha256' | 'sha256' | 'expires_at'>, at: number): boolean {
  return r.media_urn !== null && r.media_sha256 === r.sha256 && r.expires_at !== null && r.expires_at > at;
}

export interface AttachRow {
  recordId: number;
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  contentType: ResumeContentType;
  matchedBy: ResumeMatchedBy;
}

/**
 * Attaches (or re-attaches) files; returns how many were new or changed. The upload state is
 * kept: an unchanged file (same SHA-256) keeps its valid URN, a changed one is re-uploaded
 * because media_sha256 no longer matches.
 */
export function attachResumes(db: Db, rows: readonly AttachRow[], at: number): { changed: number; unchanged: number } {
  const existing = db.prepare('SELECT sha256 FROM resumes WHERE record_id = ?');
  const upsert = db.prepare(`INSERT INTO resumes (record_id, path, file_name, size, sha256, content_type, matched_by, attached_at)
    VALUES (@recordId, @path, @fileName, @size, @sha256, @contentType, @matchedBy, @at)
    ON CONFLICT (record_id) DO UPDATE SET path = excluded.path, file_name = excluded.file_name, size = excluded.size,
      sha256 = excluded.sha256, content_type = excluded.content_type, matched_by = excluded.matched_by,
      attached_at = CASE WHEN resumes.sha256 = excluded.sha256 THEN resumes.attached_at ELSE excluded.attached_at END`);
  let changed = 0;
  let unchanged = 0;
  for (const r of rows) {
    const prev = existing.get(r.recordId) as { sha256: string } | undefined;
    if (prev?.sha256 === r.sha256) unchanged++;
    else changed++;
    upsert.run({ ...r, at });
  }
  return { changed, unchanged };
}

export function detachResumes(db: Db, which: { recordIds?: readonly number[]; all?: boolean }): StoredResume[] {
  const where = which.all ? '' : 'WHERE record_id IN (SELECT value FROM json_each(?))';
  const params = which.all ? [] : [JSON.stringify(which.recordIds ?? [])];
  return db.prepare(`DELETE FROM resumes ${where} RETURNING *`).all(...params) as StoredResume[];
}

/** Puts detached rows back as they were, for records that still exist and have no resume now; returns their ids. */
export function restoreResumes(db: Db, rows: readonly StoredResume[]): number[] {
  const insert = db.prepare(`INSERT OR IGNORE INTO resumes (record_id, path, file_name, size, sha256, content_type, matched_by, attached_at,
      media_urn, media_sha256, obtained_at, uploaded_at, expires_at, upload_exchange_id, pending_urn, pending_upload_url, pending_sha256, pending_at)
    SELECT @record_id, @path, @file_name, @size, @sha256, @content_type, @matched_by, @attached_at, @media_urn, @media_sha256, @obtained_at,
      @uploaded_at, @expires_at, @upload_exchange_id, @pending_urn, @pending_upload_url, @pending_sha256, @pending_at
    WHERE EXISTS (SELECT 1 FROM records WHERE id = @record_id)`);
  const restored: number[] = [];
  for (const r of rows) if (insert.run(r).changes > 0) restored.push(r.record_id);
  return restored;
}

export function getResume(db: Db, recordId: number): StoredResume | null {
  return (db.prepare('SELECT * FROM resumes WHERE record_id = ?').get(recordId) as StoredResume | undefined) ?? null;
}

/** An upload URL was issued for the file: remembered before the bytes go out, so a retry reuses it. */
export function rememberPendingUpload(db: Db, recordId: number, p: { urn: string; uploadUrl: string; sha256: string; at: number }): void {
  db.prepare('UPDATE resumes SET pending_urn = ?, pending_upload_url = ?, pending_sha256 = ?, pending_at = ? WHERE record_id = ?')
    .run(p.urn, p.uploadUrl, p.sha256, p.at, recordId);
}

/** The upload of this content is confirmed: every application carrying the same file gets the URN. */
export function recordUpload(
  db: Db,
  sha256: string,
  u: { urn: string; obtainedAt: number; expiresAt: number; uploadedAt: number; exchangeId: number | null },
): void {
  db.prepare(`UPDATE resumes SET media_urn = ?, media_sha256 = sha256, obtained_at = ?, uploaded_at = ?, expires_at = ?,
      upload_exchange_id = ?, pending_urn = NULL, pending_upload_url = NULL, pending_sha256 = NULL, pending_at = NULL
    WHERE sha256 = ?`).run(u.urn, u.obtainedAt, u.uploadedAt, u.expiresAt, u.exchangeId, sha256);
}

export function clearPendingUpload(db: Db, sha256: string): void {
  db.prepare('UPDATE resumes SET pending_urn = NULL, pending_upload_url = NULL, pending_sha256 = NULL, pending_at = NULL WHERE sha256 = ?').run(sha256);
}

export function listResumes(
  db: Db,
  filter: { state?: 'uploaded' | 'needs-upload'; search?: string; limit?: number; offset?: number },
  now: number,
): ResumePage {
  const where: string[] = [];
  const params: unknown[] = [];
  const valid = '(s.media_urn IS NOT NULL AND s.media_sha256 = s.sha256 AND s.expires_at > ?)';
  if (filter.state) {
    where.push(filter.state === 'uploaded' ? valid : `NOT ${valid}`);
    params.push(now);
  }
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push("(r.key LIKE ? ESCAPE '\\' OR s.file_name LIKE ? ESCAPE '\\')");
    params.push(like, like);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM resumes s JOIN records r ON r.id = s.record_id';
  const { n } = db.prepare(`SELECT count(*) AS n ${from} ${clause}`).get(...params) as { n: number };
  const rows = db
    .prepare(`SELECT s.*, r.key AS application ${from} ${clause} ORDER BY s.record_id LIMIT ? OFFSET ?`)
    .all(...params, filter.limit ?? 100, filter.offset ?? 0) as (StoredResume & { application: string })[];
  return {
    total: n,
    rows: rows.map((s): ResumeRow => ({
      recordId: s.record_id,
      application: s.application,
      fileName: s.file_name,
      path: s.path,
      size: s.size,
      sha256: s.sha256,
      contentType: s.content_type,
      matchedBy: s.matched_by,
      attachedAt: s.attached_at,
      mediaUrn: s.media_urn,
      obtainedAt: s.obtained_at,
      expiresAt: s.expires_at,
      state: hasValidUrn(s, now) ? 'uploaded' : 'needs-upload',
    })),
  };
}
