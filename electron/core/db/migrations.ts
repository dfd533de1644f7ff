import type { Database } from 'better-sqlite3';

/**
 * Ordered, append-only, named migrations. A migration is never edited once released:
 * add a new one instead. Each runs in its own transaction and is recorded in `schema_migrations`.
 */
export interface Migration {
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    name: '001_workspace',
    sql: `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE source_files (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL,
  name        TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  size        INTEGER NOT NULL,
  imported_at INTEGER NOT NULL
);

CREATE TABLE source_sheets (
  id           INTEGER PRIMARY KEY,
  file_id      INTEGER NOT NULL REFERENCES source_files(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  category     TEXT NOT NULL,
  header_row   INTEGER NOT NULL,
  headers_json TEXT NOT NULL,           -- ordered source headers, as made unique
  mapping_json TEXT NOT NULL,           -- {"<header>": "<field>"}
  options_json TEXT NOT NULL DEFAULT '{}', -- value mappings, date formats, encoding, delimiter
  row_count    INTEGER NOT NULL DEFAULT 0
);

-- One row per record. Values are JSON objects keyed by RSC field:
--   original_json: as first imported (or as last re-imported from the source),
--   values_json:   current values (original plus the consultant's edits),
--   source_json:   the whole source row keyed by header, unmapped columns included.
CREATE TABLE records (
  id             INTEGER PRIMARY KEY,
  category       TEXT NOT NULL,
  key            TEXT NOT NULL,
  sheet_id       INTEGER REFERENCES source_sheets(id) ON DELETE SET NULL,
  source_row     INTEGER,
  original_json  TEXT NOT NULL,
  values_json    TEXT NOT NULL,
  source_json    TEXT NOT NULL DEFAULT '{}',
  status         TEXT NOT NULL DEFAULT 'unchecked', -- unchecked | compliant | warning | error
  error_count    INTEGER NOT NULL DEFAULT 0,
  warning_count  INTEGER NOT NULL DEFAULT 0,
  info_count     INTEGER NOT NULL DEFAULT 0,
  pack_version   TEXT,
  checked_at     INTEGER,
  excluded       INTEGER NOT NULL DEFAULT 0,
  exclude_reason TEXT,
  missing_from_source INTEGER NOT NULL DEFAULT 0,
  sync_status    TEXT,                 -- null | succeeded | failed | pending
  sync_message   TEXT,
  sync_hash      TEXT,                 -- hash of the last payload LinkedIn accepted
  synced_at      INTEGER,
  sync_exchange_id INTEGER,
  linkedin_urn   TEXT,
  UNIQUE (category, key)
);
CREATE INDEX records_category_status ON records(category, status);
CREATE INDEX records_category_sync ON records(category, sync_status);

CREATE TABLE record_issues (
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  category  TEXT NOT NULL,
  rule      TEXT NOT NULL,
  field     TEXT NOT NULL,
  severity  TEXT NOT NULL,
  message   TEXT NOT NULL,
  fix_json  TEXT
);
CREATE INDEX record_issues_record ON record_issues(record_id);
CREATE INDEX record_issues_rule ON record_issues(category, rule, record_id);
CREATE INDEX record_issues_field ON record_issues(category, field, record_id);

-- Every user-visible change is one operation; its cell changes are edits.
CREATE TABLE operations (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL,
  description  TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  record_count INTEGER NOT NULL DEFAULT 0,
  undone       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE edits (
  id           INTEGER PRIMARY KEY,
  operation_id INTEGER NOT NULL REFERENCES operations(id) ON DELETE CASCADE,
  record_id    INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  field        TEXT NOT NULL,           -- a field name, or '$excluded' for exclusions
  before_json  TEXT,
  after_json   TEXT,
  at           INTEGER NOT NULL
);
CREATE INDEX edits_operation ON edits(operation_id);
CREATE INDEX edits_record ON edits(record_id, field);

CREATE TABLE sync_runs (
  id           INTEGER PRIMARY KEY,
  started_at   INTEGER NOT NULL,
  finished_at  INTEGER,
  status       TEXT NOT NULL,          -- running | finished | failed | cancelled
  dry_run      INTEGER NOT NULL DEFAULT 0,
  options_json TEXT NOT NULL DEFAULT '{}',
  summary_json TEXT
);

CREATE TABLE exchanges (
  id               INTEGER PRIMARY KEY,
  run_id           INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  at               INTEGER NOT NULL,
  category         TEXT,
  method           TEXT NOT NULL,
  url              TEXT NOT NULL,
  request_headers  TEXT NOT NULL,
  request_body     TEXT,
  status           INTEGER,           -- null when no response arrived
  response_headers TEXT,
  response_body    TEXT,
  duration_ms      INTEGER,
  attempt          INTEGER NOT NULL DEFAULT 1,
  record_keys      TEXT NOT NULL DEFAULT '[]',
  error            TEXT
);
CREATE INDEX exchanges_run ON exchanges(run_id);
CREATE INDEX exchanges_status ON exchanges(status);
`,
  },
  {
    // Syncing: job tasks to poll across runs, the payload hash LinkedIn rejected (never resent
    // unchanged), the kind of each exchange, and the per-UTC-day request counter (kept apart from
    // the exchanges so log retention never resets the day's budget).
    name: '002_sync_state',
    sql: `
ALTER TABLE records ADD COLUMN sync_rejected_hash TEXT;
ALTER TABLE exchanges ADD COLUMN kind TEXT;   -- token | batch | poll
CREATE INDEX exchanges_at ON exchanges(at);

CREATE TABLE sync_tasks (
  task_urn     TEXT PRIMARY KEY,
  record_id    INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  run_id       INTEGER REFERENCES sync_runs(id) ON DELETE SET NULL,
  exchange_id  INTEGER,
  payload_hash TEXT NOT NULL,
  status       TEXT NOT NULL,            -- IN_PROGRESS | SUCCEEDED | FAILED | EXPIRED
  created_at   INTEGER NOT NULL,
  next_poll_at INTEGER NOT NULL,
  polls        INTEGER NOT NULL DEFAULT 0,
  resolved_at  INTEGER,
  message      TEXT
);
CREATE INDEX sync_tasks_open ON sync_tasks(status, next_poll_at);
CREATE INDEX sync_tasks_record ON sync_tasks(record_id);

CREATE TABLE sync_request_counts (
  day      TEXT PRIMARY KEY,              -- UTC date, YYYY-MM-DD
  requests INTEGER NOT NULL
);
`,
  },
  {
    // Compliance: a fingerprint of each record's stored check result (issues + pack version), so
    // a full re-check rewrites only the records whose result changed: rewriting a 1–5 KB record
    // row costs 3–4× reading it, which would make every full check mostly writes.
    name: '003_compliance_check_hash',
    sql: `
ALTER TABLE records ADD COLUMN check_hash TEXT;
`,
  },
  {
    // Records workspace: a grid window is chosen by walking an index in id order without reading
    // rows, for a whole category and for one check status among the records not excluded (the
    // header counts' meaning), so row 99,900 costs no more than row 1. Operations remember the
    // categories they touched and their cell count for the history panel. Fixable issues get their
    // own (partial) index: "Fix all N like this" counts and collects them without reading issues.
    name: '004_records_grid',
    sql: `
CREATE INDEX records_grid_category ON records(category);
CREATE INDEX records_grid_status ON records(category, excluded, status);
CREATE INDEX record_issues_fixable ON record_issues(category, rule, record_id) WHERE fix_json IS NOT NULL;
ALTER TABLE operations ADD COLUMN details_json TEXT NOT NULL DEFAULT '{}';
`,
  },
  {
    // Compliance summary: "records with warnings" counts records with errors too, which the
    // (category, excluded, status) index cannot tell; this small partial index holds just those,
    // so the summary never reads record rows (a full scan of 400,000 rows takes ~0.5 s).
    name: '005_compliance_counts',
    sql: `
CREATE INDEX records_errors_with_warnings ON records(category, excluded) WHERE status = 'error' AND warning_count > 0;
`,
  },
  {
    // Compliance: each record's key and references as its last check computed them from its
    // current values (records.key is the import's key and edits do not change it). Covered by one
    // index, so the engine rebuilds its in-memory index of keys and references without parsing
    // every record's JSON (the first edit after an import or a full check in a worker), and knows
    // a record's key before an edit.
    name: '006_compliance_keys',
    sql: `
ALTER TABLE records ADD COLUMN check_key TEXT;
ALTER TABLE records ADD COLUMN check_parent TEXT;
ALTER TABLE records ADD COLUMN check_candidate TEXT;
CREATE INDEX records_check_keys ON records(category, check_key, check_parent, check_candidate, excluded);
`,
  },
  {
    // Superseded by 008 within the same day: for a few commits 002 itself added
    // exchanges.pending_results, so adding it here failed on workspaces made then. Kept as a no-op
    // so migration names never change order; the column, where it exists, is unused.
    name: '007_sync_pending_results',
    sql: `SELECT 1;`,
  },
  {
    // A batch's per-record results, written with its exchange (the acknowledgment) in one
    // transaction and deleted once applied to the records: a sync killed in between applies them
    // at its next start (electron/core/syncing/record-store.ts). A table of its own, not a column
    // of exchanges: clearing a column would rewrite the exchange's whole row, bodies included.
    name: '008_sync_pending_results_table',
    sql: `
CREATE TABLE IF NOT EXISTS sync_pending_results (
  exchange_id INTEGER PRIMARY KEY REFERENCES exchanges(id) ON DELETE CASCADE,
  results     TEXT NOT NULL
);
`,
  },
  {
    // Resumes attached to applications (electron/core/resumes). The file's bytes stay on disk; the
    // row keeps where it is, its fingerprint, and the media URN of its last upload with the time it
    // was obtained (LinkedIn's URN expires 24 h later). pending_* hold an issued upload URL whose
    // upload has not been confirmed, so an interrupted upload is resumed, not requested twice.
    name: '009_resumes',
    sql: `
CREATE TABLE resumes (
  record_id          INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  path               TEXT NOT NULL,
  file_name          TEXT NOT NULL,
  size               INTEGER NOT NULL,
  sha256             TEXT NOT NULL,
  content_type       TEXT NOT NULL,
  matched_by         TEXT NOT NULL,
  attached_at        INTEGER NOT NULL,
  media_urn          TEXT,
  media_sha256       TEXT,
  obtained_at        INTEGER,
  uploaded_at        INTEGER,
  expires_at         INTEGER,
  upload_exchange_id INTEGER,
  pending_urn        TEXT,
  pending_upload_url TEXT,
  pending_sha256     TEXT,
  pending_at         INTEGER
);
CREATE INDEX resumes_media_urn ON resumes(media_urn);
`,
  },
  {
    // A record's JSON leaves its row, so the columns that change most (check status, sync status,
    // exclusion) live in a narrow row: SQLite rewrites a whole row to change one column, and with
    // 1–5 KB of JSON beside them a full check, a sync batch or a bulk edit spent most of its time
    // rewriting values it had not changed (9× slower per status update, measured on 200,000
    // rows). Current values and where they came from are apart too: checks, filters and search
    // scan values_json alone, a third of the bytes. records_wide is the old shape for reads; its
    // LEFT JOINs are dropped by SQLite when a (non-aggregate) query uses none of their columns.
    name: '010_record_values',
    sql: `
CREATE TABLE record_values (
  record_id   INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  values_json TEXT NOT NULL
);
CREATE TABLE record_sources (
  record_id     INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  original_json TEXT NOT NULL,
  source_json   TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO record_values (record_id, values_json) SELECT id, values_json FROM records;
INSERT INTO record_sources (record_id, original_json, source_json) SELECT id, original_json, source_json FROM records;
ALTER TABLE records DROP COLUMN original_json;
ALTER TABLE records DROP COLUMN values_json;
ALTER TABLE records DROP COLUMN source_json;
CREATE VIEW records_wide AS
  SELECT r.*, v.values_json, s.original_json, s.source_json
  FROM records r
  LEFT JOIN record_values v ON v.record_id = r.id
  LEFT JOIN record_sources s ON s.record_id = r.id;
`,
  },
  {
    // Reconcile with LinkedIn (electron/core/reconciling): what LinkedIn answered for each synced
    // candidate (its member matches, when read, and the fields that differ from what was sent),
    // and the records erased (or to be erased) at LinkedIn. An erasure made because the record
    // was missing from its category's latest import lapses when an import brings it back; the
    // sync never sends a record while its erasure stands.
    name: '011_linkedin_reconcile',
    sql: `
CREATE TABLE linkedin_matches (
  record_id     INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  status        TEXT NOT NULL,               -- matched | unmatched | notFound
  members_json  TEXT NOT NULL DEFAULT '[]',  -- Person URNs LinkedIn matched
  manual_member TEXT,                        -- manualMatchedMember
  read_at       INTEGER NOT NULL,
  exchange_id   INTEGER,
  unrecognized  TEXT,                        -- matchedMembers in a shape not understood, as sent (truncated)
  drift_json    TEXT                         -- [{field, sent, linkedin}] when LinkedIn holds other values
);
CREATE INDEX linkedin_matches_status ON linkedin_matches(status);

CREATE TABLE linkedin_erasures (
  record_id   INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
  reason      TEXT NOT NULL,                 -- missing | marked
  status      TEXT NOT NULL,                 -- marked | erased | failed
  marked_at   INTEGER NOT NULL,
  erased_at   INTEGER,
  message     TEXT,
  exchange_id INTEGER
);
CREATE INDEX linkedin_erasures_status ON linkedin_erasures(status);

CREATE TRIGGER linkedin_erasure_lapses AFTER UPDATE OF missing_from_source ON records
  WHEN OLD.missing_from_source = 1 AND NEW.missing_from_source = 0
BEGIN
  DELETE FROM linkedin_erasures WHERE record_id = NEW.id AND (reason = 'missing' OR status = 'erased');
END;
`,
  },
];

export function migrate(db: Database): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)`);
  const applied = new Set(
    (db.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name),
  );
  const ran: string[] = [];
  for (const m of MIGRATIONS) {
    if (applied.has(m.name)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)').run(m.name, Date.now());
    })();
    ran.push(m.name);
  }
  return ran;
}
