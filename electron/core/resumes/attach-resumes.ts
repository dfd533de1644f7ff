import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../db/connection';
import type { FieldValues } from '../../../shared/domain';
import type { ResumeMatchReport } from '../../../shared/contract/resumes';
import { recheckRecords } from '../compliance/recheck';
import { MAX_RESUME_BYTES, sniffResume } from './file-type';
import { compilePattern, matchResumes, type MatchApplication } from './matching';
import { attachResumes, type AttachRow } from './resume-store';
import { scanFiles, scanFolder, type ScannedFile } from './scan-folder';
import type { RefusedEntry } from './unzip-folder';

export interface AttachInput {
  /** A folder (or the folder a .zip was unpacked into), or else `files`. */
  folder?: string;
  files?: string[];
  pattern?: string;
  column?: string;
}

export const DEFAULT_PATTERN = '{applicationId}*';

function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

function applications(db: Db, column: string | undefined): MatchApplication[] {
  const rows = db
    .prepare(
      `SELECT id, key, values_json ->> '$.atsCandidateId' AS cand ${column ? ', values_json, source_json' : ''}
       FROM records_wide WHERE category = 'applications' ORDER BY id`,
    )
    .all() as { id: number; key: string; cand: unknown; values_json?: string; source_json?: string }[];
  return rows.map((r) => {
    const app: MatchApplication = { recordId: r.id, key: r.key, candidateId: cellText(r.cand) };
    if (column) {
      // An applications field first, then the unmapped source column of that name.
      const values = JSON.parse(r.values_json!) as FieldValues;
      const source = JSON.parse(r.source_json!) as Record<string, unknown>;
      app.cell = cellText(values[column]) ?? cellText(source[column]);
    }
    return app;
  });
}

/** Reads a matched file once: its type by content, size limit, and SHA-256. */
function inspect(file: ScannedFile): { ok: true; row: Omit<AttachRow, 'recordId' | 'matchedBy'> } | { ok: false; reason: string } {
  if (file.refused) return { ok: false, reason: file.refused };
  if (file.size > MAX_RESUME_BYTES) {
    return { ok: false, reason: `${(file.size / 1024 / 1024).toFixed(1)} MB is over LinkedIn's 10 MB limit.` };
  }
  const bytes = readFileSync(file.absolutePath);
  const sniff = sniffResume(bytes);
  if (!sniff.ok) return { ok: false, reason: sniff.reason };
  return {
    ok: true,
    row: {
      path: file.absolutePath,
      fileName: file.name,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      contentType: sniff.contentType,
    },
  };
}

/**
 * Matches a folder's files to the workspace's applications and attaches the ones that matched
 * one record (or one candidate's applications) cleanly, in one transaction, then re-checks those
 * applications (their `media` status depends on it). Nothing is uploaded here: the sync does that.
 */
export function attachFolder(
  db: Db,
  input: AttachInput,
  now: number,
  progress?: (done: number, total: number) => void,
  /** Entries of a .zip that were not unpacked: matched like files, and reported rejected with their reason. */
  refusedEntries: RefusedEntry[] = [],
): ResumeMatchReport {
  const folder = input.files ? '' : resolve(input.folder ?? '');
  const refusedFiles: ScannedFile[] = refusedEntries.map((r) => ({
    absolutePath: '',
    relativePath: r.relativePath,
    name: r.relativePath.split('/').at(-1) ?? r.relativePath,
    size: 0,
    refused: r.reason,
  }));
  const files = [...(input.files ? scanFiles(input.files) : scanFolder(folder)), ...refusedFiles];
  const apps = applications(db, input.column);
  const result = input.column
    ? matchResumes(files, apps, { column: input.column })
    : matchResumes(files, apps, { pattern: compilePattern(input.pattern ?? DEFAULT_PATTERN) });

  const report: ResumeMatchReport = {
    folder,
    files: files.length,
    matched: [],
    unmatched: result.unmatched.filter((f) => !(f as ScannedFile).refused).map((f) => f.relativePath),
    ambiguous: result.ambiguous.map((a) => ({ file: a.file.relativePath, applications: a.keys, reason: a.reason })),
    rejected: result.unmatched
      .filter((f) => (f as ScannedFile).refused)
      .map((f) => ({ file: f.relativePath, applications: [], reason: (f as ScannedFile).refused! })),
    withoutFile: { count: 0, listed: [] },
    attached: 0,
    unchanged: 0,
  };
  const rows: AttachRow[] = [];
  result.matched.forEach((m, i) => {
    progress?.(i, result.matched.length);
    const checked = inspect(m.file as ScannedFile);
    if (!checked.ok) {
      report.rejected.push({ file: m.file.relativePath, applications: m.keys, reason: checked.reason });
      return;
    }
    report.matched.push({
      file: m.file.relativePath, applications: m.keys, matchedBy: m.matchedBy,
      contentType: checked.row.contentType, size: checked.row.size,
    });
    for (const recordId of m.recordIds) rows.push({ ...checked.row, recordId, matchedBy: m.matchedBy });
  });

  db.transaction(() => {
    const hadResumes = db.prepare('SELECT 1 FROM resumes LIMIT 1').get() !== undefined;
    const counts = attachResumes(db, rows, now);
    report.attached = counts.changed;
    report.unchanged = counts.unchanged;
    // The first resume makes "is a resume available" answerable for every application.
    if (rows.length > 0) recheckRecords(db, hadResumes ? rows.map((r) => r.recordId) : apps.map((a) => a.recordId));
  })();

  const listed = result.withoutFile.map((w) => ({ application: w.key, reason: w.reason }));
  for (const m of report.rejected) {
    for (const key of m.applications) listed.push({ application: key, reason: `Its file ${m.file} was rejected: ${m.reason}` });
  }
  const { n } = db
    .prepare("SELECT count(*) AS n FROM records r WHERE category = 'applications' AND NOT EXISTS (SELECT 1 FROM resumes s WHERE s.record_id = r.id)")
    .get() as { n: number };
  report.withoutFile = { count: n, listed: listed.slice(0, 1000) };
  return report;
}
