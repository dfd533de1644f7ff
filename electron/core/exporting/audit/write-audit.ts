import { extname } from 'node:path';
import { ContractFailure } from '../../../../shared/contract/define';
import type { AuditExportInput, ExportResult } from '../../../../shared/contract/export';
import { CATEGORIES, type Category } from '../../../../shared/domain';
import type { Db } from '../../db/connection';
import { StyleBook } from '../cell-styles';
import { NO_CONTROL, Pacer, type ExportControl } from '../pacing';
import { recordScope, type RecordScope } from '../record-scope';
import { AtomicFiles } from '../safe-target';
import { SheetNames } from '../sheet-writer';
import { inReadSnapshot } from '../read-snapshot';
import { workspaceFacts } from '../workspace-facts';
import { XlsxFile } from '../xlsx-file';
import { ZoneClock } from '../zone-time';
import { NoteBudget, type AuditContext } from './audit-context';
import { writeCategorySheet } from './category-sheet';
import { writeEditsSheet } from './edits-sheet';
import { writeExcludedSheet } from './excluded-sheet';
import { addMatchesSheet } from './matches-sheet';
import { writeSkippedRowsSheet } from './skipped-rows-sheet';
import { writeSummarySheet } from './summary-sheet';
import { exchangeScope, writeSyncBodiesSheet, writeSyncLogSheet } from './sync-log-sheets';

/**
 * Excel slows down past tens of thousands of notes, and the writer holds a sheet's notes in
 * memory (~1 kB each) until the sheet ends: 50,000 keeps both in bounds.
 */
export const DEFAULT_MAX_NOTES = 50_000;

/**
 * The audit workbook: Summary, one sheet per category, Edits, Excluded, Sync log and (unless
 * left out) Sync bodies. Streamed row by row from SQLite into a temporary file that replaces
 * the target only once complete.
 */
export function writeAuditWorkbook(
  db: Db,
  workspacePath: string,
  input: AuditExportInput,
  control: ExportControl = NO_CONTROL,
): Promise<ExportResult> {
  return inReadSnapshot(db, () => writeAudit(db, workspacePath, input, control));
}

async function writeAudit(db: Db, workspacePath: string, input: AuditExportInput, control: ExportControl): Promise<ExportResult> {
  const started = Date.now();
  if (extname(input.path).toLowerCase() !== '.xlsx') {
    throw new ContractFailure('BAD_PATH', `The audit workbook is an .xlsx file: "${input.path}" has another extension.`);
  }
  const includeBodies = input.includeBodies ?? true;
  const scope = recordScope(db, input.filter);
  const facts = workspaceFacts(db, workspacePath);
  const categories = categoriesToWrite(db, scope);
  const total = plannedRows(db, scope, categories, includeBodies);

  const files = new AtomicFiles();
  const temp = files.add(input.path);
  const xlsx = new XlsxFile(temp);
  try {
    const ctx: AuditContext = {
      db,
      workbook: xlsx.workbook,
      book: new StyleBook(),
      clock: new ZoneClock(facts.timeZone),
      scope,
      pacer: new Pacer(
        {
          progress: control.progress,
          throwIfCancelled: () => {
            control.throwIfCancelled();
            xlsx.check();
          },
        },
        total,
      ),
      notes: new NoteBudget(input.maxNotes ?? DEFAULT_MAX_NOTES),
      names: new SheetNames(),
      excludedIds: [],
    };
    const sheets = [
      writeSummarySheet(ctx, {
        workspaceName: facts.name,
        workspacePath: facts.path,
        generatedAt: started,
        includeBodies,
        flaggedCells: flaggedCells(db, scope),
      }),
    ];
    for (const category of categories) sheets.push(await writeCategorySheet(ctx, category));
    sheets.push(await writeEditsSheet(ctx));
    sheets.push(await writeExcludedSheet(ctx));
    await addMatchesSheet(ctx, sheets);
    sheets.push(await writeSkippedRowsSheet(ctx));
    sheets.push(await writeSyncLogSheet(ctx));
    if (includeBodies) sheets.push(await writeSyncBodiesSheet(ctx));
    control.throwIfCancelled();
    await xlsx.commit();
    const bytes = files.commit();
    ctx.pacer.finish('Audit workbook written');
    return {
      path: input.path,
      files: [input.path],
      sheets,
      rows: ctx.pacer.rows,
      bytes,
      durationMs: Date.now() - started,
      notesOmitted: ctx.notes.omitted,
    };
  } catch (err) {
    xlsx.abort();
    files.discard();
    throw err;
  }
}

/** Every category with records; a filtered view's category even when nothing matches. */
function categoriesToWrite(db: Db, scope: RecordScope): Category[] {
  if (scope.filtered) return scope.categories;
  const present = new Set(
    (db.prepare('SELECT DISTINCT category FROM records').all() as { category: string }[]).map((r) => r.category),
  );
  return CATEGORIES.filter((c) => present.has(c));
}

function plannedRows(db: Db, scope: RecordScope, categories: Category[], includeBodies: boolean): number {
  const count = (sql: string, params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const records = count(
    `SELECT count(*) AS n FROM records r WHERE r.category IN (${categories.map(() => '?').join(',') || "''"}) AND (${scope.sql})`,
    [...categories, ...scope.params],
  );
  const edits = scope.filtered
    ? count(`SELECT count(*) AS n FROM edits e JOIN records r ON r.id = e.record_id WHERE (${scope.sql})`, scope.params)
    : count('SELECT count(*) + (SELECT count(*) FROM operations) AS n FROM edits', []);
  const excluded = count(`SELECT count(*) AS n FROM records r WHERE r.excluded = 1 AND (${scope.sql})`, scope.params);
  const where = exchangeScope(scope);
  const exchanges = count(`SELECT count(*) AS n FROM exchanges x WHERE (${where.sql})`, where.params);
  return records + edits + excluded + exchanges * (includeBodies ? 2 : 1);
}

/**
 * Cells that may want a note: issues plus edits, counted without de-duplication (an upper
 * bound, from the indexes alone), for the Summary's word on the note limit.
 */
function flaggedCells(db: Db, scope: RecordScope): number {
  const count = (sql: string, params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  if (!scope.filtered) {
    return (
      count('SELECT count(*) AS n FROM record_issues', []) +
      count("SELECT count(*) AS n FROM edits WHERE field != '$excluded'", [])
    );
  }
  return (
    count(`SELECT count(*) AS n FROM record_issues i JOIN records r ON r.id = i.record_id WHERE (${scope.sql})`, scope.params) +
    count(
      `SELECT count(*) AS n FROM edits e JOIN records r ON r.id = e.record_id WHERE e.field != '$excluded' AND (${scope.sql})`,
      scope.params,
    )
  );
}
