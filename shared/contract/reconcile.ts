// The 'reconcile' domain of the contract: member matches read back from LinkedIn, the fields
// LinkedIn holds differently from what was sent, and records erased at LinkedIn.
import { z } from 'zod';
import { method } from './define';
import type { SyncFailureInfo } from './sync';
import { runOverrides } from './sync';

/** matched: LinkedIn reports a member (or a manual match); notFound: LinkedIn does not hold the candidate. */
export type MatchStatus = 'matched' | 'unmatched' | 'notFound';

export interface MatchCounts {
  /** Candidates LinkedIn accepted from a sync (and not erased since). */
  synced: number;
  /** Of those, the ones LinkedIn answered for. */
  checked: number;
  matched: number;
  unmatched: number;
  notFound: number;
}

export interface MatchRecord {
  category: 'candidates';
  key: string;
  status: MatchStatus;
  members: string[];
  manualMatchedMember: string | null;
}

export interface ReconcileSummary {
  status: 'finished' | 'failed' | 'cancelled';
  readAt: number;
  requests: number;
  candidates: MatchCounts;
  records: MatchRecord[];
  /** Candidates LinkedIn answered for with another error than 404 (first 1,000). */
  errors: { key: string; status: number | null; message: string }[];
  /** Candidates whose matchedMembers came in a shape not understood (kept, not failed). */
  unrecognized: number;
  /** Candidates for which LinkedIn holds a field other than as sent. */
  drifted: number;
  failure: SyncFailureInfo | null;
}

export interface ImportMatchRate extends MatchCounts {
  /** null: records not from an import (or whose import was removed). */
  fileId: number | null;
  name: string;
  importedAt: number | null;
}

export interface ReconcileOverview {
  /** When LinkedIn was last read; null before the first reconcile. */
  lastReadAt: number | null;
  overall: MatchCounts;
  imports: ImportMatchRate[];
  unrecognized: number;
  drifted: number;
  /** Synced records missing from their category's latest import, and those marked for erasure. */
  erasable: { missing: number; marked: number };
  erased: number;
}

/** The fields LinkedIn advises for a better match rate (Sync Candidates). */
export const MATCH_HELP_FIELDS = ['emailAddresses', 'phoneNumbers', 'linkedInProfileUrl', 'currentCompanyName', 'currentJobTitle'] as const;

export interface UnmatchedRow {
  key: string;
  name: string;
  status: 'unmatched' | 'notFound';
  /** Of MATCH_HELP_FIELDS, the ones the record leaves empty. */
  lacks: string[];
  readAt: number;
}

export interface DriftField {
  field: string;
  sent: unknown;
  /** undefined when LinkedIn's answer leaves the field out. */
  linkedin: unknown;
}

export interface DriftRow {
  key: string;
  fields: DriftField[];
  readAt: number;
}

export const ERASE_CATEGORIES = ['candidates', 'applications', 'stages'] as const;
export type EraseCategory = (typeof ERASE_CATEGORIES)[number];

/** planned: in a dry run; notFound: LinkedIn did not hold it (it is not there either way). */
export type EraseStatus = 'planned' | 'deleted' | 'notFound' | 'failed';

export interface EraseRecord {
  category: EraseCategory;
  key: string;
  status: EraseStatus;
  /** Why it is erased: missing from the latest import, or marked by the consultant. */
  reason: 'missing' | 'marked';
  message?: string;
}

export interface EraseSummary {
  dryRun: boolean;
  status: 'finished' | 'failed' | 'cancelled';
  /** Requests made (planned, in a dry run). */
  requests: number;
  /** Of those, the ones whose query string is tunnelled. */
  tunnelled: number;
  deleted: number;
  notFound: number;
  failed: number;
  records: EraseRecord[];
  failure: SyncFailureInfo | null;
}

const selection = {
  /** Synced records missing from their category's latest import. */
  missing: z.boolean().optional(),
  /** Records the consultant marked for erasure. */
  marked: z.boolean().optional(),
  categories: z.array(z.enum(ERASE_CATEGORIES)).optional(),
  /** These records (they are marked for erasure first). */
  records: z.array(z.object({ category: z.enum(ERASE_CATEGORIES), key: z.string().min(1) }).strict()).max(100_000).optional(),
};

const marking = z.object({ category: z.enum(ERASE_CATEGORIES), keys: z.array(z.string().min(1)).min(1).max(100_000) }).strict();

export const reconcileMethods = {
  /** Reads every synced candidate (or those of one import) back from LinkedIn. A job. */
  'reconcile:start': method<ReconcileSummary>()(
    z
      .object({
        fileId: z.number().int().positive().optional(),
        /** false: `records` comes back empty (the counts and the stored matches are what a screen needs). */
        listRecords: z.boolean().optional(),
        ...runOverrides,
      })
      .strict(),
  ),
  'reconcile:overview': method<ReconcileOverview>()(z.object({}).strict()),
  'reconcile:unmatched': method<{ total: number; rows: UnmatchedRow[] }>()(
    z
      .object({
        fileId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        offset: z.number().int().min(0).optional(),
      })
      .strict(),
  ),
  'reconcile:drift': method<{ total: number; rows: DriftRow[] }>()(
    z.object({ limit: z.number().int().min(1).max(1000).optional(), offset: z.number().int().min(0).optional() }).strict(),
  ),
  /** What an erase would delete: sends nothing. A job. */
  'erase:plan': method<EraseSummary>()(z.object({ ...selection, settings: runOverrides.settings }).strict()),
  /** Deletes at LinkedIn. `confirm` must be true: the UI asks first. A job. */
  'erase:start': method<EraseSummary>()(z.object({ ...selection, ...runOverrides, confirm: z.literal(true) }).strict()),
  'erase:mark': method<{ marked: number }>()(marking),
  'erase:unmark': method<{ unmarked: number }>()(marking),
};

export const reconcileEvents = {};
