import type { Db } from '../db/connection';
import {
  MATCH_HELP_FIELDS,
  type DriftField,
  type DriftRow,
  type ImportMatchRate,
  type MatchCounts,
  type ReconcileOverview,
  type UnmatchedRow,
} from '../../../shared/contract/reconcile';
import type { FieldValues } from '../../../shared/domain';
import { NOT_ERASED } from './synced-records';

interface RateRow {
  file_id: number | null;
  name: string | null;
  imported_at: number | null;
  synced: number;
  checked: number;
  matched: number;
  unmatched: number;
  not_found: number;
}

function counts(r: RateRow): MatchCounts {
  return { synced: r.synced, checked: r.checked, matched: r.matched, unmatched: r.unmatched, notFound: r.not_found };
}

/** Match rates per import and overall, and what there is to erase. */
export function reconcileOverview(db: Db): ReconcileOverview {
  const rows = db
    .prepare(
      `SELECT f.id AS file_id, f.name, f.imported_at,
         count(*) AS synced, count(m.record_id) AS checked,
         coalesce(sum(m.status = 'matched'), 0) AS matched, coalesce(sum(m.status = 'unmatched'), 0) AS unmatched,
         coalesce(sum(m.status = 'notFound'), 0) AS not_found
       FROM records r
       LEFT JOIN linkedin_matches m ON m.record_id = r.id
       LEFT JOIN source_sheets s ON s.id = r.sheet_id
       LEFT JOIN source_files f ON f.id = s.file_id
       WHERE r.category = 'candidates' AND (r.sync_hash IS NOT NULL OR m.record_id IS NOT NULL) AND r.${NOT_ERASED}
       GROUP BY f.id ORDER BY f.imported_at DESC`,
    )
    .all() as RateRow[];
  const imports: ImportMatchRate[] = rows.map((r) => ({
    fileId: r.file_id,
    name: r.name ?? 'Not from an import',
    importedAt: r.imported_at,
    ...counts(r),
  }));
  const overall = imports.reduce<MatchCounts>(
    (sum, i) => ({
      synced: sum.synced + i.synced, checked: sum.checked + i.checked, matched: sum.matched + i.matched,
      unmatched: sum.unmatched + i.unmatched, notFound: sum.notFound + i.notFound,
    }),
    { synced: 0, checked: 0, matched: 0, unmatched: 0, notFound: 0 },
  );
  const one = (sql: string) => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  return {
    lastReadAt: (db.prepare('SELECT max(read_at) AS n FROM linkedin_matches').get() as { n: number | null }).n,
    overall,
    imports,
    unrecognized: one('SELECT count(*) AS n FROM linkedin_matches WHERE unrecognized IS NOT NULL'),
    drifted: one('SELECT count(*) AS n FROM linkedin_matches WHERE drift_json IS NOT NULL'),
    erasable: {
      missing: one(
        `SELECT count(*) AS n FROM records WHERE category IN ('candidates', 'applications', 'stages')
         AND missing_from_source = 1 AND sync_hash IS NOT NULL AND ${NOT_ERASED}`,
      ),
      marked: one("SELECT count(*) AS n FROM linkedin_erasures WHERE reason = 'marked' AND status IN ('marked', 'failed')"),
    },
    erased: one("SELECT count(*) AS n FROM linkedin_erasures WHERE status = 'erased'"),
  };
}

function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Candidates LinkedIn did not match (or does not hold), with the fields that would help it match. */
export function unmatchedCandidates(db: Db, options: { fileId?: number; limit?: number; offset?: number }): { total: number; rows: UnmatchedRow[] } {
  const byFile = options.fileId === undefined ? '' : 'AND r.sheet_id IN (SELECT id FROM source_sheets WHERE file_id = @fileId)';
  const where = `FROM linkedin_matches m JOIN records_wide r ON r.id = m.record_id WHERE m.status IN ('unmatched', 'notFound') ${byFile}`;
  const params = options.fileId === undefined ? {} : { fileId: options.fileId };
  const { n } = db.prepare(`SELECT count(*) AS n ${where}`).get(params) as { n: number };
  const rows = db
    .prepare(`SELECT r.key, r.values_json, m.status, m.read_at ${where} ORDER BY r.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: options.limit ?? 200, offset: options.offset ?? 0 }) as {
    key: string;
    values_json: string;
    status: 'unmatched' | 'notFound';
    read_at: number;
  }[];
  return {
    total: n,
    rows: rows.map((r) => {
      const values = JSON.parse(r.values_json) as FieldValues;
      const name = [values.firstName, values.lastName].filter((v) => !isBlank(v)).join(' ');
      return { key: r.key, name, status: r.status, lacks: MATCH_HELP_FIELDS.filter((f) => isBlank(values[f])), readAt: r.read_at };
    }),
  };
}

/** Candidates for which LinkedIn holds fields other than as sent. */
export function driftList(db: Db, options: { limit?: number; offset?: number }): { total: number; rows: DriftRow[] } {
  const { n } = db.prepare('SELECT count(*) AS n FROM linkedin_matches WHERE drift_json IS NOT NULL').get() as { n: number };
  const rows = db
    .prepare(
      `SELECT r.key, m.drift_json, m.read_at FROM linkedin_matches m JOIN records r ON r.id = m.record_id
       WHERE m.drift_json IS NOT NULL ORDER BY r.id LIMIT ? OFFSET ?`,
    )
    .all(options.limit ?? 200, options.offset ?? 0) as { key: string; drift_json: string; read_at: number }[];
  return { total: n, rows: rows.map((r) => ({ key: r.key, fields: JSON.parse(r.drift_json) as DriftField[], readAt: r.read_at })) };
}
