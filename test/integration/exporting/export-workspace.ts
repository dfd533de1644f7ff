import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { setSetting } from '../../../electron/core/db/settings-table';
import type { CellValue, Category, Severity } from '../../../shared/domain';
import { tempDir } from '../../support/temp';
import { recordInserter } from '../../support/record-rows';

/**
 * A small workspace written row by row with SQL, as the importer, the checks, the editor and the
 * sync leave it: two source sheets, records with issues, edits, an exclusion, and a sync run whose
 * log holds a secret that must never reach a workbook.
 */

export const PARIS = 'Europe/Paris';
export const INJECTION_NAME = '=HYPERLINK("http://x","y")';
export const INJECTION_SUM = '@SUM(1+1)*cmd|" /C calc"!A0';
export const SECRET_TOKEN = 'SECRET-TOKEN-123';
export const SECRET_CLIENT = 'client-secret-456';

/** 2025-01-03 00:00 in Paris. */
export const J4_LISTED_AT = Date.UTC(2025, 0, 2, 23, 0, 0);
export const J1_LISTED_AT = Date.UTC(2025, 0, 1, 9, 30, 0);

export const JOB_HEADERS = ['Req ID', 'Job Title', 'Description', 'City', 'Country', 'Status', 'Apply URL', 'Posted On', 'Recruiter'];
export const JOB_MAPPING: Record<string, string> = {
  'Req ID': 'externalJobPostingId',
  'Job Title': 'title',
  Description: 'description',
  City: 'location',
  Country: 'countryCode',
  Status: 'state',
  'Apply URL': 'companyApplyUrl',
  'Posted On': 'listedAt',
};
export const CANDIDATE_HEADERS = ['Candidate ID', 'First', 'Last', 'Email', 'Created', 'Modified', 'Notes'];
export const CANDIDATE_MAPPING: Record<string, string> = {
  'Candidate ID': 'atsCandidateId',
  First: 'firstName',
  Last: 'lastName',
  Email: 'emailAddresses',
  Created: 'atsCreatedAt',
  Modified: 'atsLastModifiedAt',
};

export interface ExportWorkspace {
  dir: string;
  path: string;
  db: Db;
  ids: Record<string, number>;
}

interface RecordSpec {
  category: Category;
  key: string;
  sheet: number | null;
  row: number | null;
  source: Record<string, CellValue>;
  original: Record<string, CellValue>;
  values?: Record<string, CellValue>;
  status?: 'unchecked' | 'compliant' | 'warning' | 'error';
  issues?: [rule: string, field: string, severity: Severity, message: string][];
  excluded?: string;
  sync?: { status: string; message?: string; urn?: string; at?: number };
}

