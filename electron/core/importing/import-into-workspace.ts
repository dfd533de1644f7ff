import type { Db } from '../db/connection';
import { getSetting } from '../db/settings-table';
import { cancelled } from '../jobs/errors';
import type { Category } from '../../../shared/domain';
import {
  importRequestSchema,
  type ComplianceAtAGlance,
  type ImportIssue,
  type ImportRequest,
  type ImportRequestParsed as ParsedImportRequest,
  type ImportSummary,
  type PresetInfo,
  type SheetImportSummary,
} from '../../../shared/contract/import';
import { pickSheets, readSpreadsheet, type ParsedFile } from './reading/read-file';
import { fileSha256 } from './reading/file-hash';
import { takeInspected } from './reading/parsed-file-cache';
import { cellName } from './reading/parsed-sheet';
import { planImport, type SheetImportPlan } from './import-plan';
import { RecordBuilder } from './writing/record-builder';
import { RecordUpsert } from './writing/record-upsert';
import { checkAfterImport } from './check-after-import';
import { InsertChecker, invalidateComplianceIndex, settleCrossRecord, storedResultsCurrent, TIME_ZONE_SETTING } from '../compliance';
import { isValidTimeZone } from '../../../shared/values/dates';
import { releaseMemory } from './release-memory';

export interface ImportHooks {
  /** Presets matched automatically against each sheet's headers. */
  presets?: PresetInfo[];
  onProgress?(done: number, total: number, message: string): void;
  /** Polled between batches (reading and writing); true stops the import and rolls everything back. */
  isCancelled?(): boolean;
  /** Rows per sheet beyond which the import stops (tests lower it). */
  maxRows?: number;
  /** Run the compliance check after storing (default true). */
  check?: boolean;
}

const WRITE_BATCH = 5_000;
const MAX_LISTED = 1_000;
/** Progress is reported in per-mille of the whole import: reading, then writing, then checking. */
const READ_SHARE = 600;
const WRITE_SHARE = 300;
const TOTAL = 1000;

/**
 * Imports an ATS export into the workspace. The file is read completely first (outside any
 * transaction, so the UI's own writes never wait on parsing); then every sheet is written in
 * one transaction in large synchronous batches, so a failure or a cancel leaves the workspace
 * exactly as it was. Each record is checked as it is written, its row stored once with its
 * result; the cross-record rules (references, duplicate keys) are then settled in the same
 * transaction, rewriting only the records whose outcome they change. When stored results of
 * other records cannot be trusted (never checked, another rule pack or time zone) a full check
 * runs after the commit instead.
 */
export async function importIntoWorkspace(db: Db, input: ImportRequest, hooks: ImportHooks = {}): Promise<ImportSummary> {
  const started = performance.now();
  const request = importRequestSchema.parse(input);
  const progress = hooks.onProgress ?? (() => {});
  const stored = await readAndStore(db, request, hooks, progress);
  const storedAt = performance.now();
  let checked = stored.settled;
  if (hooks.check !== false && !checked) {
    // The parsed rows are unreachable from here on: let the check reuse their memory.
    await releaseMemory();
    checked = checkAfterImport(db, (done, total, message) =>
      progress(READ_SHARE + WRITE_SHARE + Math.round(((TOTAL - READ_SHARE - WRITE_SHARE) * done) / Math.max(1, total)), TOTAL, message),
    );
  }
  const done = performance.now();
  progress(TOTAL, TOTAL, 'Imported');
  return {
    file: stored.file,
    sheets: stored.sheets,
    ignored: stored.ignored,
    compliance: complianceAtAGlance(db, [...new Set(stored.sheets.map((s) => s.category))]),
    checked,
    durationMs: Math.round(done - started),
    phases: { readMs: Math.round(stored.readAt - started), storeMs: Math.round(storedAt - stored.readAt), checkMs: Math.round(done - storedAt) },
  };
}

