import type { CellValue } from '../domain';
import type { ColumnFormats } from '../values/dates';

/** What a check needs beyond the record: how to read zoneless dates, chosen column formats, and "now". */
export interface CheckContext {
  /** IANA zone of the workspace; date-times without a zone are read in it. Default UTC. */
  timeZone?: string;
  /** Date formats the consultant chose, per field (see shared/values/dates). */
  columnFormats?: ColumnFormats;
  /** Epoch ms used for "in the future" and plausibility checks; default Date.now(). */
  now?: number;
  /**
   * Resumes attached in the workspace (see shared/rsc/resume-check.ts). Absent when none are:
   * whether a resume is available is then unknown, and an empty media is the generic warning.
   */
  resumes?: ResumeCheckInfo;
}

/** What the media rules need to know about attached resumes and the URNs their uploads obtained. */
export interface ResumeCheckInfo {
  /** When the applications are planned to be sent: a media URN must still be valid then. */
  plannedSendAt: number;
  /** The resume attached to an application (by atsJobApplicationId), if any; `uploaded`: its URN is valid at plannedSendAt. */
  of(applicationId: string): { uploaded: boolean } | undefined;
  /** When a media URN this workspace's uploads obtained was obtained; undefined for any other URN. */
  obtainedAt(urn: string): number | undefined;
}

/** A value the check changed on its own because it had one reading; shown on the record. */
export interface NormalizationNote {
  field: string;
  original: CellValue;
  normalized: CellValue;
  note: string;
}
