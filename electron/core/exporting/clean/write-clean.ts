import { basename, dirname, extname, join } from 'node:path';
import type { stream } from 'exceljs';
import { ContractFailure } from '../../../../shared/contract/define';
import type { CleanExportInput, ExportFormat, ExportResult } from '../../../../shared/contract/export';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import type { Db } from '../../db/connection';
import { DATE_FORMAT, INTEGER_FORMAT, StyleBook } from '../cell-styles';
import { NO_CONTROL, Pacer, type ExportControl } from '../pacing';
import { recordScope, type RecordScope } from '../record-scope';
import { AtomicFiles } from '../safe-target';
import { SheetNames, SheetWriter, widthFor } from '../sheet-writer';
import { inReadSnapshot } from '../read-snapshot';
import { workspaceFacts } from '../workspace-facts';
import { XlsxFile } from '../xlsx-file';
import { ZoneClock } from '../zone-time';
import { CleanLayout, type CleanRecord } from './clean-layout';
import { CsvFile } from './csv-file';
import { writeCleanNotesSheet } from './notes-sheet';

/** The format a cleaned export is written in: as asked, or as the file name says. */
export function cleanFormat(input: Pick<CleanExportInput, 'path' | 'format'>): ExportFormat {
  const ext = extname(input.path).toLowerCase();
  const format = input.format ?? (ext === '.csv' ? 'csv' : 'xlsx');
  if (ext !== `.${format}`) {
    throw new ContractFailure('BAD_PATH', `A ${format.toUpperCase()} export needs a file ending in .${format}: "${input.path}".`);
  }
  return format;
}

/** The date and minute that end the app's export names ("Acme cleaned 2026-12-07 14-30"). */
const NAME_STAMP = / (\d{4}-\d\d-\d\d \d\d-\d\d)$/;

/**
 * With one CSV per category, `<name>-<category>.csv` beside the chosen file; the chosen name
 * itself when one category was asked for (`asked`, default: as many as written). A name the app
 * chose keeps its date last: "Acme cleaned 2026-12-07 14-30.csv" gives "Acme cleaned jobs 2026-12-07 14-30.csv".
 */
export function csvPaths(path: string, categories: Category[], asked = categories.length): string[] {
  if (asked === 1) return [path];
  const stem = basename(path, extname(path));
  const stamp = NAME_STAMP.exec(stem);
  return categories.map((c) =>
    join(
      dirname(path),
      stamp ? `${stem.slice(0, stamp.index)} ${CATEGORY_LABELS[c].toLowerCase()} ${stamp[1]}.csv` : `${stem}-${c}.csv`,
    ),
  );
}

/**
 * The cleaned data: per category, the current values in the customer's column layout (or the
 * RSC one), as one workbook with a sheet per category or one CSV per category.
 */
export function writeCleanExport(
  db: Db,
  workspacePath: string,
  input: CleanExportInput,
  control: ExportControl = NO_CONTROL,
): Promise<ExportResult> {
  return inReadSnapshot(db, () => writeClean(db, workspacePath, input, control));
}

async function writeClean(db: Db, workspacePath: string, input: CleanExportInput, control: ExportControl): Promise<ExportResult> {
  const started = Date.now();
  const format = cleanFormat(input);
  const scope = recordScope(db, input.filter);
  const { categories, named } = categoriesToWrite(db, scope, input.category);
  const { timeZone, name: workspaceName } = workspaceFacts(db, workspacePath);
  const clock = new ZoneClock(timeZone);
  const layouts = categories.map((c) => new CleanLayout(db, c, scope, input.layout ?? 'source', input.dates ?? 'source', clock));
  const total = countRecords(db, scope, categories);
  const pacer = new Pacer(control, total);
  const files = new AtomicFiles();
  const targets = format === 'csv' ? csvPaths(input.path, categories, named.length) : [input.path];
  const temps = targets.map((t) => files.add(t));
  try {
    const sheets =
      format === 'csv'
        ? await writeCsvFiles(db, scope, layouts, temps, pacer)
        : await writeWorkbook(db, scope, layouts, temps[0], pacer, (workbook, book, names, sheets) =>
            writeCleanNotesSheet(db, workbook, book, names, scope, clock, {
              sheets,
              layout: input.layout ?? 'source',
              dates: input.dates ?? 'source',
              exportedAt: started,
              workspaceName,
            }),
          );
    control.throwIfCancelled();
    const bytes = files.commit();
    pacer.finish('Cleaned data written');
    return {
      path: targets[0],
      files: targets,
      sheets,
      rows: pacer.rows,
      bytes,
      durationMs: Date.now() - started,
      notesOmitted: 0,
    };
  } catch (err) {
    files.discard();
    throw err;
  }
}

/**
 * The categories to write: one asked for by name is written even when empty (its headers are an
 * answer); of several, those with records in scope. `named` is how many the file names count.
 */