async function readAndStore(
  db: Db,
  request: ParsedImportRequest,
  hooks: ImportHooks,
  progress: (done: number, total: number, message: string) => void,
): Promise<Pick<ImportSummary, 'file' | 'sheets' | 'ignored'> & { readAt: number; settled: boolean }> {
  const throwIfCancelled = () => {
    if (hooks.isCancelled?.()) throw cancelled();
  };
  const hash = fileSha256(request.path);
  hash.catch(() => {}); // awaited below; reading reports a missing or unreadable file first
  progress(0, TOTAL, 'Reading the file');
  // The wizard's inspection read the whole file a moment ago: used as it is while the file is unchanged.
  const choice = { encoding: request.encoding, delimiter: request.delimiter };
  const inspected = hooks.maxRows === undefined ? await takeInspected(request.path, choice, hash) : null;
  const sheets = request.sheets?.map((s) => s.sheet);
  const file = inspected ? pickSheets(inspected, sheets) : await readSpreadsheet(request.path, {
    encoding: request.encoding,
    delimiter: request.delimiter,
    sheets,
    maxRows: hooks.maxRows,
    throwIfCancelled,
    onRows: (sheet, rows, expected) => {
      const share = expected ? Math.min(1, rows / expected) : 0.5;
      progress(Math.round(READ_SHARE * share), TOTAL, `Reading ${sheet}: ${rows.toLocaleString('en-US')} rows`);
    },
  });
  throwIfCancelled();
  const { plans, ignored } = planImport(file, request, hooks.presets ?? []);
  const readAt = performance.now();
  const sha = await hash;
  const zone = getSetting(db, TIME_ZONE_SETTING) ?? 'UTC';
  const timeZone = isValidTimeZone(zone) ? zone : 'UTC'; // as the compliance check reads it
  const totalRows = plans.reduce((n, p) => n + (p.table.end - p.table.start), 0);

  const write = db.transaction((): { summaries: SheetImportSummary[]; settled: boolean } => {
    const hadRecords = db.prepare('SELECT 1 FROM records LIMIT 1').get() !== undefined;
    // Same time zone, formats and clock as a full check would use (CheckContexts).
    const checker = hooks.check === false ? undefined : new InsertChecker(db);
    const fileId = Number(
      db
        .prepare('INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES (?, ?, ?, ?, ?)')
        .run(file.path, file.name, sha, file.size, Date.now()).lastInsertRowid,
    );
    const seen = new Map<Category, Set<string>>();
    const summaries: SheetImportSummary[] = [];
    let written = 0;
    for (const plan of plans) {
      const keys = seen.get(plan.category) ?? new Set<string>();
      seen.set(plan.category, keys);
      summaries.push(
        writeSheet(db, file, fileId, plan, keys, timeZone, checker, (n) => {
          written += n;
          throwIfCancelled();
          progress(READ_SHARE + Math.round((WRITE_SHARE * written) / Math.max(1, totalRows)), TOTAL, `Storing ${plan.table.sheet.name}`);
        }),
      );
    }
    for (const [category, keys] of seen) {
      const last = [...summaries].reverse().find((s) => s.category === category)!;
      last.missing = flagMissing(db, category, keys);
    }
    if (!checker || !storedResultsCurrent(db, hadRecords)) return { summaries, settled: false };
    throwIfCancelled();
    progress(READ_SHARE + WRITE_SHARE, TOTAL, 'Checking references and duplicate keys');
    settleCrossRecord(db);
    return { summaries, settled: true };
  });
  let written: { summaries: SheetImportSummary[]; settled: boolean };
  try {
    written = write();
  } finally {
    // Rows were written past the engine's index of this connection (data_version does not see them).
    invalidateComplianceIndex(db);
  }
  return {
    file: { path: file.path, name: file.name, size: file.size, sha256: sha, kind: file.kind, text: file.text },
    sheets: written.summaries,
    ignored,
    readAt,
    settled: written.settled,
  };
}

