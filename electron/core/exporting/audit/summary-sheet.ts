import { CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import { RULE_PACK_VERSION } from '../../../../shared/rsc/version';
import { INTEGER_FORMAT, DATE_FORMAT } from '../cell-styles';
import { SheetWriter, type ExcelValue } from '../sheet-writer';
import { isExcelDate } from '../zone-time';
import type { AuditContext } from './audit-context';
import { SYNC_RUN_HEADERS, syncRunLine, type SyncRunRow } from './sync-run-rows';

export interface SummaryFacts {
  workspaceName: string;
  workspacePath: string;
  generatedAt: number;
  includeBodies: boolean;
  /** Flagged cells that may want a note, counted before writing (issues + edited cells). */
  flaggedCells: number;
}

interface CategoryCountRow {
  category: string;
  total: number;
  compliant: number;
  errors: number;
  warnings: number;
  unchecked: number;
  excluded: number;
  synced: number;
  failed: number;
  packs: string | null;
}

const TOP_RULES = 25;

/** The first sheet: what this workbook covers, where the data came from, and how it stands. */
export function writeSummarySheet(ctx: AuditContext, facts: SummaryFacts): string {
  const { db, scope, clock, book } = ctx;
  const name = ctx.names.take('Summary');
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    // Dates (yyyy-mm-dd hh:mm:ss) need ~20 characters, or Excel shows ####.
    [24, 40, 20, 12, 20, 12, 12, 12, 12, 12].map((width) => ({ header: '', width })),
    book,
    { header: false },
  );
  const title = book.get({ bold: true });
  const epoch = book.get({ numFmt: INTEGER_FORMAT });
  const date = book.get({ numFmt: DATE_FORMAT });
  const pair = (label: string, value: ExcelValue, style?: ReturnType<typeof book.get>) =>
    sheet.row([label, value], [title, style]);

  sheet.row(['RSC Workbench audit'], [book.get({ bold: true, tone: 'header' })]);
  pair('Workspace', facts.workspaceName);
  pair('Workspace file', facts.workspacePath);
  pair('Generated at', clock.describe(facts.generatedAt));
  pair('Generated at (epoch ms)', facts.generatedAt, epoch);
  pair('Time zone of dates', `${clock.zone}: every date column shows wall-clock time in this zone`);
  // One scan of the records gives every count and the rule pack versions used.
  const countRows = db
    .prepare(
      `SELECT r.category, count(*) AS total,
              sum(r.status = 'compliant' AND r.excluded = 0) AS compliant,
              sum(r.status = 'error' AND r.excluded = 0) AS errors,
              sum(r.status = 'warning' AND r.excluded = 0) AS warnings,
              sum(r.status = 'unchecked' AND r.excluded = 0) AS unchecked,
              sum(r.excluded) AS excluded,
              sum(r.sync_status IS 'succeeded') AS synced,
              sum(r.sync_status IS 'failed') AS failed,
              group_concat(DISTINCT r.pack_version) AS packs
         FROM records r WHERE (${scope.sql}) GROUP BY r.category`,
    )
    .all(...scope.params) as CategoryCountRow[];
  const packs = [...new Set(countRows.flatMap((c) => (c.packs ? c.packs.split(',') : [])))].sort();
  pair('Rule pack version', RULE_PACK_VERSION);
  pair('Records checked with', packs.length > 0 ? packs.join(', ') : 'No record has been checked yet');
  pair('Scope', scope.description);
  pair(
    'Cell notes',
    facts.flaggedCells > ctx.notes.max
      ? `Up to ${ctx.notes.max.toLocaleString('en-US')} flagged cells carry a note (there are about ${facts.flaggedCells.toLocaleString('en-US')}); the rest keep their colour and the Issues column lists every issue.`
      : 'Every failing or edited cell carries a note with the rule messages or the original value.',
  );
  pair(
    'Sync bodies',
    facts.includeBodies
      ? 'Full request and response bodies are in the "Sync bodies" sheet (secrets redacted).'
      : 'Left out of this workbook (exported without bodies).',
  );

  sheet.blankRow();
  sheet.row(['Source files'], [title]);
  sheet.headerRow(['File', 'Sheet', 'Category', 'Rows', 'Imported at', 'SHA-256', 'Size (bytes)', 'Path']);
  const sources = db
    .prepare(
      `SELECT f.name, f.path, f.sha256, f.size, f.imported_at, s.name AS sheet, s.category, s.row_count
         FROM source_files f LEFT JOIN source_sheets s ON s.file_id = f.id
        ORDER BY f.imported_at, f.id, s.id`,
    )
    .all() as {
    name: string;
    path: string;
    sha256: string;
    size: number;
    imported_at: number;
    sheet: string | null;
    category: string | null;
    row_count: number | null;
  }[];
  if (sources.length === 0) sheet.row(['No source file has been imported.']);
  for (const s of sources) {
    sheet.row(
      [
        s.name,
        s.sheet,
        s.category,
        s.row_count,
        isExcelDate(s.imported_at) ? clock.wallClockDate(s.imported_at) : null,
        s.sha256,
        s.size,
        s.path,
      ],
      [undefined, undefined, undefined, undefined, date],
    );
  }

  sheet.blankRow();
  sheet.row(['Records per category'], [title]);
  sheet.headerRow(['Category', 'Records', 'Compliant', 'Errors', 'Warnings', 'Not checked', 'Excluded', 'Synced', 'Sync failed']);
  const counts = new Map(countRows.map((c) => [c.category, c]));
  const totals = [0, 0, 0, 0, 0, 0, 0, 0];
  for (const category of scope.categories) {
    const c = counts.get(category);
    const numbers = c
      ? [c.total, c.compliant, c.errors, c.warnings, c.unchecked, c.excluded, c.synced, c.failed]
      : [0, 0, 0, 0, 0, 0, 0, 0];
    numbers.forEach((n, i) => (totals[i] += n));
    sheet.row([CATEGORY_LABELS[category as Category], ...numbers]);
  }
  if (scope.categories.length > 1) sheet.row(['Total', ...totals], [title]);

  sheet.blankRow();
  sheet.row(['Top failing rules'], [title]);
  sheet.headerRow(['Category', 'Rule', 'Severity', 'Records', 'Cells', 'Example message']);
  // Unfiltered, the issues table alone answers (no join to the large records table).
  const rules = db
    .prepare(
      `SELECT i.category, i.rule, i.severity, count(DISTINCT i.record_id) AS records, count(*) AS cells,
              min(i.message) AS example
         FROM record_issues i ${scope.filtered ? 'JOIN records r ON r.id = i.record_id' : ''}
        WHERE i.severity IN ('error', 'warning') AND (${scope.sql})
        GROUP BY i.category, i.rule, i.severity
        ORDER BY i.severity = 'error' DESC, records DESC, cells DESC, i.rule
        LIMIT ${TOP_RULES}`,
    )
    .all(...scope.params) as { category: string; rule: string; severity: string; records: number; cells: number; example: string }[];
  if (rules.length === 0) sheet.row(['No failing rule.']);
  for (const r of rules) {
    sheet.row(
      [CATEGORY_LABELS[r.category as Category] ?? r.category, r.rule, r.severity, r.records, r.cells, r.example],
      [undefined, undefined, book.get({ tone: r.severity === 'error' ? 'error' : 'warning' })],
    );
  }

  sheet.blankRow();
  sheet.row(['Sync runs'], [title]);
  sheet.headerRow(SYNC_RUN_HEADERS);
  const runs = db
    .prepare('SELECT id, started_at, finished_at, status, dry_run, summary_json FROM sync_runs ORDER BY id')
    .all() as SyncRunRow[];
  if (runs.length === 0) sheet.row(['Nothing has been sent to LinkedIn from this workspace.']);
  for (const run of runs) {
    const line = syncRunLine(run);
    sheet.row(
      [
        line.run,
        clock.wallClockDate(line.startedAt),
        line.finishedAt === null ? null : clock.wallClockDate(line.finishedAt),
        line.sent,
        line.succeeded,
        line.failed,
        line.requests,
        line.status,
      ],
      [undefined, date, date],
    );
  }
  sheet.commit();
  return name;
}
