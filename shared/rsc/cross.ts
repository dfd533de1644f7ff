import type { Category, FieldValues, Issue } from '../domain';
import { normalizeId } from '../values/ids';
import { KEY_FIELDS } from './keys';
import { messages } from './messages';
import { ruleSpec } from './rules';

/** Anything with `has`: a Set of ids, or a Map keyed by id. */
export interface IdLookup {
  has(id: string): boolean;
}

/** The record keys imported per category; cross-record rules look references up here. */
export interface CrossLookups {
  jobIds: IdLookup;
  candidateIds: IdLookup;
  applicationIds: IdLookup;
}

function issue(rule: string, field: string, message: string): Issue {
  return { rule, field, severity: ruleSpec(rule)?.severity ?? 'warning', message };
}

/**
 * Rules that look at other records: references to jobs, candidates and applications that were
 * not imported. Ids are canonicalized like keys (10090, "10090.0" and "10090" are one id).
 * Excluded records still count as imported: excluding a job does not orphan its applications.
 */
export function checkCrossRecord(category: Category, normalized: FieldValues, lookups: CrossLookups): Issue[] {
  if (category === 'applications') {
    const out: Issue[] = [];
    const jobId = refId(normalized.atsJobPostingId);
    if (jobId !== null && !lookups.jobIds.has(jobId)) {
      out.push(issue('job-not-imported', 'atsJobPostingId', messages.jobNotImported(jobId)));
    }
    const candidateId = refId(normalized.atsCandidateId);
    if (candidateId !== null && !lookups.candidateIds.has(candidateId)) {
      out.push(issue('candidate-not-imported', 'atsCandidateId', messages.candidateNotImported(candidateId)));
    }
    return out;
  }
  if (category === 'stages') {
    const applicationId = refId(normalized.atsJobApplicationId);
    if (applicationId !== null && !lookups.applicationIds.has(applicationId)) {
      return [issue('application-not-imported', 'atsJobApplicationId', messages.applicationNotImported(applicationId))];
    }
  }
  return [];
}

function refId(value: FieldValues[string] | undefined): string | null {
  return normalizeId(value ?? null);
}

/** The field a duplicate-key issue is reported on: the key field that identifies the record. */
export function duplicateKeyField(category: Category): string {
  const fields = KEY_FIELDS[category];
  return fields[fields.length - 1];
}

export function duplicateKeyIssue(category: Category, key: string, count: number): Issue {
  const field = duplicateKeyField(category);
  return issue('duplicate-key', field, messages.duplicateKey(category, field, key, count));
}

/**
 * Groups of records that share a key (only groups of two or more). Records without a key are
 * ignored: their missing key field is already an error of its own.
 */
export function findDuplicateKeys<T>(entries: Iterable<{ id: T; key: string | null }>): Map<string, T[]> {
  const byKey = new Map<string, T[]>();
  for (const { id, key } of entries) {
    if (key === null) continue;
    const group = byKey.get(key);
    if (group) group.push(id);
    else byKey.set(key, [id]);
  }
  for (const [key, ids] of byKey) if (ids.length < 2) byKey.delete(key);
  return byKey;
}
