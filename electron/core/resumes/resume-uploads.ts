import type { Db } from '../db/connection';
import type { LinkedInClient } from '../syncing/linkedin-client';
import { SyncFailure, classifyStatus } from '../syncing/failures';
import type { SyncableRecord } from '../syncing/record-store';
import { recheckRecords } from '../compliance/recheck';
import { putFile, type PutFileOptions } from './put-file';
import { clearPendingUpload, hasValidUrn, recordUpload, rememberPendingUpload, type StoredResume } from './resume-store';
import { PLANNED_SEND_MARGIN_MS } from './planned-send';
import type { ResumeUploadPlan } from '../../../shared/contract/sync';
import { UploadRefused, type ResumeUploader, type UploadContext, type UploadFile } from './uploader';


export interface ResumeUploadOptions extends PutFileOptions {
  client: LinkedInClient;
  uploader: ResumeUploader;
  organizationUrn: string;
  /** Would this application be sent if its payload carried `mediaUrn` (null: none)? */
  wouldSend: (record: SyncableRecord, mediaUrn: string | null) => boolean;
}

export interface PreparedResumes {
  /** The media URN each application's payload carries. */
  urns: Map<number, string>;
  /** Applications whose resume LinkedIn refused: not sent, failed with this message. */
  problems: Map<number, string>;
  uploaded: number;
}

type Row = SyncableRecord & StoredResume;

/**
 * Which attached resumes the next send needs uploaded, by file content, and the URNs still
 * valid at `plannedSendAt` for the rest. The sync and its dry run decide alike.
 */
export function resumesToUpload(
  db: Db,
  plannedSendAt: number,
  wouldSend: (record: SyncableRecord, mediaUrn: string | null) => boolean,
): { urns: Map<number, string>; toUpload: Map<string, Row[]> } {
  const rows = db
    .prepare(
      `SELECT r.id, r.key, r.sheet_id AS sheetId, r.values_json AS valuesJson, r.sync_status AS syncStatus, r.sync_hash AS syncHash,
              r.sync_rejected_hash AS rejectedHash, r.linkedin_urn AS linkedinUrn, s.*
       FROM resumes s JOIN records_wide r ON r.id = s.record_id
       WHERE r.category = 'applications' AND r.status IN ('compliant', 'warning') AND r.excluded = 0 ORDER BY r.id`,
    )
    .all() as Row[];
  const urns = new Map<number, string>();
  const toUpload = new Map<string, Row[]>();
  for (const row of rows) {
    if (hasValidUrn(row, plannedSendAt)) {
      urns.set(row.id, row.media_urn!);
      continue;
    }
    const stale = row.media_urn !== null && row.media_sha256 === row.sha256 ? row.media_urn : null;
    if (stale !== null && !wouldSend(row, stale)) {
      urns.set(row.id, stale);
      continue;
    }
    const same = toUpload.get(row.sha256) ?? [];
    same.push(row);
    toUpload.set(row.sha256, same);
  }
  return { urns, toUpload };
}

/** What a dry run shows of the uploads the send would make (the first 1,000 applications listed). */
export function planResumeUploads(db: Db, now: number, wouldSend: (record: SyncableRecord, mediaUrn: string | null) => boolean): ResumeUploadPlan {
  const { toUpload } = resumesToUpload(db, now + PLANNED_SEND_MARGIN_MS, wouldSend);
  const plan: ResumeUploadPlan = { files: toUpload.size, bytes: 0, applicationCount: 0, applications: [] };
  for (const group of toUpload.values()) {
    plan.bytes += group[0].size;
    plan.applicationCount += group.length;
    for (const r of group) if (plan.applications.length < 1000) plan.applications.push({ key: r.key, fileName: r.file_name, size: r.size });
  }
  return plan;
}

/**
 * Right before the applications go out: uploads the resumes they need — never uploaded, changed
 * since, or whose URN would expire before the planned send — once per file content (a candidate's
 * resume on three applications is one upload), and hands back the URN for each payload. An
 * application LinkedIn already has, with a URN that has since lapsed, is left alone: re-uploading
 * would only change its payload and resend it for nothing.
 */
export async function prepareResumes(db: Db, o: ResumeUploadOptions): Promise<PreparedResumes> {
  const plannedSendAt = o.runtime.now() + PLANNED_SEND_MARGIN_MS;
  const { urns, toUpload } = resumesToUpload(db, plannedSendAt, o.wouldSend);
  const problems = new Map<number, string>();
  let uploaded = 0;
  const changed: number[] = [];
  for (const [sha256, group] of toUpload) {
    o.throwIfStopped();
    const first = group.find((r) => r.pending_sha256 === sha256 && r.pending_upload_url) ?? group[0];
    const recordKeys = group.map((r) => r.key);
    const file: UploadFile = {
      path: first.path, fileName: first.file_name, size: first.size, sha256, contentType: first.content_type,
      pending: first.pending_sha256 === sha256 && first.pending_upload_url && first.pending_urn && first.pending_at !== null
        ? { urn: first.pending_urn, uploadUrl: first.pending_upload_url, obtainedAt: first.pending_at }
        : null,
    };
    // A lapsed pending URL is no use: its URN would expire before the send.
    if (file.pending && file.pending.obtainedAt + 24 * 3600_000 <= plannedSendAt) file.pending = null;
    const ctx: UploadContext = {
      organizationUrn: o.organizationUrn,
      now: () => o.runtime.now(),
      recordKeys,
      api: async (method, path, body) => {
        const wire = {
          method, path, query: '', tunnelled: false, body: JSON.stringify(body),
          headers: { 'Content-Type': 'application/json', 'X-Restli-Protocol-Version': '2.0.0' },
        };
        const delivered = await o.client.send(wire, { kind: 'upload', category: 'applications', recordKeys });
        const exchangeId = db.transaction(() => delivered.finish())();
        const { status } = delivered.response;
        if ([402, 403, 404].includes(status)) {
          const failure = classifyStatus(status, delivered.response.body);
          throw new SyncFailure(failure.kind, failure.message, status, exchangeId);
        }
        return { status, body: delivered.response.body, exchangeId };
      },
      putFile: (url, f, headers) => putFile(url, f, headers, recordKeys, o),
      remember: (p) => {
        for (const r of group) rememberPendingUpload(db, r.id, { ...p, sha256, at: p.obtainedAt });
      },
    };
    try {
      const result = await o.uploader.upload(file, ctx);
      recordUpload(db, sha256, { ...result, uploadedAt: o.runtime.now(), exchangeId: result.exchangeId ?? null });
      uploaded++;
      for (const r of group) {
        urns.set(r.id, result.urn);
        changed.push(r.id);
      }
    } catch (err) {
      // Any refusal, or the network after the retries, fails the applications carrying this
      // file (retried by --retry-failed); the rest of the run goes on. A cancel still stops it.
      if (!(err instanceof UploadRefused) && !(err instanceof SyncFailure)) throw err;
      // Credentials LinkedIn refuses are no fault of these applications: the run stops, as for a batch.
      if (err instanceof SyncFailure && err.kind === 'bad_credentials') throw err;
      // An issued URL is kept after a network failure, so the next try resumes without a duplicate.
      if (err instanceof UploadRefused) clearPendingUpload(db, sha256);
      for (const r of group) problems.set(r.id, `The resume ${r.file_name} was not uploaded: ${err.message}`);
    }
  }
  // The records' media warning ("attached but not uploaded") is resolved now.
  if (changed.length > 0) db.transaction(() => recheckRecords(db, changed))();
  return { urns, problems, uploaded };
}