export function insertRecord(db: Db, r: RecordSpec): number {
  const issues = r.issues ?? [];
  const count = (s: Severity) => issues.filter((i) => i[2] === s).length;
  const id = recordInserter(db, [
    'category', 'key', 'sheet_id', 'source_row', 'original_json', 'values_json', 'source_json', 'status',
    'error_count', 'warning_count', 'info_count', 'pack_version', 'checked_at', 'excluded', 'exclude_reason',
    'sync_status', 'sync_message', 'synced_at', 'linkedin_urn',
  ])(
      r.category,
      r.key,
      r.sheet,
      r.row,
      JSON.stringify(r.original),
      JSON.stringify(r.values ?? r.original),
      JSON.stringify(r.source),
      r.status ?? 'compliant',
      count('error'),
      count('warning'),
      count('info'),
      r.status === 'unchecked' ? null : RULE_PACK_VERSION,
      r.status === 'unchecked' ? null : Date.UTC(2025, 1, 1),
      r.excluded === undefined ? 0 : 1,
      r.excluded ?? null,
      r.sync?.status ?? null,
      r.sync?.message ?? null,
      r.sync?.at ?? null,
      r.sync?.urn ?? null,
    );
  const addIssue = db.prepare(
    'INSERT INTO record_issues (record_id, category, rule, field, severity, message) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const [rule, field, severity, message] of issues) addIssue.run(id, r.category, rule, field, severity, message);
  return id;
}

function jobSource(id: string, title: string, city: string, posted: CellValue, recruiter: string): Record<string, CellValue> {
  return {
    'Req ID': id,
    'Job Title': title,
    Description: 'A long enough description of the role. '.repeat(4),
    City: city,
    Country: 'FR',
    Status: 'LISTED',
    'Apply URL': `https://jobs.example.com/${id}`,
    'Posted On': posted,
    Recruiter: recruiter,
  };
}

function fieldsOf(source: Record<string, CellValue>, mapping: Record<string, string>): Record<string, CellValue> {
  return Object.fromEntries(Object.entries(mapping).map(([header, field]) => [field, source[header] ?? null]));
}

export function buildExportWorkspace(): ExportWorkspace {
  const dir = tempDir('rscw-export-');
  const path = join(dir, 'Acme.rscw');
  const db = openWorkspaceDb(path);
  setSetting(db, 'workspace.name', 'Acme audit');
  setSetting(db, 'workspace.timeZone', PARIS);

  const jobsFile = db
    .prepare('INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES (?, ?, ?, ?, ?)')
    .run('/exports/acme-jobs.xlsx', 'acme-jobs.xlsx', 'a'.repeat(64), 12345, Date.UTC(2025, 0, 10, 8, 0));
  const jobsSheet = Number(
    db
      .prepare(
        `INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json, options_json, row_count)
         VALUES (?, 'Open roles', 'jobs', 1, ?, ?, '{}', 4)`,
      )
      .run(jobsFile.lastInsertRowid, JSON.stringify(JOB_HEADERS), JSON.stringify(JOB_MAPPING)).lastInsertRowid,
  );
  const candFile = db
    .prepare('INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES (?, ?, ?, ?, ?)')
    .run('/exports/candidates.csv', 'candidates.csv', 'b'.repeat(64), 678, Date.UTC(2025, 0, 10, 8, 5));
  const candSheet = Number(
    db
      .prepare(
        `INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json, options_json, row_count)
         VALUES (?, 'candidates', 'candidates', 1, ?, ?, ?, 2)`,
      )
      .run(
        candFile.lastInsertRowid,
        JSON.stringify(CANDIDATE_HEADERS),
        JSON.stringify(CANDIDATE_MAPPING),
        JSON.stringify({ delimiter: ';' }),
      ).lastInsertRowid,
  );

  const ids: Record<string, number> = {};
  const j1 = jobSource('J-1', 'Data Engineer', 'Paris, FR', J1_LISTED_AT, 'Alice');
  ids['J-1'] = insertRecord(db, {
    category: 'jobs', key: 'J-1', sheet: jobsSheet, row: 2, source: j1, original: fieldsOf(j1, JOB_MAPPING),
    sync: { status: 'succeeded', urn: 'urn:li:jobPosting:111', at: Date.UTC(2025, 1, 2, 10, 0) },
  });
  const j2 = jobSource('J-2', '', 'paris', J1_LISTED_AT, 'Bob');
  ids['J-2'] = insertRecord(db, {
    category: 'jobs', key: 'J-2', sheet: jobsSheet, row: 3, source: j2, original: fieldsOf(j2, JOB_MAPPING),
    values: { ...fieldsOf(j2, JOB_MAPPING), location: 'Paris, FR' },
    status: 'error',
    issues: [
      ['title-required', 'title', 'error', 'Title is required: add the job title.'],
      ['description-min-length', 'description', 'warning', 'Description is shorter than 100 characters.'],
    ],
    sync: { status: 'failed', message: 'ERROR :: /title :: field is required but not found' },
  });
  const j3 = jobSource('J-3', 'Data Engineer', 'Paris, FR', J1_LISTED_AT, 'Alice');
  ids['J-3'] = insertRecord(db, {
    category: 'jobs', key: 'J-3', sheet: jobsSheet, row: 4, source: j3, original: fieldsOf(j3, JOB_MAPPING),
    excluded: 'Duplicate of J-1',
  });
  const j4 = jobSource('J-4', 'Nurse', 'Lyon, FR', '2024-12-31', 'Chloé');
  ids['J-4'] = insertRecord(db, {
    category: 'jobs', key: 'J-4', sheet: jobsSheet, row: 5, source: j4, original: fieldsOf(j4, JOB_MAPPING),
    values: { ...fieldsOf(j4, JOB_MAPPING), listedAt: J4_LISTED_AT },
  });

  const c1 = {
    'Candidate ID': 'C-1', First: INJECTION_NAME, Last: INJECTION_SUM, Email: 'x@example.com',
    Created: 1735689600000, Modified: 1735689600000, Notes: '-2+3',
  };
  ids['C-1'] = insertRecord(db, {
    category: 'candidates', key: 'C-1', sheet: candSheet, row: 2, source: c1, original: fieldsOf(c1, CANDIDATE_MAPPING),
    status: 'warning',
    issues: [['name-looks-like-formula', 'firstName', 'warning', 'The first name starts with "=".']],
  });
  const c2 = {
    'Candidate ID': 'C-2', First: 'Ada', Last: 'Lovelace', Email: 'ada@example.com',
    Created: 1735689600000, Modified: 1735689600000, Notes: 'met at fair',
  };
  ids['C-2'] = insertRecord(db, {
    category: 'candidates', key: 'C-2', sheet: candSheet, row: 3, source: c2, original: fieldsOf(c2, CANDIDATE_MAPPING),
  });

  const op = db.prepare('INSERT INTO operations (kind, description, created_at, record_count, undone) VALUES (?, ?, ?, ?, ?)');
  const edit = db.prepare(
    'INSERT INTO edits (operation_id, record_id, field, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const t = Date.UTC(2025, 0, 20, 14, 0);
  const op1 = op.run('edit', 'Edited location of J-2', t, 1, 0).lastInsertRowid;
  edit.run(op1, ids['J-2'], 'location', '"paris"', '"Paris, FR"', t);
  const op2 = op.run('exclude', 'Excluded J-3 from the sync', t + 60_000, 1, 0).lastInsertRowid;
  edit.run(op2, ids['J-3'], '$excluded', 'false', '"Duplicate of J-1"', t + 60_000);
  const op3 = op.run('bulk-edit', 'Converted dates to epoch ms', t + 120_000, 1, 0).lastInsertRowid;
  edit.run(op3, ids['J-4'], 'listedAt', '"2024-12-31"', String(J4_LISTED_AT), t + 120_000);

  const run = db
    .prepare("INSERT INTO sync_runs (started_at, finished_at, status, dry_run, options_json, summary_json) VALUES (?, ?, 'finished', 0, '{}', ?)")
    .run(Date.UTC(2025, 1, 2, 10, 0), Date.UTC(2025, 1, 2, 10, 1), '{"sent":2,"failed":1}').lastInsertRowid;
  const exchange = db.prepare(
    `INSERT INTO exchanges (run_id, at, category, method, url, request_headers, request_body, status, response_headers,
       response_body, duration_ms, attempt, record_keys, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  exchange.run(
    run, Date.UTC(2025, 1, 2, 10, 0, 1), null, 'POST',
    `https://www.linkedin.com/oauth/v2/accessToken?grant_type=client_credentials&client_secret=${SECRET_CLIENT}`,
    JSON.stringify({ 'Content-Type': 'application/x-www-form-urlencoded' }),
    `grant_type=client_credentials&client_id=abc&client_secret=${SECRET_CLIENT}`,
    200, '{}', `{"access_token":"${SECRET_TOKEN}","expires_in":1800}`, 80, 1, '[]', null,
  );
  exchange.run(
    run, Date.UTC(2025, 1, 2, 10, 0, 2), 'jobs', 'POST', 'https://api.linkedin.com/rest/simpleJobPostings',
    JSON.stringify({ Authorization: `Bearer ${SECRET_TOKEN}`, 'X-Restli-Method': 'BATCH_CREATE' }),
    '{"elements":[{"externalJobPostingId":"J-1"},{"externalJobPostingId":"J-2"}]}',
    200, JSON.stringify({ 'x-li-uuid': 'abc' }),
    '{"elements":[{"status":201},{"status":422,"error":{"message":"ERROR :: /title :: field is required but not found"}}]}',
    420, 1, '["J-1","J-2"]', null,
  );
  exchange.run(
    run, Date.UTC(2025, 1, 2, 10, 0, 30), 'candidates', 'POST', 'https://api.linkedin.com/rest/atsCandidates',
    JSON.stringify([['Authorization', `Bearer ${SECRET_TOKEN}`]]), '{"entities":{}}',
    null, null, null, 30000, 2, '["C-1","C-2"]', 'No answer within 30 s (timed out)',
  );
  return { dir, path, db, ids };
}