function categoriesToWrite(
  db: Db,
  scope: RecordScope,
  asked: CleanExportInput['category'],
): { categories: Category[]; named: Category[] } {
  const wanted = asked === undefined ? undefined : Array.isArray(asked) ? asked : [asked];
  if (scope.filtered && wanted && wanted.some((c) => !scope.categories.includes(c))) {
    throw new ContractFailure('BAD_FILTER', `The filter is on ${scope.categories[0]}: export that category only.`);
  }
  const named = CATEGORIES.filter((c) => (wanted ?? scope.categories).includes(c));
  if (named.length === 1) return { categories: named, named };
  const present = new Set(
    (
      db
        .prepare(`SELECT DISTINCT r.category FROM records r WHERE (${scope.sql})`)
        .all(...scope.params) as { category: string }[]
    ).map((r) => r.category),
  );
  const categories = named.filter((c) => present.has(c));
  if (categories.length === 0) throw new ContractFailure('NOTHING_TO_EXPORT', 'There are no records to export: import a file first.');
  return { categories, named };
}

function countRecords(db: Db, scope: RecordScope, categories: Category[]): number {
  const row = db
    .prepare(
      `SELECT count(*) AS n FROM records r WHERE r.category IN (${categories.map(() => '?').join(',')}) AND (${scope.sql})`,
    )
    .get(...categories, ...scope.params) as { n: number };
  return row.n;
}

function records(db: Db, scope: RecordScope, category: Category): IterableIterator<CleanRecord> {
  // The customer's row order: by source sheet and row; records added in the app come last.
  return db
    .prepare(
      `SELECT r.sheet_id, r.values_json, r.original_json, r.source_json
         FROM records_wide r
        WHERE r.category = ? AND (${scope.sql})
        ORDER BY r.sheet_id IS NULL, r.sheet_id, r.source_row, r.id`,
    )
    .iterate(category, ...scope.params) as IterableIterator<CleanRecord>;
}

async function writeCsvFiles(
  db: Db,
  scope: RecordScope,
  layouts: CleanLayout[],
  temps: string[],
  pacer: Pacer,
): Promise<string[]> {
  for (let i = 0; i < layouts.length; i++) {
    const layout = layouts[i];
    const csv = new CsvFile(temps[i], layout.delimiter);
    try {
      await csv.row(layout.headers);
      const message = `Writing ${CATEGORY_LABELS[layout.category]}`;
      for (const record of records(db, scope, layout.category)) {
        await csv.row(layout.row(record));
        await pacer.row(message);
      }
      await csv.close();
    } catch (err) {
      csv.abort();
      throw err;
    }
  }
  return layouts.map((l) => l.category);
}

/** The sheet written after the category sheets (the notes), given what they were named. */
type NotesWriter = (
  workbook: stream.xlsx.WorkbookWriter,
  book: StyleBook,
  names: SheetNames,
  sheets: { category: Category; name: string }[],
) => string;

async function writeWorkbook(
  db: Db,
  scope: RecordScope,
  layouts: CleanLayout[],
  temp: string,
  pacer: Pacer,
  writeNotes: NotesWriter,
): Promise<string[]> {
  const xlsx = new XlsxFile(temp);
  const book = new StyleBook();
  const names = new SheetNames();
  const epoch = book.get({ numFmt: INTEGER_FORMAT });
  const date = book.get({ numFmt: 'yyyy-mm-dd' });
  const dateTime = book.get({ numFmt: DATE_FORMAT });
  const sheets: { category: Category; name: string }[] = [];
  try {
    for (const layout of layouts) {
      // Named for the category, whatever the customer's sheets were called: the notes say which.
      const name = names.take(CATEGORY_LABELS[layout.category]);
      sheets.push({ category: layout.category, name });
      const sample = db
        .prepare(
          `SELECT r.sheet_id, r.values_json, r.original_json, r.source_json FROM records_wide r
            WHERE r.category = ? AND (${scope.sql}) ORDER BY r.id LIMIT 200`,
        )
        .all(layout.category, ...scope.params) as CleanRecord[];
      const sampleRows = sample.map((r) => layout.row(r));
      const sheet = new SheetWriter(
        xlsx.workbook,
        name,
        layout.headers.map((header, i) => ({
          header,
          width: widthFor(
            header,
            sampleRows.map((r) => (r[i] === null ? '' : r[i] instanceof Date ? 'yyyy-mm-dd hh:mm' : String(r[i]))),
          ),
        })),
        book,
      );
      const message = `Writing ${CATEGORY_LABELS[layout.category]}`;
      for (const record of records(db, scope, layout.category)) {
        const values = layout.row(record);
        // 13-digit epoch ms would show as 1.73E+12 in General format; a date cell shows its time only when it has one.
        sheet.row(
          values,
          values.map((v) =>
            v instanceof Date
              ? v.getTime() % 86_400_000 === 0
                ? date
                : dateTime
              : typeof v === 'number' && Math.abs(v) >= 1e10
                ? epoch
                : undefined,
          ),
        );
        xlsx.check();
        await pacer.row(message, sheet);
      }
      sheet.commit();
    }
    const notes = writeNotes(xlsx.workbook, book, names, sheets);
    await xlsx.commit();
    return [...sheets.map((s) => s.name), notes];
  } catch (err) {
    xlsx.abort();
    throw err;
  }
}
