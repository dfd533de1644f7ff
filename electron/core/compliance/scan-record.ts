import type { Category, FieldValues, Issue } from '../../../shared/domain';
import { checkRecordInPlace } from '../../../shared/rsc/check';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import type { CheckContexts } from './check-context';
import { keyOfNormalized, referencesOf } from './record-index';
import { checkHash } from './result-writer';

/**
 * One record of a full check's scan, checked on its own: its rules, its key and references, and
 * whether its result differs from the stored one (as if it had no cross-record issues, which the
 * scan decides afterwards from every record's key). The same function serves the scan on the
 * check's own connection and the one in its helper thread (scan-task.ts), so both halves of a
 * parallel check reach exactly the same verdicts.
 */
export interface ScannedRecord {
  id: number;
  category: Category;
  key: string | null;
  parentRef: string | null;
  candidateRef: string | null;
  /** The key computed from the values differs from records.key (a key field was edited). */
  keyMoved: boolean;
  excluded: boolean;
  sheetId: number | null;
  /** The stored fingerprint, when made with this pack version. */
  storedHash: string | null;
  /** The record's own result, when its fingerprint differs from the stored one; else null. */
  changed: { issues: Issue[]; hash: string } | null;
}

export const CATEGORY_ORDER: readonly Category[] = ['jobs', 'candidates', 'applications', 'stages'];

/**
 * Columns of the scan, read as raw arrays (no per-row object with property names). The category
 * comes as a number and the stored fingerprint only when made with this pack version, so the
 * 400,000-row scan allocates as few strings as possible.
 */
export const SCAN_COLUMNS = `id,
  CASE category WHEN 'jobs' THEN 0 WHEN 'candidates' THEN 1 WHEN 'applications' THEN 2 WHEN 'stages' THEN 3 ELSE -1 END,
  sheet_id, excluded, values_json, CASE WHEN pack_version = '${RULE_PACK_VERSION.replace(/'/g, "''")}' THEN check_hash END, key`;

export type ScanRow = [
  id: number, categoryIndex: number, sheetId: number | null, excluded: number, valuesJson: string,
  storedHash: string | null, storedKey: string,
];

/** Null for a row of no known category (never checked). */
export function scanRecord(row: ScanRow, contexts: CheckContexts): ScannedRecord | null {
  const [id, categoryIndex, sheetId, excluded, valuesJson, storedHash, storedKey] = row;
  const category = CATEGORY_ORDER[categoryIndex];
  if (category === undefined) return null;
  const result = checkRecordInPlace(category, JSON.parse(valuesJson) as FieldValues, contexts.for(category, sheetId));
  const key = keyOfNormalized(category, result.normalized);
  const refs = referencesOf(category, result.normalized);
  const keys = { key, parentRef: refs.parentRef, candidateRef: refs.candidateRef };
  const hash = checkHash(result.issues, keys);
  return {
    id, category, key, parentRef: refs.parentRef, candidateRef: refs.candidateRef,
    keyMoved: key !== null && key !== storedKey,
    excluded: excluded !== 0,
    sheetId,
    storedHash,
    changed: hash === storedHash ? null : { issues: result.issues, hash },
  };
}