function writeSheet(
  db: Db,
  file: ParsedFile,
  fileId: number,
  plan: SheetImportPlan,
  keys: Set<string>,
  timeZone: string,
  checker: InsertChecker | undefined,
  afterBatch: (rows: number) => void,
): SheetImportSummary {
  const { table, category } = plan;
  const mapping: Record<string, string> = {};
  const columns = new Map<number, string>();
  for (const m of plan.mapping) {
    if (!m.field) continue;
    mapping[m.header] = m.field;
    columns.set(m.column, m.field);
  }
  const issues: ImportIssue[] = table.sheet.issues
    .filter((i) => i.row > table.headerRow)
    .map((i) => ({ sheet: table.sheet.name, row: i.row, cell: cellName(table.sheet, i.row, i.column), message: `${cellName(table.sheet, i.row, i.column)} ${i.message}` }));
  const options = {
    valueMappings: plan.valueMappings,
    preset: plan.preset,
    timeZone,
    ...(file.text ? { encoding: file.text.encoding, delimiter: file.text.delimiter } : {}),
    matches: plan.mapping.filter((m) => m.field).map((m) => ({ header: m.header, field: m.field, confidence: m.confidence, via: m.via })),
    headerNotes: table.headerNotes,
    issues: issues.slice(0, MAX_LISTED),
  };
  const sheetId = Number(
    db
      .prepare(
        `INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json, options_json, row_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(fileId, table.sheet.name, category, table.headerRow, JSON.stringify(table.headers), JSON.stringify(mapping), JSON.stringify(options), table.end - table.start)
      .lastInsertRowid,
  );
  const builder = new RecordBuilder(category, table, columns, plan.valueMappings, timeZone);
  const upsert = new RecordUpsert(db, category, checker);
  const summary: SheetImportSummary = {
    sheet: table.sheet.name,
    category,
    rows: 0,
    skipped: 0,
    mapping,
    added: 0,
    updated: 0,
    unchanged: 0,
    missing: 0,
    conflicts: [],
    conflictCount: 0,
    keptEdits: 0,
    skippedReasons: {},
    skippedRows: [],
    headerRow: table.headerRow,
    issues: issues.slice(0, MAX_LISTED),
    issueCount: issues.length,
  };
  const firstRowOfKey = new Map<string, number>();
  const skip = (row: number, reason: string, group = reason) => {
    summary.skipped++;
    summary.skippedReasons[group] = (summary.skippedReasons[group] ?? 0) + 1;
    if (summary.skippedRows.length < MAX_LISTED) summary.skippedRows.push({ row, reason });
  };
  let inBatch = 0;
  for (let i = table.start; i < table.end; i++) {
    summary.rows++;
    const built = builder.build(i);
    if (!built.ok) skip(built.row, built.reason);
    else if (keys.has(built.record.key)) {
      const first = firstRowOfKey.get(built.record.key);
      skip(built.record.row, `Same key "${built.record.key}" as ${first ? `row ${first}` : 'another sheet'}`, 'Duplicate key');
    } else {
      keys.add(built.record.key);
      firstRowOfKey.set(built.record.key, built.record.row);
      const result = upsert.upsert(built.record, sheetId);
      summary[result.outcome]++;
      summary.keptEdits += result.keptEdits;
      summary.conflictCount += result.conflicts.length;
      for (const c of result.conflicts) if (summary.conflicts.length < MAX_LISTED) summary.conflicts.push(c);
    }
    if (++inBatch === WRITE_BATCH) {
      afterBatch(inBatch);
      inBatch = 0;
    }
  }
  afterBatch(inBatch);
  db.prepare('UPDATE source_sheets SET options_json = ? WHERE id = ?').run(
    JSON.stringify({ ...options, valueMappings: builder.appliedValueMappings() }),
    sheetId,
  );
  if (table.totalRow) {
    summary.rows++;
    skip(table.totalRow.row, 'Total row');
  }
  return summary;
}

/** Flags records of the category that this import did not see; clears the flag of those it did. Returns the flagged count. */
function flagMissing(db: Db, category: Category, seen: Set<string>): number {
  const { n: total } = db.prepare('SELECT count(*) AS n FROM records WHERE category = ?').get(category) as { n: number };
  if (total === seen.size) return 0; // every record was in the file (a first import always is)
  const rows = db.prepare('SELECT id, key, missing_from_source AS missing FROM records WHERE category = ?').all(category) as {
    id: number;
    key: string;
    missing: number;
  }[];
  const flag = db.prepare('UPDATE records SET missing_from_source = 1 WHERE id = ?');
  let n = 0;
  for (const r of rows) {
    if (seen.has(r.key)) continue;
    n++;
    if (!r.missing) flag.run(r.id);
  }
  return n;
}

function complianceAtAGlance(db: Db, categories: Category[]): Partial<Record<Category, ComplianceAtAGlance>> {
  const out: Partial<Record<Category, ComplianceAtAGlance>> = {};
  const stmt = db.prepare('SELECT status, count(*) AS n FROM records WHERE category = ? AND excluded = 0 GROUP BY status');
  for (const c of categories) {
    const counts: ComplianceAtAGlance = { compliant: 0, warning: 0, error: 0, unchecked: 0 };
    for (const row of stmt.all(c) as { status: string; n: number }[]) {
      if (row.status in counts) counts[row.status as keyof ComplianceAtAGlance] += row.n;
    }
    out[c] = counts;
  }
  return out;
}
