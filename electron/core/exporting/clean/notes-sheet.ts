import type { stream } from 'exceljs';
import { CATEGORY_LABELS, type Category } from '../../../../shared/domain';
import type { ExportDateMode, ExportLayout } from '../../../../shared/contract/export';
import type { Db } from '../../db/connection';
import type { StyleBook } from '../cell-styles';
import type { RecordScope } from '../record-scope';
import { SheetWriter, type SheetNames } from '../sheet-writer';
import type { ZoneClock } from '../zone-time';

export interface CleanNotesFacts {
  /** Each category's sheet, in the order written. */
  sheets: { category: Category; name: string }[];
  layout: ExportLayout;
  dates: ExportDateMode;
  exportedAt: number;
  workspaceName: string;
}

/**
 * The last sheet of a cleaned workbook: where each category sheet's rows came from (file and
 * sheet), so the category sheets themselves keep nothing but the customer's header row and data,
 * ready to load back into their ATS.
 */
export function writeCleanNotesSheet(
  db: Db,
  workbook: stream.xlsx.WorkbookWriter,
  book: StyleBook,
  names: SheetNames,
  scope: RecordScope,
  clock: ZoneClock,
  facts: CleanNotesFacts,
): string {
  const name = names.take('Notes');
  const sheet = new SheetWriter(
    workbook,
    name,
    [
      { header: 'Sheet', width: 22 },
      { header: 'Category', width: 20 },
      { header: 'Source file', width: 36 },
      { header: 'Source sheet', width: 24 },
      { header: 'Records', width: 10 },
    ],
    book,
  );
  const bySheet = db.prepare(
    `SELECT f.name AS file, s.name AS sheet, count(*) AS n
       FROM records r LEFT JOIN source_sheets s ON s.id = r.sheet_id LEFT JOIN source_files f ON f.id = s.file_id
      WHERE r.category = ? AND (${scope.sql})
      GROUP BY r.sheet_id ORDER BY r.sheet_id IS NULL, min(r.id)`,
  );
  for (const { category, name: sheetName } of facts.sheets) {
    const sources = bySheet.all(category, ...scope.params) as { file: string | null; sheet: string | null; n: number }[];
    if (sources.length === 0) sheet.row([sheetName, CATEGORY_LABELS[category], null, null, 0]);
    for (const s of sources) {
      // A record added in the app, or whose source sheet was removed, has no file to name.
      sheet.row([sheetName, CATEGORY_LABELS[category], s.file ?? '(added in RSC Workbench)', s.sheet, s.n]);
    }
  }
  const bold = book.get({ bold: true });
  sheet.blankRow();
  sheet.row(['Workspace', facts.workspaceName], [bold]);
  sheet.row(['Exported at', clock.describe(facts.exportedAt)], [bold]);
  sheet.row(['Columns', facts.layout === 'rsc' ? 'RSC fields, one column each' : "The customer's own headers and order"], [bold]);
  sheet.row(['Dates', facts.dates === 'epochMs' ? 'Epoch milliseconds' : 'As the source wrote them'], [bold]);
  sheet.commit();
  return name;
}
