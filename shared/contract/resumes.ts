import { z } from 'zod';
import { method } from './define';

export type ResumeContentType =
  | 'application/pdf'
  | 'application/msword'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'text/plain';

export type ResumeMatchedBy = 'column' | 'applicationId' | 'candidateId';

/** What `resumes:attach` found in the folder. File paths are relative to the folder. */
export interface ResumeMatchReport {
  /** '' when chosen files were attached. */
  folder: string;
  files: number;
  /** Files attached, with the applications (atsJobApplicationId) they went to. */
  matched: { file: string; applications: string[]; matchedBy: ResumeMatchedBy; contentType: ResumeContentType; size: number }[];
  /** Files no application matched. */
  unmatched: string[];
  /** Files matching two records (or an application two files match): not attached. */
  ambiguous: { file: string; applications: string[]; reason: string }[];
  /**
   * Matched files that are not a PDF/DOC/DOCX/TXT by content, or larger than 10 MB: not attached. From a .zip, also
   * the entries not unpacked (not a resume's extension, past 10 MB declared or inflated, a path outside the archive),
   * with the applications their names match, if any.
   */
  rejected: { file: string; applications: string[]; reason: string }[];
  /** Applications with no file after this attach (all of them counted; the first 1,000 listed). */
  withoutFile: { count: number; listed: { application: string; reason: string }[] };
  /** Applications whose attached file is new or changed (the next sync uploads it). */
  attached: number;
  /** Attached again with the same content: the upload already made stays valid. */
  unchanged: number;
}

export interface ResumeRow {
  recordId: number;
  application: string;
  fileName: string;
  path: string;
  size: number;
  sha256: string;
  contentType: ResumeContentType;
  matchedBy: ResumeMatchedBy;
  attachedAt: number;
  mediaUrn: string | null;
  obtainedAt: number | null;
  expiresAt: number | null;
  /** needs-upload: never uploaded, changed since, or its URN expired. */
  state: 'uploaded' | 'needs-upload';
}

export interface ResumePage {
  total: number;
  rows: ResumeRow[];
}

export const RESUME_FLOWS = ['signed-url'] as const;
export type ResumeFlow = (typeof RESUME_FLOWS)[number];

export const resumesMethods = {
  /** From a folder or .zip (`folder`), or chosen files (`files`, e.g. uploaded by the browser): one of the two. */
  'resumes:attach': method<ResumeMatchReport>()(
    z
      .object({
        folder: z.string().min(1).optional(),
        files: z.array(z.string().min(1)).min(1).max(20_000).optional(),
        /** e.g. `{applicationId}*.pdf`, `resume_{candidateId}.*` */
        pattern: z.string().min(1).optional(),
        /** An applications field or a source column holding a file name or path. */
        column: z.string().min(1).optional(),
      })
      .strict(),
  ),
  'resumes:list': method<ResumePage>()(
    z
      .object({
        state: z.enum(['uploaded', 'needs-upload']).optional(),
        search: z.string().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  /** `undoable`: 'resumes:restore' can put them back (until the next detach or the workspace closes). */
  'resumes:detach': method<{ detached: number; undoable?: boolean }>()(
    z.object({ recordIds: z.array(z.number().int()).optional(), all: z.boolean().optional() }).strict(),
  ),
  /** Undoes the last detach: the resumes come back as they were, their uploads (media URNs) too. */
  'resumes:restore': method<{ restored: number }>()(z.object({}).strict()),
};

export const resumesEvents = {};
